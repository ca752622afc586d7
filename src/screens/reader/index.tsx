import { useLayoutEffect, useRef } from 'preact/hooks';
import { useServices, useT, useVisit, useVoice } from '../../app/kiosk-context';
import { showsDraftNotice, type Handout, type Section } from '../../content/model';
import { BigButton } from '../../ui/big-button';
import { TextWithPhoneNumbers } from '../../ui/phone-numbers';
import { useFocusOnMount } from '../../a11y/focus';
import { SectionText } from '../../ui/section-text';
import { mountingFor, reachLines } from '../../kiosk/reach';
import { lazyComponent } from '../../app/lazy';
import { staffLanguageName, staffLanguageOf } from '../../config/staff-language';
import { ScreenTopBar } from '../../app/chrome';
import { hasTakeHomeButtons, TakeHomeAtEnd, TakeHomeButtons } from '../take-home/actions';
import { useFollowReading } from './use-follow-reading';
import { useSwipe } from './use-swipe';
import './reader.css';

// "Show in English" is for a moment with the nurse, not every visit: its code comes when asked for.
const CompareView = lazyComponent(() => import('./compare').then((m) => m.CompareView), { name: 'compare' });

export function ReaderScreen() {
  const t = useT();
  const visit = useVisit();
  const status = visit.handoutStatus.value;
  const handout = visit.handout.value;
  const section = visit.section.value;
  const heading = useFocusOnMount<HTMLHeadingElement>();
  // The heading drawn while the handout loads gives way to the handout's title: focus goes with it,
  // where it would otherwise fall to the page and a keypad user be told nothing.
  useLayoutEffect(() => {
    if (status === 'ready' && (document.activeElement === null || document.activeElement === document.body)) heading.current?.focus({ preventScroll: true });
  }, [status, heading]);
  return (
    <>
      <ScreenTopBar />
      <main class="reader" aria-busy={status === 'loading' ? 'true' : undefined}>
        {status === 'error' && (
          <p class="reader__message" role="alert">
            {t('reader.loadError')}
          </p>
        )}
        {status === 'loading' && <p class="reader__message">{t('reader.loading')}</p>}
        {handout && section && status === 'ready' ? (
          <ReaderBody handout={handout} section={section} headingRef={heading} />
        ) : (
          <h1 class="visually-hidden" tabIndex={-1} ref={heading}>
            {t('reader.loading')}
          </h1>
        )}
      </main>
    </>
  );
}

interface ReaderBodyProps {
  handout: Handout;
  section: Section;
  headingRef: { current: HTMLHeadingElement | null };
}

