import type { ReadonlySignal } from '@preact/signals';
import { effect } from '@preact/signals';
import type { ComponentChildren, Ref } from 'preact';
import { memo } from 'preact/compat';
import { useEffect, useRef } from 'preact/hooks';
import type { Section, TermMark, TextDirection, TextUnit } from '../../content/model';
import { Icon } from '../icon';
import { LeftToRight, phoneNumberRuns } from '../phone-numbers';
import './section-text.css';

export interface SectionTextProps {
  section: Section;
  lang: string;
  dir: TextDirection;
  currentWord: ReadonlySignal<number>;
  currentSentence: ReadonlySignal<number>;
  headingRef?: Ref<HTMLHeadingElement>;
  figureLabel: string;
  onWordTap?: (wordIndex: number) => void;
  /** A marked glossary term was touched (or chosen with the keypad): show what it means. */
  onTermTap?: (term: string) => void;
  /** Called with the element of each new current word, so the reader can keep it in view. */
  onCurrentWord?: (element: HTMLElement) => void;
}

/**
 * One section of a handout, every sentence and word in its own span so the reading highlight and
 * "tap a word to read from there" can find them. Content is rendered as text nodes only.
 *
 * No aria-live here: the text is already being spoken.
 */
export function SectionText({ section, lang, dir, currentWord, currentSentence, headingRef, figureLabel, onWordTap, onTermTap, onCurrentWord }: SectionTextProps) {
  const root = useRef<HTMLDivElement>(null);
  useHighlight(root, currentWord, currentSentence, onCurrentWord);
  return (
    // One listener for every word: a term is a <button> whose click bubbles here; tapping a plain word
    // to read from it is a pointer shortcut, and the keypad's way is the reader's own controls.
    // oxlint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-static-element-interactions
    <div
      ref={root}
      class="section-text"
      lang={lang}
      dir={dir}
      onClick={(event) => {
        // A term's words open its definition; every other word reads from there.
        const term = (event.target as Element).closest?.('[data-term]');
        const termId = term?.getAttribute('data-term');
        if (termId != null) {
          onTermTap?.(termId);
          return;
        }
        const word = (event.target as Element).closest?.('[data-word]');
        if (word && onWordTap) onWordTap(Number(word.getAttribute('data-word')));
      }}
    >
      <StaticText section={section} headingRef={headingRef} figureLabel={figureLabel} />
    </div>
  );
}

/**
 * The words change only when the section does, so they render once; the highlight then moves by
 * touching just the old and the new word, never re-rendering the section (hundreds of spans) on
 * every word the voice speaks.
 */
function useHighlight(
  root: { current: HTMLElement | null },
  currentWord: ReadonlySignal<number>,
  currentSentence: ReadonlySignal<number>,
  onCurrentWord?: (element: HTMLElement) => void,
) {
  const shown = useRef<{ word: Element | null; sentence: Element | null }>({ word: null, sentence: null });
  const onCurrent = useRef(onCurrentWord);
  onCurrent.current = onCurrentWord;
  // A plain signal effect, not useSignalEffect: that one re-runs on the next animation frame, which
  // made the highlight trail the audio by a frame. This one moves it in the frame the player reads
  // the clock.
  useEffect(() => {
    const follow = () => {
      const container = root.current;
      const before = shown.current;
      const word = container?.querySelector(`[data-word="${currentWord.value}"]`) ?? null;
      const sentence = container?.querySelector(`[data-sentence="${currentSentence.value}"]`) ?? null;
      if (before.word !== word) {
        before.word?.classList.remove('word--current');
        word?.classList.add('word--current');
      }
      if (before.sentence !== sentence) {
        before.sentence?.classList.remove('sentence--current');
        before.sentence?.removeAttribute('aria-current');
        sentence?.classList.add('sentence--current');
        sentence?.setAttribute('aria-current', 'true');
      }
      const moved = (word ?? sentence) !== (before.word ?? before.sentence);
      shown.current = { word, sentence };
      // Without word boundaries (some browser voices) the sentence is what moves.
      if (moved && (word ?? sentence)) onCurrent.current?.((word ?? sentence) as HTMLElement);
    };
    return effect(follow);
  }, [currentWord, currentSentence, root]);
}

interface StaticTextProps {
  section: Section;
  headingRef?: Ref<HTMLHeadingElement>;
  figureLabel: string;
}

