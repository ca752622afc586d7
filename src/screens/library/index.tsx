import { useEffect, useMemo, useRef } from 'preact/hooks';
import { useServices, useT, useVisit } from '../../app/kiosk-context';
import { ALL_TOPIC, buildLibraryIndex, OTHER_TOPIC, rangesOf, type LibraryIndex, type LibraryTopic } from '../../content/library-index';
import type { HandoutSummary } from '../../content/model';
import type { UiKey } from '../../i18n/keys';
import { BigButton } from '../../ui/big-button';
import { TextWithPhoneNumbers } from '../../ui/phone-numbers';
import { useFocusOnMount } from '../../a11y/focus';
import { ScreenTopBar } from '../../app/chrome';
import './library.css';

/**
 * The handout library. A few handouts: large cards, one per handout, in the order the config gives
 * (skipped when there is only one). Many: the featured handouts and a tile per topic; a topic shows
 * its handouts, behind an A-to-Z strip when they do not fit one screen (content/library-index).
 */
export function LibraryScreen() {
  const t = useT();
  const visit = useVisit();
  const { config, i18n } = useServices();
  const lang = i18n.language.value;
  const handouts = visit.library.value;
  const index = useMemo(
    () =>
      buildLibraryIndex({
        handouts,
        featured: config.featured ?? [],
        lang,
        topicName: (id) => (id === ALL_TOPIC ? t('library.all') : id === OTHER_TOPIC ? t('library.other') : t(`topics.${id}` as UiKey)),
      }),
    [handouts, lang, t, config],
  );
  if (index.mode === 'few') return <FewHandouts handouts={index.handouts} />;
  const place = visit.libraryPlace.value;
  const topic = place.topic === null ? undefined : index.topics.find((candidate) => candidate.id === place.topic);
  if (topic && place.topic !== null) return <TopicView key={`${lang}/${topic.id}`} topic={topic} range={place.range} />;
  const from = place.topic === null && place.from && index.topics.some((candidate) => candidate.id === place.from) ? place.from : ALL_TOPIC;
  return <LibraryHome key={lang} index={index} focusTopic={from} />;
}

/** Today's library, unchanged: up to FEW_HANDOUTS cards with their summaries. */
function FewHandouts({ handouts }: { handouts: HandoutSummary[] }) {
  const t = useT();
  const visit = useVisit();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <>
      <ScreenTopBar />
      <main class="library">
        {/* Text to read, above a seated patient's reach in portrait; the cards go below it. */}
        <div class="library__intro">
          <h1 tabIndex={-1} ref={heading}>
            {t('library.title')}
          </h1>
          <p class="library__guide">{t('help.library')}</p>
        </div>
        <ul class="library__cards">
          {handouts.map((handout) => (
            <li key={handout.id}>
              <button type="button" class="library__card" data-handout={handout.id} onClick={() => void visit.openHandout(handout.id)}>
                <span class="library__card-title">{handout.title}</span>
                <span class="library__card-summary">
                  <TextWithPhoneNumbers text={handout.summary} />
                </span>
                <span class="library__card-meta">{t('library.sections', { count: handout.sectionCount })}</span>
              </button>
            </li>
          ))}
        </ul>
      </main>
    </>
  );
}

/**
 * Focus goes to the screen's main choice, not its heading: the keypad starts where the choosing is
 * (a heading first would put the kiosk bar's three buttons between a keypad user and the tiles),
 * and self-voicing says the group and the item there.
 */
function useFocusFirst<T extends HTMLElement>(selector: string) {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>(selector)?.focus({ preventScroll: true });
    // oxlint-disable-next-line react-hooks/exhaustive-deps -- on mount only: focus is placed once, then left where the patient moves it.
  }, []);
  return ref;
}

