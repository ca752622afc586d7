/**
 * One visitor's state: which screen, which handout and section, which dialog (all kept by the visit
 * machine, visit-machine.ts), and their display choices. Made fresh for each visitor by
 * `createAppState()` and thrown away on an idle reset, so nothing of one patient's visit can reach
 * the next.
 */
import { computed, effect, signal, type ReadonlySignal } from '@preact/signals';
import type { RuntimeConfig } from '../config/schema';
import type { ContentSource } from '../content/loader';
import type { Handout, HandoutSummary, Section } from '../content/model';
import type { I18n } from '../i18n/i18n';
import type { IdlePhase } from '../kiosk/idle';
import type { Believed } from '../kiosk/invariants';
import { createPrefs, type Prefs } from '../kiosk/prefs';
import type { Player } from '../speech/player';
import { derive, INITIAL_VISIT, transition, type Derived, type Dialog, type Effect, type PlainDialog, type Screen, type VisitEvent, type VisitState } from './visit-machine';

export type { Dialog, PlainDialog, Screen } from './visit-machine';
export type LoadStatus = Derived['handoutStatus'];
/**
 * Where the patient is in a library of many handouts (content/library-index): its first view
 * (featured and topics), or a topic (or "all") with one of its A-to-Z ranges chosen. Kept beside the
 * visit's machine, not in it: it changes nothing about what a key, a dialog or the speech may do.
 */
export type LibraryPlace = { topic: null; from?: string } | { topic: string; range: number };

export interface AppStateDeps {
  config: RuntimeConfig;
  i18n: I18n;
  content: ContentSource;
  player: Player;
  /** The kiosk's idle phase: whether "Are you still there?" is up is part of what the visit shows. */
  idle: ReadonlySignal<IdlePhase>;
  /** Told of an event the visit's state has no answer for (visit-machine.ts); a debug line by default. */
  onIgnored?: (event: VisitEvent, state: VisitState) => void;
}

export interface AppState {
  /** The visit machine's state (app/visit-machine.ts): everything below is read from it. */
  readonly state: ReadonlySignal<VisitState>;
  readonly screen: ReadonlySignal<Screen>;
  readonly dialog: ReadonlySignal<Dialog>;
  readonly handout: ReadonlySignal<Handout | null>;
  readonly handoutStatus: ReadonlySignal<LoadStatus>;
  readonly sectionIndex: ReadonlySignal<number>;
  readonly section: ReadonlySignal<Section | null>;
  /** The glossary term whose definition card is open (dialog 'term'), by its id. */
  readonly term: ReadonlySignal<string | null>;
  /** The language picker was opened from a handout; choosing a language goes back to it. */
  readonly returning: ReadonlySignal<boolean>;
  /** The reader shows the section beside the clinic's language ("Show in English"). */
  readonly comparing: ReadonlySignal<boolean>;
  /** Touch-to-hear: a first touch speaks an item, a second touch chooses it. */
  readonly touchToHear: ReadonlySignal<boolean>;
  /** A section is being read aloud, or its audio is on its way. */
  readonly speaking: ReadonlySignal<boolean>;
  /** A term's card is open and says its definition (see visit-machine's `Derived`). */
  readonly explaining: ReadonlySignal<boolean>;
  readonly idleWarningShown: ReadonlySignal<boolean>;
  /** Nobody is using the kiosk (see visit-machine's `Derived`). */
  readonly betweenVisits: ReadonlySignal<boolean>;
  /** A dialog (or the idle warning) holds the page inert. */
  readonly pageInert: ReadonlySignal<boolean>;
  /** What the kiosk's self-check holds the page to. */
  readonly believed: ReadonlySignal<Believed>;
  /** Handouts offered in the current language, in config order. */
  readonly library: ReadonlySignal<HandoutSummary[]>;
  /** Where the library is, kept while a handout is open so Back returns there. */
  readonly libraryPlace: ReadonlySignal<LibraryPlace>;
  /** Opens a topic (or ALL_TOPIC) at its first range. */
  showTopic(topic: string): void;
  /** Chooses one of the open topic's A-to-Z ranges. */
  showRange(index: number): void;
  /** Back to the library's first view: featured handouts and topics. */
  showLibraryHome(): void;
  readonly prefs: Prefs;
  readonly player: Player;
  /** The open handout in another language (the clinic's, for "Show in …"); null if there is none. */
  loadTranslation(lang: string): Promise<Handout | null>;
  /** Resolves once the language is here and whatever it leads to (the library, the handout) is open. */
  chooseLanguage(code: string): Promise<void>;
  /** Back to the language picker; the open handout and section are kept for when a language is chosen. */
  showLanguages(): void;
  showLibrary(): void;
  /** The keypad's Back: closes the dialog, else goes one step up the visit (visit-machine.ts says where). */
  back(): void;
  /** Opens a handout from the library, at its first section. */
  openHandout(id: string): Promise<void>;
  /** Opens the handout a "Take it home" link names, at its section, in the visit's language. */
  openLink(id: string, section: number): Promise<void>;
  goToSection(index: number): void;
  nextSection(): void;
  previousSection(): void;
  setComparing(on: boolean): void;
  openDialog(dialog: PlainDialog): void;
  /** Opens the definition card of a term the open handout marks. */
  openTerm(id: string): void;
  closeDialog(): void;
  setTouchToHear(on: boolean): void;
  dispose(): void;
}