const StaticText = memo(
  function StaticText({ section, headingRef, figureLabel }: StaticTextProps) {
    const phones = phoneNumberRuns(section.text);
    return (
      <>
        <h2 class="section-text__heading" tabIndex={-1} ref={headingRef}>
          {unitText(section, section.heading, phones)}
        </h2>
        {section.blocks.map((block) => {
          switch (block.kind) {
            case 'paragraph':
              return <p key={block.id}>{unitText(section, block.text, phones)}</p>;
            case 'list': {
              const items = block.items.map((item, i) => <li key={i}>{unitText(section, item, phones)}</li>);
              return block.ordered ? <ol key={block.id}>{items}</ol> : <ul key={block.id}>{items}</ul>;
            }
            case 'figure':
              return (
                <figure key={block.id} class="section-text__figure">
                  <img src={block.src} alt={block.alt} draggable={false} />
                  {block.caption && (
                    <figcaption>
                      <span class="visually-hidden">{figureLabel}: </span>
                      {unitText(section, block.caption, phones)}
                    </figcaption>
                  )}
                </figure>
              );
          }
        })}
      </>
    );
  },
  (before, after) => before.section === after.section && before.figureLabel === after.figureLabel,
);

/**
 * The text of a unit, with its sentences and words wrapped, and the text between them as is. A phone
 * number's words (one a digit group) go in a left-to-right isolate together (ui/phone-numbers).
 */
function unitText(section: Section, unit: TextUnit, phones: readonly [number, number][]): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  const text = section.text;
  const termAt = new Map<number, TermMark>((section.terms ?? []).map((t) => [t.firstWord, t]));
  let cursor = unit.start;
  for (let s = unit.firstSentence; s < unit.firstSentence + unit.sentenceCount; s++) {
    const sentence = section.sentences[s];
    if (!sentence) continue;
    if (sentence.start > cursor) out.push(text.slice(cursor, sentence.start));
    const parts: ComponentChildren[] = [];
    let inner = sentence.start;
    // What is open around the next word, innermost last: a glossary term, a phone number, or one
    // inside the other (a number can hold a term's word, as "POISON" in 1-844-POISON-X).
    const open: Open[] = [];
    const into = () => open.at(-1)?.parts ?? parts;
    /** Closes the innermost open `kind` and whatever is open inside it. */
    const close = (kind: Open['kind']) => {
      while (open.some((o) => o.kind === kind)) {
        const done = open.pop() as Open;
        into().push(done.draw(done.parts));
      }
    };
    for (let w = sentence.firstWord; w < sentence.firstWord + sentence.wordCount; w++) {
      const word = section.words[w];
      if (!word) continue;
      const opens = termAt.get(w);
      const run = phones.find(([start, end]) => word.start >= start && word.end <= end);
      const phone = open.find((o) => o.kind === 'phone');
      // The number is over (this word is not in it), or a term begins that runs past its end.
      if (phone && (run?.[1] !== phone.end || (opens && endOfTerm(section, opens) > phone.end))) close('phone');
      // Text before a term's (or number's) first word stays outside it; text between its words goes inside.
      if (word.start > inner) into().push(text.slice(inner, word.start));
      if (opens) open.push({ kind: 'term', end: endOfTerm(section, opens), parts: [], draw: (inside) => termButton(opens, inside) });
      if (run && !open.some((o) => o.kind === 'phone')) open.push({ kind: 'phone', end: run[1], parts: [], draw: (inside) => <LeftToRight key={`p${w}`}>{inside}</LeftToRight> });
      into().push(
        <span key={w} class="word" data-word={w}>
          {text.slice(word.start, word.end)}
        </span>,
      );
      inner = word.end;
      if (open.some((o) => o.kind === 'term' && o.end === word.end)) close('term');
    }
    close('phone');
    close('term');
    if (sentence.end > inner) parts.push(text.slice(inner, sentence.end));
    out.push(
      // A keypad item: Up and Down move through the text sentence by sentence, reading each aloud.
      <span key={`s${s}`} class="sentence" data-sentence={s} data-keypad-item="sentence">
        {parts}
      </span>,
    );
    cursor = sentence.end;
  }
  if (unit.end > cursor) out.push(text.slice(cursor, unit.end));
  return out;
}

/** A term or a phone number open in a sentence, with what has gone into it and how it is drawn. */
interface Open {
  kind: 'term' | 'phone';
  /** Where it ends in the section's text. */
  end: number;
  parts: ComponentChildren[];
  draw: (inside: ComponentChildren[]) => ComponentChildren;
}

function endOfTerm(section: Section, mark: TermMark): number {
  return section.words[mark.firstWord + mark.wordCount - 1]?.end ?? Number.POSITIVE_INFINITY;
}

/**
 * A glossary term: a real button (the keypad reaches it, a screen reader calls it one), drawn as the
 * words with a dotted underline and a small "i", so it stands out by shape and not by colour alone.
 * Its words keep their spans, so the reading highlight still moves through them. It stays inline in
 * the sentence, like the words around it (WCAG 2.5.8 exempts targets in a sentence from the size rule).
 */
function termButton(mark: TermMark, inner: ComponentChildren[]): ComponentChildren {
  return (
    <button key={`t${mark.firstWord}`} type="button" class="term" data-term={mark.term} aria-haspopup="dialog">
      {inner}
      <Icon name="term" />
    </button>
  );
}
