/**
 * The touch-mode bar wired to the visit: shown while touch-to-hear is on, on the page and in every
 * dialog (through the modal's notice slot), naming the item a second touch will choose.
 */
import { useServices, useT, useVisit } from '../app/kiosk-context';
import { TouchModeBar } from '../ui/touch-mode-bar';
import { useArming } from './touch-arming';

export function TouchMode() {
  const t = useT();
  const visit = useVisit();
  const arming = useArming();
  const { prompter, i18n } = useServices();
  if (!visit.touchToHear.value) return null;
  const armed = arming.armed.value;
  // A text-only language has no voice for the prompts: the bar says so in that language.
  const textOnly = i18n.languages.find((language) => language.code === i18n.language.value)?.textOnly;
  return (
    <TouchModeBar
      title={t('touchMode.on')}
      detail={armed ? t('touchMode.armed', { item: armed.label }) : t('touchMode.how')}
      turnOffLabel={t('touchMode.turnOff')}
      note={textOnly}
      onTurnOff={() => {
        visit.setTouchToHear(false);
        prompter.say(i18n.language.peek(), [t('voice.touchToHearOff')]);
      }}
    />
  );
}
