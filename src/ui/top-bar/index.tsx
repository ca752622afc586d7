import type { HTMLAttributes } from 'preact';
import { BigButton } from '../big-button';
import './top-bar.css';

export interface TopBarProps {
  appName: string;
  labels: { home: string; language: string; help: string };
  /** The home button is left out on the welcome screen, where there is nowhere to go back to. */
  onHome?: () => void;
  onLanguage: () => void;
  onHelp: () => void;
  /** Extra handlers on the app name, which hides the long press that opens the staff panel. */
  nameProps?: HTMLAttributes<HTMLParagraphElement>;
}

/**
 * The same bar, with Language and Help in the same place, on every screen: a patient who has found
 * them once can find them again without looking.
 */
export function TopBar({ appName, labels, onHome, onLanguage, onHelp, nameProps }: TopBarProps) {
  return (
    <header class="top-bar">
      <p class="top-bar__name" {...nameProps}>
        {appName}
      </p>
      <nav class="top-bar__actions" aria-label={appName}>
        {onHome && (
          <BigButton icon="home" variant="quiet" onClick={onHome} data-action="home">
            {labels.home}
          </BigButton>
        )}
        <BigButton icon="language" onClick={onLanguage} data-action="language">
          {labels.language}
        </BigButton>
        <BigButton icon="help" onClick={onHelp} data-action="help">
          {labels.help}
        </BigButton>
      </nav>
    </header>
  );
}
