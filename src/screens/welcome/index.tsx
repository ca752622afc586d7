import { useServices, useT, useVisit } from '../../app/kiosk-context';
import { BigButton } from '../../ui/big-button';
import { useFocusOnMount } from '../../ui/focus';
import { ScreenTopBar } from '../chrome';
import './welcome.css';

/** The first screen: every configured language by its own name, in its own script; no flags. */
export function WelcomeScreen() {
  const t = useT();
  const visit = useVisit();
  const { i18n, prompter } = useServices();
  // On a fresh visit nothing had focus before; after "Language" from the reader, start at the heading.
  const heading = useFocusOnMount<HTMLHeadingElement>(visit.handout.value !== null);
  return (
    <>
      <ScreenTopBar showHome={visit.handout.value !== null} />
      <main class="welcome">
        <h1 class="welcome__title" tabIndex={-1} ref={heading}>
          {t('welcome.greeting')}
        </h1>
        <ul class="welcome__languages" role="list">
          {i18n.languages.map((language) => (
            <li key={language.code}>
              <button
                type="button"
                class="welcome__language"
                lang={language.code}
                dir={language.dir}
                aria-current={language.code === i18n.language.value && visit.handout.value ? 'true' : undefined}
                data-language={language.code}
                // Each name is spoken in its own language, so a patient who cannot read any of them can
                // find theirs (the keypad path does the same when it reaches the button).
                onClick={() => {
                  prompter.say(language.code, [language.name]);
                  void visit.chooseLanguage(language.code);
                }}
              >
                {language.name}
              </button>
            </li>
          ))}
        </ul>
        <p class="welcome__hint">{t('welcome.keypadHint')}</p>
        <BigButton
          aria-pressed={visit.prefs.touchToHear.value ? 'true' : 'false'}
          data-action="touch-to-hear"
          onClick={() => {
            const on = !visit.prefs.touchToHear.peek();
            visit.prefs.setTouchToHear(on);
            prompter.say(i18n.language.peek(), [t(on ? 'voice.touchToHearOn' : 'voice.touchToHearOff')]);
          }}
        >
          {t('welcome.touchToHear')}
        </BigButton>
      </main>
    </>
  );
}