function LibraryHome({ index, focusTopic }: { index: Extract<LibraryIndex, { mode: 'browse' }>; focusTopic: string }) {
  const t = useT();
  const visit = useVisit();
  const band = useFocusFirst<HTMLDivElement>(`[data-topic="${focusTopic}"]`);
  return (
    <>
      <ScreenTopBar />
      <main class="library library--browse" data-library="home">
        <div class="library__intro">
          <h1>{t('library.title')}</h1>
          <p class="library__guide">{t('help.libraryBrowse')}</p>
        </div>
        <div class="library__band" ref={band}>
          {index.featured.length > 0 && (
            <section class="library__part" aria-labelledby="library-featured">
              <h2 id="library-featured" class="library__part-title">
                {t('library.featured')}
              </h2>
              <ul class="library__tiles library__tiles--cards" aria-label={t('library.featured')} data-keypad-group>
                {index.featured.map((handout) => (
                  <HandoutCard key={handout.id} handout={handout} />
                ))}
              </ul>
            </section>
          )}
          <section class="library__part" aria-labelledby="library-topics">
            <h2 id="library-topics" class="library__part-title">
              {t('library.topics')}
            </h2>
            <ul class="library__tiles library__tiles--topics" aria-label={t('library.topics')} data-keypad-group>
              {index.topics.map((topic) => (
                <li key={topic.id}>
                  <button
                    type="button"
                    class={`library__topic${topic.id === ALL_TOPIC ? ' library__topic--all' : ''}`}
                    data-topic={topic.id}
                    onClick={() => visit.showTopic(topic.id)}
                  >
                    <span class="library__topic-name">{topic.name}</span>
                    <span class="library__topic-count">{t('library.count', { count: topic.handouts.length })}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        </div>
      </main>
    </>
  );
}

function TopicView({ topic, range }: { topic: LibraryTopic; range: number }) {
  const t = useT();
  const visit = useVisit();
  const { i18n } = useServices();
  const ranges = useMemo(() => rangesOf(topic.handouts, i18n.language.peek()), [topic, i18n.language]);
  const chosen = Math.min(range, ranges.length - 1);
  const shown = ranges[chosen]?.handouts ?? [];
  const band = useFocusFirst<HTMLDivElement>('[data-range][aria-pressed="true"], [data-handout]');
  return (
    <>
      <ScreenTopBar />
      <main class="library library--browse" data-library="topic" data-topic={topic.id}>
        <div class="library__intro">
          <h1>{topic.name}</h1>
          <p class="library__guide">{t('library.count', { count: topic.handouts.length })}</p>
        </div>
        <div class="library__band" ref={band}>
          <div class="library__nav">
            <BigButton icon="previous" class="library__back" data-action="topics" onClick={() => visit.showLibraryHome()}>
              {t('library.backToTopics')}
            </BigButton>
            {ranges.length > 1 && (
              // An A-to-Z strip: choosing a range shows its handouts below at once (keypad: Left and
              // Right choose as they move, like tabs). Pressed is shown by a thick border and an
              // inset edge as well as the tint: not colour alone.
              <div class="library__ranges" role="group" aria-label={t('library.letters')} data-keypad-group data-keypad-select>
                {ranges.map((r, i) => (
                  <button key={i} type="button" class="library__range" data-range={i} aria-pressed={i === chosen} onClick={() => visit.showRange(i)}>
                    {r.label}
                  </button>
                ))}
              </div>
            )}
          </div>
          <ul class="library__tiles library__tiles--cards" aria-label={t('library.list')} data-keypad-group>
            {shown.map((handout) => (
              <HandoutCard key={handout.id} handout={handout} />
            ))}
          </ul>
        </div>
      </main>
    </>
  );
}

function HandoutCard({ handout }: { handout: HandoutSummary }) {
  const visit = useVisit();
  return (
    <li>
      <button type="button" class="library__card library__card--compact" data-handout={handout.id} onClick={() => void visit.openHandout(handout.id)}>
        <span class="library__card-title">{handout.title}</span>
      </button>
    </li>
  );
}
