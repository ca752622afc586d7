/**
 * "Show in English": the section in the patient's language and in the clinic's, side by side (one
 * above the other in portrait), block by block, so a family can show the nurse the passage they mean.
 * Translations keep the original's blocks in the same order (the content check holds them to it), so
 * row n on one side says what row n says on the other. The block being read is marked on both sides.
 *
 * The patient's side comes first in reading order and keeps everything it has on its own (reading
 * highlight, tap a word, glossary terms); the clinic's side is plain text for the eye, with no keypad
 * stops, since the kiosk reads only the patient's language aloud. Loaded only when asked for.
 */
import type { ReadonlySignal } from '@preact/signals';
import { effect } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useServices, useT, useVisit } from '../../app/kiosk-context';
import type { Block, Handout, Section, TextUnit } from '../../content/model';
import './compare.css';

export interface CompareViewProps {
  handout: Handout;
  section: Section;
  /** The clinic's language. */
  staff: string;
  /** The patient's section as the reader draws it (SectionText). */
  patient: ComponentChildren;
  currentSentence: ReadonlySignal<number>;
}

export function CompareView({ handout, section, staff, patient, currentSentence }: CompareViewProps) {
  const t = useT();
  const visit = useVisit();
  const { i18n } = useServices();
  const [other, setOther] = useState<Handout | null | 'failed'>(null);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    visit.loadTranslation(staff).then(
      (loaded) => live && setOther(loaded ?? 'failed'),
      (error: unknown) => {
        console.error('The clinic-language handout did not load', error);
        if (live) setOther('failed');
      },
    );
    return () => {
      live = false;
    };
  }, [handout.id, staff, visit]);

  const staffSection = other && other !== 'failed' ? (other.sections.find((s) => s.id === section.id) ?? null) : null;
  // Rows: the language's name, the heading, then each block.
  const rows = section.blocks.length + 2;
  useCurrentBlock(root, section, currentSentence, staffSection !== null);

  const name = (code: string) => i18n.languages.find((l) => l.code === code)?.name ?? code;
  return (
    <div class="compare" ref={root} style={{ gridTemplateRows: `repeat(${rows}, auto)` }} data-compare={`${handout.lang} ${staff}`}>
      <div class="compare__side compare__side--patient" lang={handout.lang} dir={handout.dir} style={{ gridRow: `span ${rows}` }}>
        <p class="compare__label">{name(handout.lang)}</p>
        {patient}
      </div>
      <div class="compare__side compare__side--staff" lang={staff} dir={other && other !== 'failed' ? other.dir : undefined} style={{ gridRow: `span ${rows}` }}>
        <p class="compare__label">{name(staff)}</p>
        {staffSection ? (
          <StaffText section={staffSection} />
        ) : (
          <p class="compare__message" lang={handout.lang} dir={handout.dir}>
            {other === 'failed' ? t('reader.loadError') : t('reader.loading')}
          </p>
        )}
      </div>
    </div>
  );
}

/** Which row (0: heading, n: block n − 1) holds sentence `s`; -1 for none. */
export function rowOfSentence(section: Section, s: number): number {
  const holds = (unit: TextUnit | null) => unit !== null && s >= unit.firstSentence && s < unit.firstSentence + unit.sentenceCount;
  if (holds(section.heading)) return 0;
  const index = section.blocks.findIndex((block: Block) =>
    block.kind === 'paragraph' ? holds(block.text) : block.kind === 'list' ? block.items.some(holds) : holds(block.caption),
  );
  return index < 0 ? -1 : index + 1;
}

const CURRENT = 'compare__row--current';

/**
 * Marks the row being read on both sides, moving only when the sentence moves into another block. The
 * mark is a thick bar at the row's start and a dashed frame (shape, not colour alone), and
 * `aria-current` for assistive technology.
 */
function useCurrentBlock(root: { current: HTMLElement | null }, section: Section, currentSentence: ReadonlySignal<number>, ready: boolean) {
  useEffect(() => {
    let shown = -2;
    const stop = effect(() => {
      const row = rowOfSentence(section, currentSentence.value);
      const container = root.current;
      if (!container || row === shown) return;
      shown = row;
      for (const old of container.querySelectorAll(`.${CURRENT}`)) {
        old.classList.remove(CURRENT);
        old.removeAttribute('aria-current');
      }
      if (row < 0) return;
      for (const side of container.querySelectorAll('.section-text, .compare__text')) {
        const element = side.children[row];
        element?.classList.add(CURRENT);
        element?.setAttribute('aria-current', 'true');
      }
    });
    return stop;
  }, [section, currentSentence, ready, root]);
}

/** The clinic's side: the same blocks as plain text, no word spans, no keypad stops. */
function StaffText({ section }: { section: Section }) {
  const text = (unit: TextUnit) => section.text.slice(unit.start, unit.end);
  return (
    <div class="compare__text">
      <h2 class="section-text__heading compare__heading">{text(section.heading)}</h2>
      {section.blocks.map((block) => {
        switch (block.kind) {
          case 'paragraph':
            return <p key={block.id}>{text(block.text)}</p>;
          case 'list': {
            const items = block.items.map((item, i) => <li key={i}>{text(item)}</li>);
            return block.ordered ? <ol key={block.id}>{items}</ol> : <ul key={block.id}>{items}</ul>;
          }
          case 'figure':
            // The picture is on the patient's side already; its caption is what the nurse needs.
            return (
              <p key={block.id} class="compare__caption">
                {block.caption ? text(block.caption) : ''}
              </p>
            );
        }
      })}
    </div>
  );
}
