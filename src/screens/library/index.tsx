import { useT, useVisit } from '../../app/kiosk-context';
import { useFocusOnMount } from '../../ui/focus';
import { ScreenTopBar } from '../chrome';
import './library.css';

/** Large cards, one per handout, in the order the config gives. Skipped when there is only one. */
export function LibraryScreen() {
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
        <ul class="library__cards" role="list">
          {visit.library.value.map((handout) => (
            <li key={handout.id}>
              <button type="button" class="library__card" data-handout={handout.id} onClick={() => void visit.openHandout(handout.id)}>
                <span class="library__card-title">{handout.title}</span>
                <span class="library__card-summary">{handout.summary}</span>
                <span class="library__card-meta">{t('library.sections', { count: handout.sectionCount })}</span>
              </button>
            </li>
          ))}
        </ul>
      </main>
    </>
  );
}
