/**
 * The visit as one state machine: where the patient is, what is open over it, and what happens on
 * each thing they (or the kiosk) do. Pure: `transition` takes a state and an event and returns the
 * next state with the side effects to run (app-state.ts runs them: audio, content, language), so the
 * whole flow is read here and tested in node with no DOM, audio or time.
 *
 * States (`name`), each with the facets every state has: `dialog` (the one open, or null; with
 * `term`, the glossary term whose card it is, when it is 'term') and `touch` ('choose', or 'hear' for
 * touch-to-hear). `choosing` (welcome, returning) is the language whose strings are on their way.
 *
 * | state     | screen  | what it is                                                                       |
 * |-----------|---------|----------------------------------------------------------------------------------|
 * | welcome   | welcome | the language picker with no handout behind it (a fresh visit)                    |
 * | returning | welcome | the language picker over a handout: a language reopens it at `section`           |
 * | library   | library | the handout cards                                                                |
 * | opening   | reader  | a handout (`id`, `lang`) loading ("Loading…"); `reread`: read it aloud once here |
 * | reader    | reader  | a handout open at `section`; `compare`: shown beside the clinic's language       |
 * | failed    | reader  | a handout that could not be loaded                                               |
 * | ended     | as last | the visit is over (idle reset, Start again): frozen as it was, deaf to all       |
 *
 * Events. `from` names the states the row is for (`any`: every state but ended), with a condition in
 * parentheses; `to` is the next state (`same`: the state it was in, changed as said); the effects run
 * in order, one in [brackets] only when its condition holds. A move to another screen closes the
 * dialog: it belonged to the screen that was there. tests/unit/visit-machine.test.ts reads this table
 * and holds `transition` to it, row by row and for every event in every state no row names.
 *
 * | event                                    | from                                       | to                                          | effects                         |
 * |------------------------------------------|--------------------------------------------|---------------------------------------------|---------------------------------|
 * | choose-language                          | welcome, returning                         | same, `choosing` = code                     | stop-speech, set-language       |
 * | language-ready                           | welcome (several handouts)                 | library                                     |                                 |
 * | language-ready                           | welcome (one handout)                      | opening that handout at section 0           | stop-speech, load-handout       |
 * | language-ready                           | returning                                  | opening its handout at its section (reread) | stop-speech, load-handout       |
 * | language-failed                          | welcome, returning                         | same, `choosing` = null                     |                                 |
 * | show-languages                           | library, failed                            | welcome                                     | stop-speech                     |
 * | show-languages                           | reader, opening                            | returning, reread if speech was playing     | stop-speech                     |
 * | show-languages                           | welcome, returning                         | same, no dialog                             | stop-speech                     |
 * | show-library                             | reader, opening, failed                    | library                                     | stop-speech                     |
 * | back                                     | any (dialog open)                          | same, no dialog                             |                                 |
 * | back                                     | reader, opening, failed (several handouts) | library, as show-library                    | stop-speech                     |
 * | back                                     | reader, opening (one handout)              | returning, as show-languages                | stop-speech                     |
 * | back                                     | failed (one handout)                       | welcome, as show-languages                  | stop-speech                     |
 * | back                                     | library                                    | welcome, as show-languages                  | stop-speech                     |
 * | back                                     | welcome, returning                         | same: nothing is behind the language picker |                                 |
 * | open-handout                             | library                                    | opening at section 0                        | stop-speech, load-handout       |
 * | open-link                                | welcome                                    | opening at the link's section               | stop-speech, load-handout       |
 * | handout-loaded                           | opening                                    | reader at the section asked for             | load-section [play if reread]   |
 * | handout-failed                           | opening                                    | failed                                      |                                 |
 * | go-to-section                            | reader                                     | reader at that section (clamped), no dialog | stop-speech, load-section       |
 * | step-section                             | reader                                     | reader one section on or back (clamped)     | stop-speech, load-section       |
 * | section-ended                            | reader (not the last section)              | reader at the next section                  | stop-speech, load-section, play |
 * | section-ended                            | reader (last section)                      | same                                        |                                 |
 * | compare                                  | reader                                     | same, `compare` on or off                   |                                 |
 * | open-dialog help, staff                  | any                                        | same, that dialog open                      |                                 |
 * | open-dialog sections, display, take-home | reader                                     | same, that dialog open                      |                                 |
 * | open-term                                | reader (the handout defines it)            | same, dialog 'term' with that `term`        |                                 |
 * | close-dialog                             | any                                        | same, no dialog                             |                                 |
 * | touch-to-hear                            | any                                        | same, `touch` = hear or choose              |                                 |
 * | end                                      | any                                        | ended                                       | stop-speech                     |
 *
 * What is not in the table is ignored, in two kinds. A late answer (`language-ready` for a language
 * no longer wanted, `handout-loaded` for a handout no longer opening, anything after `end`) is
 * ignored silently: it is the normal end of a race. Any other event a state has no row for (Next in
 * the library, the section list on the welcome screen, a term the handout does not define) is
 * ignored and reported through `onIgnored`, so a screen offering a control its state cannot honour
 * shows up in the log, not as a broken page.
 *
 * What the keypad's Back does on each screen is the `back` rows (the keypad bridge sends it when no
 * dialog is on screen, and close-dialog when one is, the idle warning included); what Left, Right,
 * Enter and Help do particular to a screen, the screen declares (screens/<screen>/keys.ts).
 *
 * Speech is not a state here: the player owns its status. `derive` reads it, with the idle timer's
 * phase, to give every condition the rest of the kiosk asks about (see `Derived`); the rule of one
 * voice at a time is speech/one-voice's.
 */
