/** The QR code and the written-out link; inline on the last section, or in the "Take it home" dialog. */
import { useServices, useT, useVisit } from '../../app/kiosk-context';
import { DialogName, Modal } from '../../ui/modal';
import { QrCode } from '../../ui/qr-code';
import { takeHomeLink } from './actions';
import './take-home.css';

/**
 * `inText`: the panel sits in the scrolling text of the last section, which may be above a seated
 * patient's reach, so the link there is words to copy, not a control; the "Take it home" dialog
 * (its button is within reach) has the link as a button that says it aloud.
 */
export function TakeHomePanel({ link, headingLevel, inText = false }: { link: string; headingLevel: 2 | 3 | null; inText?: boolean }) {
  const t = useT();
  const { prompter, i18n } = useServices();
  const Heading = headingLevel ? (`h${headingLevel}` as const) : null;
  return (
    <section class="take-home" aria-label={Heading ? undefined : t('takeHome.title')} data-take-home>
      {Heading && <Heading class="take-home__title">{t('takeHome.title')}</Heading>}
      <div class="take-home__body">
        <QrCode text={link} label={t('takeHome.code')} />
        <div class="take-home__words">
          <p>{t('takeHome.scan')}</p>
          <p>{t('takeHome.type')}</p>
          {/*
            The link as a button: reached by the keypad it is announced like any item, and pressed it
            is said again, for someone copying it down by ear. dir=ltr: an address reads left to right
            even on an Arabic page.
          */}
          {inText ? (
            <p class="take-home__link" dir="ltr" lang="en" data-link={link}>
              {link}
            </p>
          ) : (
            <button type="button" class="take-home__link" dir="ltr" lang="en" data-link={link} onClick={() => prompter.say(i18n.language.peek(), [link])}>
              {link}
            </button>
          )}
        </div>
      </div>
    </section>
  );
}

export function TakeHomeDialog() {
  const t = useT();
  const visit = useVisit();
  const { config } = useServices();
  const handout = visit.handout.value;
  const section = visit.section.value;
  const link = handout && section ? takeHomeLink(config.site.publicUrl, handout, section) : null;
  return (
    <DialogName.Provider value="take-home">
      <Modal title={t('takeHome.title')} closeLabel={t('common.close')} onClose={() => visit.closeDialog()}>
        {link && <TakeHomePanel link={link} headingLevel={null} />}
      </Modal>
    </DialogName.Provider>
  );
}
