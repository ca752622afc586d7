/**
 * "Print": the whole handout, every section, in the chosen language, drawn once into a print-only
 * copy beside the app and handed to the browser's print. The print stylesheet shows that copy alone
 * (none of the kiosk's controls), in large type, a section to a page, right to left where the
 * language is. Run Chromium with --kiosk-printing and it prints at once, with no dialog (README).
 *
 * The copy is outside the app (a second Preact root on <body>), so the stylesheet can hide the whole
 * app with one rule and no kiosk control can slip into a page. It is removed after printing: nothing
 * of one patient's choice stays for the next.
 */
import { signal } from '@preact/signals';
import { render } from 'preact';
import { readerLink } from '../../app/reader-link';
import type { Handout } from '../../content/model';
import type { Translate } from '../../i18n/keys';
import { QrCode } from '../../ui/qr-code';
import { SectionText } from '../../ui/section-text';
import { SourceNote } from '../reader';
import './print.css';

const NOTHING_READ = signal(-1);

export interface PrintOptions {
  publicUrl?: string | undefined;
  t: Translate;
  /** The browser's print; tests and the benchmark pass their own. */
  print?: () => void;
  /** False once the visit that asked has ended: the next patient gets no sheet of the last one's handout. */
  wanted?: () => boolean;
}

export function PrintCopy({ handout, publicUrl, t }: { handout: Handout; publicUrl?: string | undefined; t: Translate }) {
  // The printed QR code opens the handout at its start: a sheet is read from the top.
  const link = publicUrl ? readerLink(publicUrl, { lang: handout.lang, handout: handout.id, sectionIndex: 0 }) : null;
  return (
    <article class="print-copy__handout" lang={handout.lang} dir={handout.dir}>
      <h1 class="print-copy__title">{handout.title}</h1>
      {handout.sections.map((section) => (
        <section key={section.id} class="print-copy__section" data-section={section.id}>
          <SectionText section={section} lang={handout.lang} dir={handout.dir} currentWord={NOTHING_READ} currentSentence={NOTHING_READ} figureLabel={t('reader.figure')} />
        </section>
      ))}
      {link && (
        <aside class="print-copy__take-home">
          <QrCode text={link} label={t('takeHome.code')} />
          <div>
            <p>{t('takeHome.scan')}</p>
            <p dir="ltr" class="print-copy__link">
              {link}
            </p>
          </div>
        </aside>
      )}
      <SourceNote handout={handout} label={t('reader.source')} />
    </article>
  );
}

/** Draws the print copy, waits for its figures, prints, and removes the copy when printing is over. */
export async function printHandout(handout: Handout, { publicUrl, t, print = () => window.print(), wanted = () => true }: PrintOptions): Promise<void> {
  document.querySelector('.print-copy')?.remove();
  if (!wanted()) return;
  const host = document.createElement('div');
  host.className = 'print-copy';
  document.body.append(host);
  render(<PrintCopy handout={handout} publicUrl={publicUrl} t={t} />, host);
  // A figure still loading would print as an empty box.
  await Promise.all([...host.querySelectorAll('img')].map((img) => img.decode().catch(() => undefined)));
  if (!wanted()) {
    render(null, host);
    host.remove();
    return;
  }
  host.dataset.ready = 'true';
  window.addEventListener(
    'afterprint',
    () => {
      render(null, host);
      host.remove();
    },
    { once: true },
  );
  print();
}
