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
}

/**
 * Shown whenever a touch behaves differently from usual, on the page and inside every dialog: what
 * the mode is, in words and an icon, and one large control to leave it. Without it, a touch that
 * only speaks looks like a broken screen to a patient who never asked for speech.
 */
export function TouchModeBar({ title, detail, turnOffLabel, onTurnOff }: TouchModeBarProps) {
  return (
    <div class="touch-mode-bar" data-touch-mode-bar>
      <Icon name="speak" />
      {/* A status: assistive technology hears the mode and, later, the item a second touch chooses. */}
      <p class="touch-mode-bar__text" role="status">
        <strong>{title}</strong> <span data-touch-mode-detail>{detail}</span>
      </p>
      {/* Acts on the first touch, even in this mode (screens/keypad-bridge lets it through). */}
      <BigButton variant="primary" icon="close" onClick={onTurnOff} data-action="touch-to-hear-off" data-touch-direct>
        {turnOffLabel}
      </BigButton>
    </div>
  );
}