import type { Believed } from '../kiosk/invariants';
import type { IdlePhase } from '../kiosk/idle';
import type { Handout } from '../content/model';
import { isSpeaking, type PlaybackStatus } from '../speech/player';

export type Screen = 'welcome' | 'library' | 'reader';
export type Dialog = 'help' | 'sections' | 'display' | 'staff' | 'term' | 'take-home' | null;
/** The dialogs `open-dialog` opens; the term card opens with `open-term`, which names its term. */
export type PlainDialog = Exclude<Dialog, null | 'term'>;
export type TouchMode = 'choose' | 'hear';

interface Facets {
  dialog: Dialog;
  /** The glossary term whose card is open: set only while `dialog` is 'term'. */
  term: string | null;
  touch: TouchMode;
}

type LiveState = Facets &
  (
    | { name: 'welcome'; choosing: string | null }
    | { name: 'returning'; choosing: string | null; id: string; section: number; reread: boolean; handout: Handout | null }
    | { name: 'library' }
    | { name: 'opening'; id: string; lang: string; section: number; reread: boolean }
    | { name: 'reader'; handout: Handout; section: number; compare: boolean }
    | { name: 'failed'; id: string }
  );

/** `ended` keeps the state it ended in (`last`), frozen: what the finished visit showed stays as it was. */
export type VisitState = LiveState | (Facets & { name: 'ended'; last: LiveState });

export type StateName = VisitState['name'];

export type VisitEvent =
  | { type: 'choose-language'; code: string }
  | { type: 'language-ready'; code: string }
  | { type: 'language-failed'; code: string }
  /** `reading`: whether the section was being read aloud, to read it again in the new language. */
  | { type: 'show-languages'; reading: boolean }
  | { type: 'show-library' }
  /** The keypad's Back: one step up the visit (`reading` as for show-languages). */
  | { type: 'back'; reading: boolean }
  /** `lang`: the language the handout is wanted in (the visit's language now). */
  | { type: 'open-handout'; id: string; lang: string }
  /** A "Take it home" link opened on a phone (src/personal): straight to its handout and section. */
  | { type: 'open-link'; id: string; lang: string; section: number }
  | { type: 'handout-loaded'; handout: Handout }
  | { type: 'handout-failed'; id: string; lang: string }
  | { type: 'go-to-section'; index: number }
  | { type: 'step-section'; by: 1 | -1 }
  /** Sent only while auto-advance is on: the section has been read to its end. */
  | { type: 'section-ended' }
  /** "Show in English" (the clinic's language) and back to one language. */
  | { type: 'compare'; on: boolean }
  | { type: 'open-dialog'; dialog: PlainDialog }
  | { type: 'open-term'; term: string }
  | { type: 'close-dialog' }
  | { type: 'touch-to-hear'; on: boolean }
  | { type: 'end' };

export type Effect =
  | { type: 'stop-speech' }
  | { type: 'set-language'; code: string }
  | { type: 'load-handout'; id: string; lang: string }
  /** The reader's section audio, with the next section's preloaded. */
  | { type: 'load-section' }
  | { type: 'play' };

