import { BigButton } from '../big-button';
import { Icon } from '../icon';
import './touch-mode-bar.css';

export interface TouchModeBarProps {
  /** "Touch to hear is on". */
  title: string;
  /** How a touch behaves now, or which item a second touch will choose. */
  detail: string;
  turnOffLabel: string;
  onTurnOff: () => void;
  /** Said when nothing will be heard: the visit's language has no voice (text only). */
  note?: string;
}

/**
 * Shown whenever a touch behaves differently from usual, on the page and inside every dialog: what
 * the mode is, in words and an icon, and one large control to leave it. Without it, a touch that
 * only speaks looks like a broken screen to a patient who never asked for speech.
 */
export function TouchModeBar({ title, detail, turnOffLabel, onTurnOff, note }: TouchModeBarProps) {
  return (
    <div class="touch-mode-bar" data-touch-mode-bar>
      <Icon name="speak" />
      {/* A status: assistive technology hears the mode and, later, the item a second touch chooses. */}
      <p class="touch-mode-bar__text" role="status">
        <strong>{title}</strong> <span data-touch-mode-detail>{detail}</span>
        {/* A touch that "speaks" in silence must not look like a broken screen either. */}
        {note && (
          <>
            {' '}
            <span class="touch-mode-bar__note" data-touch-mode-note>
              {note}
            </span>
          </>
        )}
      </p>
      {/* Acts on the first touch, even in this mode (app/keypad-bridge lets it through). */}
      <BigButton variant="primary" icon="close" onClick={onTurnOff} data-action="touch-to-hear-off" data-touch-direct>
        {turnOffLabel}
      </BigButton>
    </div>
  );
}
