import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { useServices, useT, useVisit } from '../../app/kiosk-context';
import type { IdleClock } from '../../kiosk/idle';
import { BigButton } from '../../ui/big-button';
import { useFocusOnMount } from '../../a11y/focus';
import { prefersReducedMotion } from '../../a11y/motion';
import { ScreenTopBar } from '../../app/chrome';
import './welcome.css';

const GREETING_MS = 4000;

/** 0, 1, … count − 1, moving on every `ms` by the kiosk's clock while `running`. */
function useCycle(count: number, ms: number, clock: IdleClock, running: boolean) {
  const index = useSignal(0);
  useEffect(() => (running ? clock.every(ms, () => (index.value = (index.peek() + 1) % Math.max(count, 1))) : undefined), [count, ms, clock, index, running]);
  return index;
}

/**
 * Whether the greeting may keep changing: not for someone who asks their system for less motion, and
 * not once anyone touches the screen or presses a key (WCAG 2.2.2). It draws an eye from across the
 * waiting room; a patient looking for their language then reads a screen that holds still.
 */
function useAttractLoop() {
  const running = useSignal(!prefersReducedMotion());
  useEffect(() => {
    const stop = () => {
      running.value = false;
    };
    const options = { capture: true, once: true };
    addEventListener('pointerdown', stop, options);
    addEventListener('keydown', stop, options);
    return () => {
      removeEventListener('pointerdown', stop, options);
      removeEventListener('keydown', stop, options);
    };
  }, [running]);
  return running.value;
}

/** The first screen: every configured language by its own name, in its own script; no flags. */
export function WelcomeScreen() {
  const t = useT();
  const visit = useVisit();
  const { i18n, prompter, clock } = useServices();
  const greeting = useCycle(i18n.languages.length, GREETING_MS, clock, useAttractLoop());
  const shown = i18n.languages[greeting.value];
  // On a fresh visit nothing had focus before; after "Language" from the reader, start at the heading.
  const heading = useFocusOnMount<HTMLHeadingElement>(visit.returning.value);
  return (
    <>
      <ScreenTopBar showHome={visit.returning.value} />
      <main class="welcome">
        {/* Text to read, above a seated patient's reach in portrait; the choices go below it. */}
        <div class="welcome__intro">
          <h1 class="welcome__title" tabIndex={-1} ref={heading}>
            {t('welcome.greeting')}
          </h1>
          {/*
            The attract loop: the greeting in each language in turn, silently. Hidden from assistive
            technology, which has the heading above and each language's own button.
          */}
          {shown && shown.code !== i18n.language.value && (
            <p class="welcome__greeting" aria-hidden="true" lang={shown.code} dir={shown.dir} key={shown.code}>
              {shown.greeting}
            </p>
          )}
          <p class="welcome__hint">{t('welcome.keypadHint')}</p>
        </div>
        <div class="welcome__choices">
          <ul class="welcome__languages">
            {i18n.languages.map((language) => (
              <li key={language.code}>
                <button
                  type="button"
                  class="welcome__language"
                  lang={language.code}
                  dir={language.dir}
                  aria-current={language.code === i18n.language.value && visit.returning.value ? 'true' : undefined}
                  data-language={language.code}
                  // Each name is spoken in its own language, so a patient who cannot read any of them can
                  // find theirs (the keypad path does the same when it reaches the button).
                  onClick={() => {
                    prompter.say(language.code, [language.name]);
                    void visit.chooseLanguage(language.code);
                  }}
                >
                  {language.name}
                  {/* Said before the language is chosen, so nobody picks it expecting to hear it. */}
                  {language.textOnly && <span class="welcome__text-only">{language.textOnly}</span>}
                </button>
              </li>
            ))}
          </ul>
          <BigButton
            aria-pressed={visit.touchToHear.value ? 'true' : 'false'}
            data-action="touch-to-hear"
            onClick={() => {
              const on = !visit.touchToHear.peek();
              visit.setTouchToHear(on);
              prompter.say(i18n.language.peek(), [t(on ? 'voice.touchToHearOn' : 'voice.touchToHearOff')]);
            }}
          >
            {t('welcome.touchToHear')}
          </BigButton>
        </div>
      </main>
    </>
  );
}
