/**
 * "Take it home" and "Print", in the reader's tools row above the control bar (which is kept to the
 * reading itself), so they are within reach with the other controls. On the last section the QR code
 * is also shown at the end of the text, without a tap: that is where a patient who has read to the
 * end is.
 */
import { useServices, useT, useVisit } from '../../app/kiosk-context';
import { isPersonalReader, readerLink } from '../../app/reader-link';
import type { Handout, Section } from '../../content/model';
import { BigButton } from '../../ui/big-button';
import { lazyComponent } from '../../app/lazy';
import './take-home.css';

// The QR library and the print rendering come in their own chunks, fetched when first shown.
const TakeHomePanel = lazyComponent(() => import('./panel').then((m) => m.TakeHomePanel), { name: 'take-home' });

/** The link for this place, or null where there is nowhere to take it: no public copy, or already on the phone. */
export function takeHomeLink(publicUrl: string | undefined, handout: Handout, section: Section): string | null {
  if (!publicUrl || (typeof location !== 'undefined' && isPersonalReader(location.search))) return null;
  return readerLink(publicUrl, { lang: handout.lang, handout: handout.id, sectionIndex: section.index });
}

/**
 * "Take it home" and "Print", for the reader's tools row: with the other controls, so within a
 * seated patient's reach on a portrait screen (never in the scrolling text, which starts at the top).
 */
export function TakeHomeButtons({ handout, section }: { handout: Handout; section: Section }) {
  const t = useT();
  const visit = useVisit();
  const { config } = useServices();
  const link = takeHomeLink(config.site.publicUrl, handout, section);
  const canPrint = config.print?.enabled ?? false;
  return (
    <>
      {link && (
        <BigButton icon="phone" onClick={() => visit.openDialog('take-home')} data-action="take-home">
          {t('takeHome.open')}
        </BigButton>
      )}
      {canPrint && (
        <BigButton
          icon="print"
          data-action="print"
          onClick={() =>
            // The print code and the figures take a moment; a reset in between cancels the sheet.
            void import('../print').then((m) => m.printHandout(handout, { publicUrl: config.site.publicUrl, t, wanted: () => visit.state.peek().name !== 'ended' }))
          }
        >
          {t('reader.print')}
        </BigButton>
      )}
    </>
  );
}

/** Whether the reader has a take-home or print button to show. */
export function hasTakeHomeButtons(publicUrl: string | undefined, printEnabled: boolean | undefined, handout: Handout, section: Section): boolean {
  return takeHomeLink(publicUrl, handout, section) !== null || printEnabled === true;
}

/** On the last section, the QR code in the text itself, where the handout ends. */
export function TakeHomeAtEnd({ handout, section }: { handout: Handout; section: Section }) {
  const { config } = useServices();
  const link = takeHomeLink(config.site.publicUrl, handout, section);
  if (!link || section.index !== handout.sections.length - 1) return null;
  return (
    <div class="reader-extras">
      <TakeHomePanel link={link} headingLevel={2} inText />
    </div>
  );
}
