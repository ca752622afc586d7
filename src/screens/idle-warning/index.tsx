import { useEffect } from 'preact/hooks';
import { useServices, useT, useVisit } from '../../app/kiosk-context';
import { Modal } from '../../ui/modal';
import './idle-warning.css';

/** "Are you still there?" with a visible countdown, when the visit says it shows (app/visit-machine). */
export function IdleWarning() {
  const t = useT();
  const visit = useVisit();
  const { idle, prompter, i18n } = useServices();
  const warning = visit.idleWarningShown.value;
  const seconds = idle.secondsLeft.value;
  const announce = warning && (seconds % 10 === 0 || seconds <= 5 || seconds === Math.ceil(idle.warningMs / 1000));
  // Spoken as well as shown: a patient who cannot see the screen must hear the countdown too.
  useEffect(() => {
    if (!announce) return;
    const lang = i18n.language.peek();
    const body = t('idle.body', { count: seconds });
    prompter.say(lang, seconds === Math.ceil(idle.warningMs / 1000) ? [t('idle.title'), body] : [body]);
    // oxlint-disable-next-line react-hooks/exhaustive-deps -- spoken when the count moves on, not when anything else re-renders.
  }, [announce, seconds]);
  if (!warning) return null;
  return (
    <Modal name="idle" title={t('idle.title')} closeLabel={t('idle.continue')} onClose={() => idle.activity()}>
      <p class="idle-warning__count" aria-hidden="true">
        {seconds}
      </p>
      {/* Announced every ten seconds and in the last five, not every second. */}
      <p class="idle-warning__body" aria-live={seconds % 10 === 0 || seconds <= 5 ? 'polite' : 'off'}>
        {t('idle.body', { count: seconds })}
      </p>
    </Modal>
  );
}
