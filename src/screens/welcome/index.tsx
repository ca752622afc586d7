import { useServices, useT, useVisit } from '../../app/kiosk-context';
import { useFocusOnMount } from '../../ui/focus';
import { ScreenTopBar } from '../chrome';
import './welcome.css';

/** The first screen: every configured language by its own name, in its own script; no flags. */
export function WelcomeScreen() {
  const t = useT();
  const visit = useVisit();
  const { i18n } = useServices();
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
                onClick={() => void visit.chooseLanguage(language.code)}
              >
                {language.name}
              </button>
            </li>
          ))}
        </ul>
        <p class="welcome__hint">{t('welcome.keypadHint')}</p>
      </main>
    </>
  );
}