/** What the machine does with an event: the next state and its effects, 'late' or 'illegal'. */
export type Step = { state: VisitState; effects: Effect[] } | 'late' | 'illegal';

export interface MachineContext {
  /** The configured handouts, in order: with only one, the library is skipped. */
  handouts: readonly string[];
}

export const INITIAL_VISIT: VisitState = { name: 'welcome', choosing: null, dialog: null, term: null, touch: 'choose' };

const SCREENS: Record<LiveState['name'], Screen> = {
  welcome: 'welcome',
  returning: 'welcome',
  library: 'library',
  opening: 'reader',
  reader: 'reader',
  failed: 'reader',
};

/** Dialogs about the open handout: nothing to show without one. */
const READER_DIALOGS: ReadonlySet<Dialog> = new Set<Dialog>(['sections', 'display', 'take-home']);

export function screenOf(state: VisitState): Screen {
  return SCREENS[state.name === 'ended' ? state.last.name : state.name];
}

const STOP: Effect = { type: 'stop-speech' };

const clampSection = (handout: Handout, index: number) => Math.min(Math.max(index, 0), handout.sections.length - 1);

export function transition(state: VisitState, event: VisitEvent, context: MachineContext): Step {
  if (state.name === 'ended') return 'late';
  const facets: Facets = { dialog: state.dialog, term: state.term, touch: state.touch };
  // A new screen starts with no dialog over it.
  const moved: Facets = { dialog: null, term: null, touch: state.touch };
  const go = (next: VisitState, ...effects: Effect[]): Step => ({ state: next, effects });
  const opening = (id: string, lang: string, section: number, reread: boolean) =>
    go({ name: 'opening', id, lang, section, reread, ...moved }, STOP, { type: 'load-handout', id, lang });
  const toSection = (reader: Extract<VisitState, { name: 'reader' }>, index: number, ...more: Effect[]) =>
    go({ ...reader, section: clampSection(reader.handout, index), dialog: null, term: null }, STOP, { type: 'load-section' }, ...more);

  switch (event.type) {
    case 'choose-language':
      if (state.name !== 'welcome' && state.name !== 'returning') return 'illegal';
      return go({ ...state, choosing: event.code }, STOP, { type: 'set-language', code: event.code });
    case 'language-ready':
    case 'language-failed':
      if ((state.name !== 'welcome' && state.name !== 'returning') || state.choosing !== event.code) return 'late';
      if (event.type === 'language-failed') return go({ ...state, choosing: null });
      if (state.name === 'returning') return opening(state.id, event.code, state.section, state.reread);
      if (context.handouts.length === 1) return opening(context.handouts[0] as string, event.code, 0, false);
      return go({ name: 'library', ...moved });
    case 'show-languages':
      switch (state.name) {
        case 'welcome':
        case 'returning':
          return go({ ...state, dialog: null, term: null }, STOP);
        case 'reader':
          return go({ name: 'returning', choosing: null, id: state.handout.id, section: state.section, reread: event.reading, handout: state.handout, ...moved }, STOP);
        case 'opening':
          return go({ name: 'returning', choosing: null, id: state.id, section: state.section, reread: state.reread || event.reading, handout: null, ...moved }, STOP);
        default:
          return go({ name: 'welcome', choosing: null, ...moved }, STOP);
      }
    case 'show-library':
      if (state.name !== 'reader' && state.name !== 'opening' && state.name !== 'failed') return 'illegal';
      return go({ name: 'library', ...moved }, STOP);
    case 'back':
      if (state.dialog !== null) return go({ ...state, dialog: null, term: null });
      if (state.name === 'welcome' || state.name === 'returning') return go(state);
      if (state.name !== 'library' && context.handouts.length > 1) return transition(state, { type: 'show-library' }, context);
      return transition(state, { type: 'show-languages', reading: event.reading }, context);
    case 'open-handout':
      if (state.name !== 'library') return 'illegal';
      return opening(event.id, event.lang, 0, false);
    case 'open-link':
      if (state.name !== 'welcome') return 'illegal';
      return opening(event.id, event.lang, Math.max(event.section, 0), false);
    case 'handout-loaded': {
      const { handout } = event;
      if (state.name !== 'opening' || state.id !== handout.id || state.lang !== handout.lang) return 'late';
      const effects: Effect[] = [{ type: 'load-section' }, ...(state.reread ? [{ type: 'play' } as const] : [])];
      return go({ name: 'reader', handout, section: clampSection(handout, state.section), compare: false, ...facets }, ...effects);
    }
    case 'handout-failed':
      if (state.name !== 'opening' || state.id !== event.id || state.lang !== event.lang) return 'late';
      return go({ name: 'failed', id: state.id, ...facets });
    case 'go-to-section':
      return state.name === 'reader' ? toSection(state, event.index) : 'illegal';
    case 'step-section':
      return state.name === 'reader' ? toSection(state, state.section + event.by) : 'illegal';
    case 'section-ended':
      if (state.name !== 'reader') return 'illegal';
      if (state.section >= state.handout.sections.length - 1) return go(state);
      return toSection(state, state.section + 1, { type: 'play' });
    case 'compare':
      return state.name === 'reader' ? go({ ...state, compare: event.on }) : 'illegal';
    case 'open-dialog':
      if (READER_DIALOGS.has(event.dialog) && state.name !== 'reader') return 'illegal';
      return go({ ...state, dialog: event.dialog, term: null });
    case 'open-term':
      if (state.name !== 'reader' || !state.handout.glossary?.[event.term]) return 'illegal';
      return go({ ...state, dialog: 'term', term: event.term });
    case 'close-dialog':
      // Also when none is open: the browser closing a dialog can arrive after the state closed it.
      return go({ ...state, dialog: null, term: null });
    case 'touch-to-hear':
      return go({ ...state, touch: event.on ? 'hear' : 'choose' });
    case 'end':
      return go({ name: 'ended', last: state, ...facets }, STOP);
  }
}