/**
 * The visit machine with its state in a signal, and its effects run: this is where the machine's
 * decisions meet the player, the content and the language.
 */
export function createAppState({ config, i18n, content, player, idle, onIgnored = logIgnored }: AppStateDeps): AppState {
  const state = signal<VisitState>(INITIAL_VISIT);
  const derived = computed(() => derive(state.value, player.status.value, idle.value));
  const pick = <T>(read: (d: Derived) => T) => computed(() => read(derived.value));
  const handout = pick((d) => d.handout);
  const sectionIndex = pick((d) => d.sectionIndex);
  const section = computed(() => handout.value?.sections[sectionIndex.value] ?? null);
  const library = computed(() => {
    const offered = content.summaries(i18n.language.value);
    return config.handouts.flatMap((id) => offered.filter((h) => h.id === id));
  });
  const libraryPlace = signal<LibraryPlace>({ topic: null });
  const prefs = createPrefs({ autoAdvance: config.audio.autoAdvance });
  const context = { handouts: config.handouts };

  const loadSectionAudio = () => {
    const current = state.peek();
    if (current.name !== 'reader') return;
    const { handout: open, section: index } = current;
    const here = open.sections[index];
    if (!here) return;
    const next = open.sections[index + 1];
    player.load({ lang: open.lang, handoutId: open.id, section: here }, next ? { lang: open.lang, handoutId: open.id, section: next } : undefined);
  };

  const run = (todo: Effect): Promise<void> | void => {
    switch (todo.type) {
      case 'stop-speech':
        return player.stop();
      case 'load-section':
        return loadSectionAudio();
      case 'play':
        return player.play();
      case 'set-language':
        return i18n.setLanguage(todo.code).then(
          () => dispatch({ type: 'language-ready', code: todo.code }),
          (error: unknown) => {
            void dispatch({ type: 'language-failed', code: todo.code });
            throw error;
          },
        );
      case 'load-handout': {
        const { id, lang } = todo;
        return content.load(lang, id).then(
          (loaded) => dispatch({ type: 'handout-loaded', handout: loaded }),
          (error: unknown) => {
            const before = state.peek();
            void dispatch({ type: 'handout-failed', id, lang });
            // Only a load the patient still waits for is news; an abandoned one is not.
            if (state.peek() !== before) console.error('Handout failed to load', error);
          },
        );
      }
    }
  };

  /** Resolves once every effect of the event, and of the events those lead to, has run. */
  function dispatch(event: VisitEvent): Promise<void> {
    const step = transition(state.peek(), event, context);
    if (step === 'illegal') onIgnored(event, state.peek());
    if (typeof step !== 'object') return Promise.resolve();
    state.value = step.state;
    return Promise.all(step.effects.map(async (todo) => run(todo))).then(() => {});
  }

  // Auto-advance: when a section has been read to its end, read the next one.
  const stopAutoAdvance = effect(() => {
    if (player.status.value !== 'ended' || !prefs.autoAdvance.peek()) return;
    void dispatch({ type: 'section-ended' });
  });

  return {
    state,
    screen: pick((d) => d.screen),
    dialog: computed(() => state.value.dialog),
    handout,
    handoutStatus: pick((d) => d.handoutStatus),
    sectionIndex,
    section,
    term: computed(() => state.value.term),
    returning: pick((d) => d.returning),
    comparing: pick((d) => d.comparing),
    touchToHear: computed(() => state.value.touch === 'hear'),
    speaking: pick((d) => d.speaking),
    explaining: pick((d) => d.explaining),
    idleWarningShown: pick((d) => d.idleWarningShown),
    betweenVisits: pick((d) => d.betweenVisits),
    pageInert: pick((d) => d.pageInert),
    believed: pick((d) => d.believed),
    library,
    libraryPlace,
    showTopic(topic) {
      libraryPlace.value = { topic, range: 0 };
    },
    showRange(index) {
      const place = libraryPlace.peek();
      if (place.topic !== null) libraryPlace.value = { topic: place.topic, range: Math.max(0, index) };
    },
    showLibraryHome() {
      // Back on the topics, focus returns to the tile the patient left by.
      const place = libraryPlace.peek();
      libraryPlace.value = place.topic === null ? place : { topic: null, from: place.topic };
    },
    prefs,
    player,
    async loadTranslation(lang) {
      // A question about the open handout, not a step of the visit: nothing to ask once it has ended.
      const open = handout.peek();
      if (!open || state.peek().name === 'ended') return null;
      return content.load(lang, open.id);
    },
    chooseLanguage: (code) => {
      // Ranges follow the language's own alphabet, so the topic stays but its first range is shown.
      const place = libraryPlace.peek();
      if (place.topic !== null) libraryPlace.value = { topic: place.topic, range: 0 };
      return dispatch({ type: 'choose-language', code });
    },
    showLanguages: () => void dispatch({ type: 'show-languages', reading: derived.peek().speaking }),
    showLibrary: () => void dispatch({ type: 'show-library' }),
    back: () => void dispatch({ type: 'back', reading: derived.peek().speaking }),
    openHandout: (id) => dispatch({ type: 'open-handout', id, lang: i18n.language.peek() }),
    openLink: (id, at) => dispatch({ type: 'open-link', id, lang: i18n.language.peek(), section: at }),
    goToSection: (index) => void dispatch({ type: 'go-to-section', index }),
    nextSection: () => void dispatch({ type: 'step-section', by: 1 }),
    previousSection: () => void dispatch({ type: 'step-section', by: -1 }),
    setComparing: (on) => void dispatch({ type: 'compare', on }),
    openDialog: (dialog) => void dispatch({ type: 'open-dialog', dialog }),
    openTerm: (term) => void dispatch({ type: 'open-term', term }),
    closeDialog: () => void dispatch({ type: 'close-dialog' }),
    setTouchToHear: (on) => void dispatch({ type: 'touch-to-hear', on }),
    dispose() {
      // Once the visit is over nothing it started may act: a language or handout still loading when
      // the patient walked away would otherwise open, and even read aloud, in front of the next patient.
      void dispatch({ type: 'end' });
      stopAutoAdvance();
    },
  };
}

function logIgnored(event: VisitEvent, state: VisitState) {
  console.debug(`Visit: "${event.type}" has no meaning in state "${state.name}"; ignored`);
}
