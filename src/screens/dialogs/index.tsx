import { useEffect } from 'preact/hooks';
import { useServices, useT, useVisit } from '../../app/kiosk-context';
import { TEXT_SIZES, THEMES, type TextSize, type Theme } from '../../kiosk/prefs';
import type { UiKey } from '../../i18n/keys';
import { BigButton } from '../../ui/big-button';
import { TextWithPhoneNumbers } from '../../ui/phone-numbers';
import { ChoiceGroup } from '../../ui/choice-group';
import { DialogName, Modal } from '../../ui/modal';
import { SourceNote } from '../reader';
import { SCREEN_KEYS } from '../screen-keys';
import { lazyComponent } from '../../app/lazy';

// Only staff ever open it: its code stays off the patients' path.
const StaffDialog = lazyComponent(() => import('../staff').then((m) => m.StaffDialog), { name: 'staff' });
// The QR library comes with it, only when a patient asks to take a handout home.
const TakeHomeDialog = lazyComponent(() => import('../take-home/panel').then((m) => m.TakeHomeDialog), { name: 'take-home' });
import './dialogs.css';

/** Whichever dialog the visit has open, or nothing; named as the state names it (`data-dialog`). */
export function OpenDialog() {
  const visit = useVisit();
  const open = visit.dialog.value;
  return open && <DialogName.Provider value={open}>{dialogFor(open)}</DialogName.Provider>;
}

function dialogFor(open: string) {
  switch (open) {
    case 'help':
      return <HelpDialog />;
    case 'sections':
      return <SectionsDialog />;
    case 'display':
      return <SettingsDialog />;
    case 'staff':
      return <StaffDialog />;
    case 'term':
      return <TermDialog />;
    case 'take-home':
      return <TakeHomeDialog />;
    default:
      return null;
  }
}

function HelpDialog() {
  const t = useT();
  const visit = useVisit();
  return (
    <Modal title={t('help.title')} closeLabel={t('common.close')} onClose={() => visit.closeDialog()}>
      <p>{t(SCREEN_KEYS[visit.screen.value].help(visit))}</p>
    </Modal>
  );
}

function SectionsDialog() {
  const t = useT();
  const visit = useVisit();
  const handout = visit.handout.value;
  if (!handout) return null;
  return (
    <Modal title={t('reader.sectionList')} closeLabel={t('common.close')} onClose={() => visit.closeDialog()}>
      <ol class="section-list" lang={handout.lang} dir={handout.dir}>
        {handout.sections.map((section) => {
          const current = section.index === visit.sectionIndex.value;
          return (
            <li key={section.id}>
              <BigButton class="section-list__item" aria-current={current ? 'true' : undefined} onClick={() => visit.goToSection(section.index)} data-section={section.id}>
                {/* The list is numbered for assistive technology already; the digit is for the eye. */}
                <span class="section-list__number" aria-hidden="true">
                  {section.index + 1}
                </span>
                {section.text.slice(section.heading.start, section.heading.end)}
              </BigButton>
            </li>
          );
        })}
      </ol>
      <SourceNote handout={handout} label={t('reader.source')} />
    </Modal>
  );
}

/**
 * What a marked term means: a short card, read aloud from its prepared clip as it opens, closed with
 * one touch (or Back). The reading pauses while it is open (speech/one-voice), so two voices never
 * speak at once; a language with no voice says on the card that it is text only.
 */
function TermDialog() {
  const t = useT();
  const visit = useVisit();
  const { prompter, i18n } = useServices();
  const handout = visit.handout.value;
  const id = visit.term.value;
  const entry = id ? handout?.glossary?.[id] : undefined;
  const textOnly = handout ? i18n.languages.find((l) => l.code === handout.lang)?.textOnly !== undefined : false;
  useEffect(() => {
    if (!handout || !entry) return;
    if (!textOnly) prompter.say(handout.lang, [entry.term, entry.definition]);
    return () => prompter.stop();
    // oxlint-disable-next-line react-hooks/exhaustive-deps -- said once per term opened, not again when the same card re-renders.
  }, [id]);
  if (!handout || !entry) return null;
  return (
    <Modal title={entry.term} closeLabel={t('common.close')} onClose={() => visit.closeDialog()}>
      <div class="term-card" lang={handout.lang} dir={handout.dir} data-term-card={id}>
        <p class="term-card__definition">
          <TextWithPhoneNumbers text={entry.definition} />
        </p>
        {textOnly && (
          <p class="term-card__note" data-notice="text-only">
            {t('glossary.textOnly')}
          </p>
        )}
      </div>
    </Modal>
  );
}

const SIZE_LABELS: Record<TextSize, UiKey> = {
  medium: 'reader.sizeMedium',
  large: 'reader.sizeLarge',
  'extra-large': 'reader.sizeExtraLarge',
};
const THEME_LABELS: Record<Theme, UiKey> = {
  default: 'reader.themeDefault',
  contrast: 'reader.themeContrast',
  dark: 'reader.themeDark',
};

const SPEEDS = ['0.75', '1', '1.25', '1.5', '2'] as const;
const VOLUME_STEP = 0.1;

function SettingsDialog() {
  const t = useT();
  const visit = useVisit();
  const { prefs, player } = visit;
  const percent = Math.round(player.volume.value * 100);
  return (
    <Modal title={t('reader.settings')} closeLabel={t('common.close')} onClose={() => visit.closeDialog()}>
      <h3 class="settings__group">{t('reader.reading')}</h3>
      <ChoiceGroup
        legend={t('reader.speed')}
        name="speed"
        value={String(player.rate.value)}
        choices={SPEEDS.map((value) => ({ value, label: t('reader.speedValue', { rate: Number(value).toLocaleString(visit.handout.value?.lang) }) }))}
        onChange={(value) => player.setRate(Number(value))}
      />
      <fieldset class="settings__volume">
        <legend>{t('reader.volume')}</legend>
        <div class="settings__volume-row">
          <BigButton onClick={() => player.setVolume(player.volume.value - VOLUME_STEP)} disabled={percent <= 0} data-action="quieter">
            {t('reader.quieter')}
          </BigButton>
          <output class="settings__volume-value" aria-live="polite">
            {t('reader.volumeValue', { percent })}
          </output>
          <BigButton onClick={() => player.setVolume(player.volume.value + VOLUME_STEP)} disabled={percent >= 100} data-action="louder">
            {t('reader.louder')}
          </BigButton>
          <BigButton variant="quiet" onClick={() => player.resetVolume()} data-action="reset-volume">
            {t('reader.resetVolume')}
          </BigButton>
        </div>
      </fieldset>
      <ChoiceGroup
        legend={t('reader.autoAdvance')}
        name="auto-advance"
        value={prefs.autoAdvance.value ? 'on' : 'off'}
        choices={[
          { value: 'on', label: t('reader.on') },
          { value: 'off', label: t('reader.off') },
        ]}
        onChange={(value) => prefs.setAutoAdvance(value === 'on')}
      />
      <h3 class="settings__group">{t('reader.display')}</h3>
      <ChoiceGroup
        legend={t('reader.textSize')}
        name="text-size"
        value={prefs.textSize.value}
        choices={TEXT_SIZES.map((value) => ({ value, label: t(SIZE_LABELS[value]) }))}
        onChange={(value) => prefs.setTextSize(value)}
      />
      <ChoiceGroup
        legend={t('reader.theme')}
        name="theme"
        value={prefs.theme.value}
        choices={THEMES.map((value) => ({ value, label: t(THEME_LABELS[value]) }))}
        onChange={(value) => prefs.setTheme(value)}
      />
    </Modal>
  );
}