/** Every condition the kiosk asks of a visit, from its state, the player's status and the idle phase. */
export interface Derived {
  screen: Screen;
  /** The handout on screen or behind the language picker, once loaded. */
  handout: Handout | null;
  handoutStatus: 'idle' | 'loading' | 'ready' | 'error';
  sectionIndex: number;
  /** The language picker was opened from a handout, which a language choice goes back to. */
  returning: boolean;
  /** The reader shows the section beside the clinic's language. */
  comparing: boolean;
  /** A section is being read aloud or is about to be: not inactivity, and not to be talked over. */
  speaking: boolean;
  /**
   * A term's card is open and says what the term means: the reading pauses for it and no
   * announcement of where focus went may talk over it (speech/one-voice).
   */
  explaining: boolean;
  /** "Are you still there?" is showing: the idle timer warns, and there is a visit to lose. */
  idleWarningShown: boolean;
  /**
   * Nobody is using the kiosk: the language picker with nothing behind it and no language on its
   * way, no dialog, no speech, no countdown. Only then may a new build reload the page.
   */
  betweenVisits: boolean;
  /** A modal is up, so the page under it is inert (the keypad acts in the dialog). */
  pageInert: boolean;
  /** What the self-check holds the page to (kiosk/invariants). */
  believed: Believed;
}

export function derive(state: VisitState, speech: PlaybackStatus, idle: IdlePhase): Derived {
  if (state.name === 'ended') return derive(state.last, speech, idle);
  const speaking = isSpeaking(speech);
  // On an untouched welcome screen the reset happens silently: there is nothing to lose.
  const idleWarningShown = idle === 'warning' && !(state.name === 'welcome' && state.dialog === null);
  const dialogs = [...(state.dialog ? [state.dialog] : []), ...(idleWarningShown ? ['idle'] : [])];
  return {
    screen: screenOf(state),
    handout: state.name === 'reader' || state.name === 'returning' ? state.handout : null,
    handoutStatus: state.name === 'opening' ? 'loading' : state.name === 'reader' ? 'ready' : state.name === 'failed' ? 'error' : 'idle',
    sectionIndex: 'section' in state ? state.section : 0,
    returning: state.name === 'returning',
    comparing: state.name === 'reader' && state.compare,
    speaking,
    explaining: state.dialog === 'term',
    idleWarningShown,
    betweenVisits: state.name === 'welcome' && state.choosing === null && state.dialog === null && !speaking && idle === 'active',
    pageInert: dialogs.length > 0,
    believed: { dialogs, touchToHear: state.touch === 'hear', speech },
  };
}
