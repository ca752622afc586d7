/**
 * One visitor's state: which screen, which handout and section, which dialog, and their display
 * choices. Made fresh for each visitor by `createAppState()` and thrown away on an idle reset, so
 * nothing of one patient's visit can reach the next.
 */
import { batch, computed, effect, signal, type ReadonlySignal } from '@preact/signals';
import type { RuntimeConfig } from '../config/schema';
import type { ContentSource } from '../content/loader';
import type { Handout, HandoutSummary, Section } from '../content/model';
import type { I18n } from '../i18n/i18n';
import { createPrefs, type Prefs } from '../kiosk/prefs';
import type { Player } from '../speech/player';

export type Screen = 'welcome' | 'library' | 'reader';
export type Dialog = 'help' | 'sections' | 'display' | 'staff' | 'term' | 'take-home' | null;
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';
/**
 * Where the patient is in a library of many handouts (content/library-index): its first view
 * (featured and topics), or a topic (or "all") with one of its A-to-Z ranges chosen.
 */
export type LibraryPlace = { topic: null; from?: string } | { topic: string; range: number };

export interface AppStateDeps {
  config: RuntimeConfig;
  i18n: I18n;
  content: ContentSource;
  player: Player;
}

export interface AppState {
  readonly screen: ReadonlySignal<Screen>;
  readonly dialog: ReadonlySignal<Dialog>;
  readonly handout: ReadonlySignal<Handout | null>;
  readonly handoutStatus: ReadonlySignal<LoadStatus>;
  readonly sectionIndex: ReadonlySignal<number>;
  readonly section: ReadonlySignal<Section | null>;
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
  /** The glossary term whose definition card is open (dialog 'term'), by its id. */
  readonly term: ReadonlySignal<string | null>;
  /** Opens the definition card of a term the open handout marks. */
  openTerm(id: string): void;
  /** The open handout in another language (the clinic's, for "Show in …"); null if there is none. */
  loadTranslation(lang: string): Promise<Handout | null>;
  chooseLanguage(code: string): Promise<void>;
  /** Back to the language picker; the open handout and section are kept for when a language is chosen. */
  showLanguages(): void;
  showLibrary(): void;
  /** Opens a handout at its first section, or at `atSection` (a "Take it home" link). */
  openHandout(id: string, atSection?: number): Promise<void>;
  goToSection(index: number): void;
  nextSection(): void;
  previousSection(): void;
  openDialog(dialog: Exclude<Dialog, null>): void;
  closeDialog(): void;
  dispose(): void;
}

export function createAppState({ config, i18n, content, player }: AppStateDeps): AppState {
  const screen = signal<Screen>('welcome');
  const dialog = signal<Dialog>(null);
  const handout = signal<Handout | null>(null);
  const handoutStatus = signal<LoadStatus>('idle');
  const sectionIndex = signal(0);
  const section = computed(() => handout.value?.sections[sectionIndex.value] ?? null);
  const library = computed(() => {
    const offered = content.summaries(i18n.language.value);
    return config.handouts.flatMap((id) => offered.filter((h) => h.id === id));
  });
  const libraryPlace = signal<LibraryPlace>({ topic: null });
  const prefs = createPrefs({ autoAdvance: config.audio.autoAdvance });
  const term = signal<string | null>(null);
  // Set when the patient leaves a section that was being read to pick another language.
  let readAgainAfterLanguage = false;
  // Loads can finish out of order when a patient taps quickly; only the latest may land.
  let loadToken = 0;
  // Once the visit is over nothing it started may act: a language or handout still loading when the
  // patient walked away would otherwise open, and even read aloud, in front of the next patient.
  let disposed = false;

  const loadSectionAudio = () => {
    const current = handout.value;
    const here = section.value;
    if (!current || !here) return;
    const next = current.sections[sectionIndex.value + 1];
    player.load(
      { lang: current.lang, handoutId: current.id, section: here },
      next ? { lang: current.lang, handoutId: current.id, section: next } : undefined,
    );
  };

  const openHandout = async (id: string, atSection = 0): Promise<void> => {
    if (disposed) return;
    player.stop();
    const token = ++loadToken;
    batch(() => {
      handoutStatus.value = 'loading';
      screen.value = 'reader';
      dialog.value = null;
    });
    try {
      const loaded = await content.load(i18n.language.value, id);
      if (token !== loadToken) return;
      batch(() => {
        handout.value = loaded;
        sectionIndex.value = Math.min(Math.max(atSection, 0), loaded.sections.length - 1);
        handoutStatus.value = 'ready';
      });
      loadSectionAudio();
    } catch (error) {
      if (token !== loadToken) return;
      console.error('Handout failed to load', error);
      batch(() => {
        handout.value = null;
        handoutStatus.value = 'error';
      });
    }
  };

  const goToSection = (index: number) => {
    const current = handout.value;
    if (!current || disposed) return;
    const clamped = Math.min(Math.max(index, 0), current.sections.length - 1);
    player.stop();
    batch(() => {
      sectionIndex.value = clamped;
      dialog.value = null;
    });
    loadSectionAudio();
  };

  // Auto-advance: when a section has been read to its end, read the next one.
  const stopAutoAdvance = effect(() => {
    if (player.status.value !== 'ended' || !prefs.autoAdvance.peek()) return;
    const current = handout.peek();
    if (!current || sectionIndex.peek() >= current.sections.length - 1) return;
    goToSection(sectionIndex.peek() + 1);
    player.play();
  });

  return {
    screen,
    dialog,
    handout,
    handoutStatus,
    sectionIndex,
    section,
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
    term,
    openTerm(id) {
      if (!handout.peek()?.glossary?.[id]) return;
      batch(() => {
        term.value = id;
        dialog.value = 'term';
      });
    },
    async loadTranslation(lang) {
      const open = handout.peek();
      if (!open || disposed) return null;
      return content.load(lang, open.id);
    },
    async chooseLanguage(code) {
      const wasPlaying = readAgainAfterLanguage;
      readAgainAfterLanguage = false;
      player.stop();
      const reading = handout.value;
      const keepSection = sectionIndex.value;
      await i18n.setLanguage(code);
      if (disposed) return;
      // Ranges follow the language's own alphabet, so the topic stays but its first range is shown.
      const place = libraryPlace.peek();
      if (place.topic !== null) libraryPlace.value = { topic: place.topic, range: 0 };
      if (reading) {
        // Same section ids in every language, so the patient stays where they were; if it was being
        // read aloud, it starts again in the new language.
        await openHandout(reading.id, keepSection);
        if (wasPlaying && !disposed) player.play();
      } else if (config.handouts.length === 1) {
        await openHandout(config.handouts[0] as string);
      } else {
        screen.value = 'library';
      }
    },
    showLanguages() {
      readAgainAfterLanguage = player.status.peek() === 'playing' || player.status.peek() === 'loading';
      player.stop();
      batch(() => {
        screen.value = 'welcome';
        dialog.value = null;
      });
    },
    showLibrary() {
      player.stop();
      loadToken++;
      batch(() => {
        handout.value = null;
        handoutStatus.value = 'idle';
        sectionIndex.value = 0;
        dialog.value = null;
        screen.value = 'library';
      });
    },
    openHandout: (id, atSection) => openHandout(id, atSection),
    goToSection,
    nextSection: () => goToSection(sectionIndex.value + 1),
    previousSection: () => goToSection(sectionIndex.value - 1),
    openDialog(next) {
      dialog.value = next;
    },
    closeDialog() {
      dialog.value = null;
    },
    dispose() {
      disposed = true;
      loadToken++;
      stopAutoAdvance();
      player.stop();
    },
  };
}