function ReaderBody({ handout, section, headingRef }: ReaderBodyProps) {
  const t = useT();
  const visit = useVisit();
  const { i18n, config } = useServices();
  const voice = useVoice();
  const player = visit.player;
  // Show in the clinic's language: offered when the visit is in another language; one touch returns.
  const staff = staffLanguageOf(config);
  const offerStaff = staff !== null && staff !== handout.lang;
  const compare = offerStaff && visit.comparing.value;
  const takeHome = hasTakeHomeButtons(config.site.publicUrl, config.print?.enabled, handout, section);
  const total = handout.sections.length;
  const sectionHeading = useRef<HTMLHeadingElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const announced = useRef<string | null>(null);
  const swipe = useSwipe(
    handout.dir,
    () => visit.nextSection(),
    () => visit.previousSection(),
  );
  // Only the portrait layout keeps the controls under the reach line (app.css); so does the reading.
  const reading = useFollowReading(scroller, () =>
    // A phone (the personal reader) is all within reach of the hand holding it.
    typeof matchMedia === 'function' && matchMedia('(orientation: portrait)').matches && document.documentElement.dataset.mode !== 'personal'
      ? reachLines(mountingFor(config.display?.mounting, 'portrait'), innerHeight).top
      : 0,
  );

  // A new section starts at its top, with focus on its heading, so a keyboard or screen-reader user
  // is not left on a Next button in the middle of nowhere. A layout effect: one frame of the new
  // section at the old one's scroll position would show the middle of the text, or a blank lead.
  useLayoutEffect(() => {
    reading.restart();
    if (announced.current !== null) sectionHeading.current?.focus({ preventScroll: true });
    announced.current = section.id;
    // oxlint-disable-next-line react-hooks/exhaustive-deps -- per section: `reading` is a new object at every render.
  }, [section.id]);

  const status = player.status.value;
  const busy = visit.speaking.value;
  const position = t('reader.sectionOf', { current: section.index + 1, total });
  const textOnly = i18n.languages.find((l) => l.code === handout.lang)?.textOnly !== undefined;
  const playLabel = busy ? t('reader.pause') : status === 'ended' ? t('reader.playAgain') : t('reader.play');
  const play = () => {
    if (busy) {
      player.pause();
      return;
    }
    reading.resume(null);
    voice.read();
  };

  // The section as the patient reads it: alone, or as the first side of the two-language view.
  const sectionText = (
    <SectionText
      section={section}
      lang={handout.lang}
      dir={handout.dir}
      currentWord={player.currentWord}
      currentSentence={player.currentSentence}
      headingRef={sectionHeading}
      figureLabel={t('reader.figure')}
      onWordTap={(word) => {
        reading.resume(null);
        voice.read(word);
      }}
      // The reading pauses while the card says what the term means (speech/one-voice).
      onTermTap={(term) => visit.openTerm(term)}
      onCurrentWord={(element) => reading.keepInView(element)}
    />
  );

  return (
    <>
      <div class="reader__head" lang={handout.lang} dir={handout.dir}>
        <h1 class="reader__title" tabIndex={-1} ref={headingRef}>
          {handout.title}
        </h1>
        <p class="reader__position">{position}</p>
        <ol class="reader__progress" aria-hidden="true">
          {handout.sections.map((s) => (
            <li key={s.id} class={s.index < section.index ? 'done' : s.index === section.index ? 'current' : ''} />
          ))}
        </ol>
        {showsDraftNotice(handout.meta) && <p class="reader__draft">{t('reader.draftTranslation')}</p>}
        {textOnly && (
          <p class="reader__notice" data-notice="text-only">
            {t('reader.textOnly')}
          </p>
        )}
        <div class="reader__listened" aria-hidden="true">
          <span style={{ transform: `scaleX(${player.progress.value})` }} />
        </div>
      </div>
      {/* Announces the new section's position politely; the section text itself is never live. */}
      <p class="visually-hidden" aria-live="polite">
        {position}
      </p>
      <div class="reader__scroll" ref={scroller} {...swipe}>
        {compare ? <CompareView handout={handout} section={section} staff={staff} patient={sectionText} currentSentence={player.currentSentence} /> : sectionText}
        {section.index === total - 1 && <SourceNote handout={handout} label={t('reader.source')} />}
        <TakeHomeAtEnd handout={handout} section={section} />
      </div>
      {!reading.following.value && busy && (
        <div class="reader__follow">
          <BigButton
            icon="play"
            variant="primary"
            data-action="follow"
            onClick={() => reading.resume(scroller.current?.querySelector<HTMLElement>('.word--current, .sentence--current') ?? null)}
          >
            {t('reader.follow')}
          </BigButton>
        </div>
      )}
      {(offerStaff || takeHome) && (
        // With the controls, not the title: within a seated patient's reach on a portrait screen.
        <div class="reader__tools">
          <TakeHomeButtons handout={handout} section={section} />
          {offerStaff && (
            <BigButton
              icon="language"
              class="reader__compare"
              data-action="compare"
              data-compare-on={compare ? 'true' : 'false'}
              onClick={() => {
                if (compare) return visit.setComparing(false);
                // The view's code first, so the text is never replaced by an empty space while it comes.
                void CompareView.preload()
                  .catch(() => {})
                  .then(() => visit.setComparing(true));
              }}
            >
              {compare ? t('reader.showOneLanguage') : t('reader.showIn', { language: staffLanguageName(i18n.language.value, staff) })}
            </BigButton>
          )}
        </div>
      )}
      <nav class="control-bar" aria-label={t('reader.sections')} dir={i18n.dir.value}>
        <BigButton icon="previous" onClick={() => visit.previousSection()} disabled={section.index === 0} data-action="previous">
          {t('reader.previous')}
        </BigButton>
        <BigButton icon="list" onClick={() => visit.openDialog('sections')} data-action="sections">
          {t('reader.sections')}
        </BigButton>
        <div class="control-bar__play">
          <BigButton icon={busy ? 'pause' : 'play'} variant="primary" class="control-bar__play-button" onClick={play} data-action="play" data-status={status}>
            {playLabel}
          </BigButton>
          {(status === 'unavailable' || status === 'error') && (
            <p class="control-bar__note" role="status">
              {t('reader.audioUnavailable')}
            </p>
          )}
        </div>
        <BigButton icon="display" onClick={() => visit.openDialog('display')} data-action="settings">
          {t('reader.settings')}
        </BigButton>
        <BigButton icon="next" onClick={() => visit.nextSection()} disabled={section.index === total - 1} data-action="next">
          {t('reader.next')}
        </BigButton>
      </nav>
    </>
  );
}

export function SourceNote({ handout, label }: { handout: Handout; label: string }) {
  return (
    <aside class="source-note" lang={handout.lang} dir={handout.dir} aria-label={label}>
      <p>
        <TextWithPhoneNumbers text={handout.meta.source} />
      </p>
      <p>{handout.meta.licence}</p>
    </aside>
  );
}
