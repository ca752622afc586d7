/**
 * "Take it home" and "Print", at the end of every section: the reader's one place for them, below
 * the text, so the control bar (kept to the reading itself) does not change. On the last section the
 * QR code is shown there too, without a tap: that is where a patient who has read to the end is.
 */
import { useServices, useT, useVisit } from '../../app/kiosk-context';
import { isPersonalReader, readerLink } from '../../app/reader-link';
import type { Handout, Section } from '../../content/model';
import { BigButton } from '../../ui/big-button';
import { lazyComponent } from '../../ui/lazy';
import './take-home.css';

// The QR library and the print rendering come in their own chunks, fetched when first shown.
const TakeHomePanel = lazyComponent(() => import('./panel').then((m) => m.TakeHomePanel), { name: 'take-home' });

/** The link for this place, or null where there is nowhere to take it: no public copy, or already on the phone. */
export function takeHomeLink(publicUrl: string | undefined, handout: Handout, section: Section): string | null {
  if (!publicUrl || (typeof location !== 'undefined' && isPersonalReader(location.search))) return null;
  return readerLink(publicUrl, { lang: handout.lang, handout: handout.id, sectionIndex: section.index });
}

export function ReaderExtras({ handout, section }: { handout: Handout; section: Section }) {
  const t = useT();
  const visit = useVisit();
  const { config } = useServices();
  const link = takeHomeLink(config.site.publicUrl, handout, section);
  const canPrint = config.print?.enabled === true;
  if (!link && !canPrint) return null;
  const last = section.index === handout.sections.length - 1;
  return (
    <div class="reader-extras">
      <div class="reader-extras__buttons">
        {link && (
          <BigButton icon="phone" onClick={() => visit.openDialog('take-home')} data-action="take-home">
            {t('takeHome.open')}
          </BigButton>
        )}
        {canPrint && (
          <BigButton
            icon="print"
            data-action="print"
            onClick={() => void import('../print').then((m) => m.printHandout(handout, { publicUrl: config.site.publicUrl, t }))}
          >
            {t('reader.print')}
          </BigButton>
        )}
      </div>
      {last && link && <TakeHomePanel link={link} headingLevel={2} />}
    </div>
  );
}
