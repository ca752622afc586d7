/**
 * The visit machine (src/app/visit-machine.ts): every row of its table, what it ignores and how, and
 * the conditions derived from it. Pure, so no DOM and no kiosk: states in, states and effects out.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import { createAppState } from '../../src/app/app-state';
import { derive, INITIAL_VISIT, transition, type Effect, type Step, type VisitEvent, type VisitState } from '../../src/app/visit-machine';
import type { ContentSource } from '../../src/content/loader';
import type { Handout } from '../../src/content/model';
import type { I18n } from '../../src/i18n/i18n';
import type { IdlePhase } from '../../src/kiosk/idle';
import { config } from '../helpers/kiosk';
import { createRecordingPlayer } from '../helpers/recording-player';

const handout = (lang = 'en', id = 'nerve-ablation', sections = 3) =>
  ({ id, lang, sections: Array.from({ length: sections }, (_, index) => ({ id: `s${index}`, index })) }) as unknown as Handout;

const several = { handouts: ['nerve-ablation', 'acetaminophen'] };
const one = { handouts: ['nerve-ablation'] };

const facets = { dialog: null, touch: 'choose' } as const;
const S = {
  welcome: { name: 'welcome', choosing: null, ...facets },
  choosingFr: { name: 'welcome', choosing: 'fr', ...facets },
  returning: { name: 'returning', choosing: 'fr', id: 'nerve-ablation', section: 2, reread: true, handout: handout(), ...facets },
  library: { name: 'library', ...facets },
  opening: { name: 'opening', id: 'nerve-ablation', lang: 'en', section: 1, reread: false, ...facets },
  reader: { name: 'reader', handout: handout(), section: 1, ...facets },
  lastSection: { name: 'reader', handout: handout(), section: 2, ...facets },
  failed: { name: 'failed', id: 'nerve-ablation', ...facets },
} satisfies Record<string, VisitState>;

const STOP: Effect = { type: 'stop-speech' };

/** The next state and effects, failing the test when the machine ignores the event. */
function step(from: VisitState, event: VisitEvent, context = several): { state: VisitState; effects: Effect[] } {
  const result = transition(from, event, context);
  if (typeof result !== 'object') throw new Error(`${event.type} in ${from.name} was ${result}`);
  return result;
}

/** Event types the tests below have sent through a row of the table. */
const exercised = new Set<string>();
const send = (from: VisitState, event: VisitEvent, context = several) => {
  exercised.add(event.type);
  return step(from, event, context);
};

describe('the visit machine, row by row', () => {
  it('choose-language: the welcome screens note the language on its way, stop speech and ask for it', () => {
    for (const from of [S.welcome, S.returning]) {
      const { state, effects } = send(from, { type: 'choose-language', code: 'es' });
      expect(state).toEqual({ ...from, choosing: 'es' });
      expect(effects).toEqual([STOP, { type: 'set-language', code: 'es' }]);
    }
  });

  it('language-ready: to the library with several handouts, straight into the only one otherwise', () => {
    expect(send(S.choosingFr, { type: 'language-ready', code: 'fr' })).toEqual({ state: { name: 'library', ...facets }, effects: [] });
    expect(send(S.choosingFr, { type: 'language-ready', code: 'fr' }, one)).toEqual({
      state: { name: 'opening', id: 'nerve-ablation', lang: 'fr', section: 0, reread: false, ...facets },
      effects: [STOP, { type: 'load-handout', id: 'nerve-ablation', lang: 'fr' }],
    });
  });

  it('language-ready: back to the handout left for the language picker, at its section, to be read again', () => {
    expect(send(S.returning, { type: 'language-ready', code: 'fr' })).toEqual({
      state: { name: 'opening', id: 'nerve-ablation', lang: 'fr', section: 2, reread: true, ...facets },
      effects: [STOP, { type: 'load-handout', id: 'nerve-ablation', lang: 'fr' }],
    });
  });

  it('language-failed: the language is no longer on its way', () => {
    expect(send(S.choosingFr, { type: 'language-failed', code: 'fr' })).toEqual({ state: S.welcome, effects: [] });
    expect(send(S.returning, { type: 'language-failed', code: 'fr' }).state).toEqual({ ...S.returning, choosing: null });
  });

  it('show-languages: from the reader keeps the handout and section, and whether it was being read', () => {
    for (const reading of [true, false]) {
      expect(send({ ...S.reader, dialog: 'display' }, { type: 'show-languages', reading })).toEqual({
        state: { name: 'returning', choosing: null, id: 'nerve-ablation', section: 1, reread: reading, handout: S.reader.handout, ...facets },
        effects: [STOP],
      });
    }
    expect(send(S.opening, { type: 'show-languages', reading: false }).state).toEqual({
      name: 'returning', choosing: null, id: 'nerve-ablation', section: 1, reread: false, handout: null, ...facets,
    });
  });

  it('show-languages: from the library or a failed handout to a plain welcome screen; on the welcome screens it stays', () => {
    for (const from of [S.library, S.failed]) expect(send(from, { type: 'show-languages', reading: false })).toEqual({ state: S.welcome, effects: [STOP] });
    for (const from of [S.welcome, S.returning]) expect(send(from, { type: 'show-languages', reading: false })).toEqual({ state: from, effects: [STOP] });
  });

  it('show-library: from any reader state, closing its dialog', () => {
    for (const from of [{ ...S.reader, dialog: 'sections' as const }, S.opening, S.failed]) {
      expect(send(from, { type: 'show-library' })).toEqual({ state: S.library, effects: [STOP] });
    }
  });

  it('open-handout: from the library, at its first section, in the language asked for', () => {
    expect(send(S.library, { type: 'open-handout', id: 'acetaminophen', lang: 'ar' })).toEqual({
      state: { name: 'opening', id: 'acetaminophen', lang: 'ar', section: 0, reread: false, ...facets },
      effects: [STOP, { type: 'load-handout', id: 'acetaminophen', lang: 'ar' }],
    });
  });

  it('handout-loaded: the reader at the section asked for (within the handout), read aloud again if it was', () => {
    const loaded = handout('en', 'nerve-ablation', 2);
    expect(send({ ...S.opening, section: 5 }, { type: 'handout-loaded', handout: loaded })).toEqual({
      state: { name: 'reader', handout: loaded, section: 1, ...facets },
      effects: [{ type: 'load-section' }],
    });
    expect(send({ ...S.opening, reread: true }, { type: 'handout-loaded', handout: loaded }).effects).toEqual([{ type: 'load-section' }, { type: 'play' }]);
  });

  it('handout-failed: the reader says it could not be loaded', () => {
    expect(send(S.opening, { type: 'handout-failed', id: 'nerve-ablation', lang: 'en' })).toEqual({ state: S.failed, effects: [] });
  });

  it('go-to-section and step-section: a section within the handout, the dialog closed, its audio loaded', () => {
    const moved = (section: number) => ({ state: { ...S.reader, section }, effects: [STOP, { type: 'load-section' }] });
    expect(send({ ...S.reader, dialog: 'sections' }, { type: 'go-to-section', index: 2 })).toEqual(moved(2));
    expect(send(S.reader, { type: 'go-to-section', index: 99 })).toEqual(moved(2));
    expect(send(S.reader, { type: 'step-section', by: 1 })).toEqual(moved(2));
    expect(send(S.reader, { type: 'step-section', by: -1 })).toEqual(moved(0));
    expect(send({ ...S.reader, section: 0 }, { type: 'step-section', by: -1 })).toEqual(moved(0));
  });

  it('section-ended: reads on into the next section, and stops quietly after the last', () => {
    expect(send(S.reader, { type: 'section-ended' })).toEqual({ state: S.lastSection, effects: [STOP, { type: 'load-section' }, { type: 'play' }] });
    expect(send(S.lastSection, { type: 'section-ended' })).toEqual({ state: S.lastSection, effects: [] });
  });

  it('open-dialog and close-dialog: help and staff anywhere, the section list and settings in the reader', () => {
    for (const from of Object.values(S)) {
      for (const dialog of ['help', 'staff'] as const) expect(send(from, { type: 'open-dialog', dialog })).toEqual({ state: { ...from, dialog }, effects: [] });
      expect(send({ ...from, dialog: 'help' }, { type: 'close-dialog' })).toEqual({ state: from, effects: [] });
      expect(send(from, { type: 'close-dialog' }), 'a close that comes after the state closed it').toEqual({ state: from, effects: [] });
    }
    for (const dialog of ['sections', 'display'] as const) expect(send(S.reader, { type: 'open-dialog', dialog }).state).toEqual({ ...S.reader, dialog });
  });

  it('touch-to-hear: turned on and off in any state, and kept across screens', () => {
    for (const from of Object.values(S)) {
      expect(send(from, { type: 'touch-to-hear', on: true })).toEqual({ state: { ...from, touch: 'hear' }, effects: [] });
      expect(send({ ...from, touch: 'hear' }, { type: 'touch-to-hear', on: false }).state).toEqual(from);
    }
    expect(step({ ...S.library, touch: 'hear' }, { type: 'open-handout', id: 'nerve-ablation', lang: 'en' }).state.touch).toBe('hear');
  });

  it('end: the visit is over, frozen as it was, and stops speaking', () => {
    for (const from of Object.values(S)) {
      expect(send(from, { type: 'end' })).toEqual({ state: { name: 'ended', last: from, ...facets }, effects: [STOP] });
    }
  });

  // Last in this block: the tests above have filled `exercised` by then (a file's tests run in order).
  it('has a test above for every event in the table of its header comment', () => {
    const source = readFileSync(join(process.cwd(), 'src/app/visit-machine.ts'), 'utf8');
    // The first column of both tables: the states' names, then the events'.
    const states = ['state', 'welcome', 'returning', 'library', 'opening', 'reader', 'failed', 'ended', 'event'];
    const events = new Set([...source.matchAll(/^ \* \| ([a-z-]+)\s+\|/gm)].map((m) => m[1] ?? '').filter((name) => !states.includes(name)));
    expect(events.size).toBeGreaterThan(10);
    expect([...events].filter((event) => !exercised.has(event))).toEqual([]);
  });
});

describe('what the visit machine ignores', () => {
  it('ignores, as late, answers to a request that has been overtaken', () => {
    const late: [VisitState, VisitEvent][] = [
      [S.choosingFr, { type: 'language-ready', code: 'es' }],
      [S.choosingFr, { type: 'language-failed', code: 'es' }],
      [S.library, { type: 'language-ready', code: 'fr' }],
      [S.opening, { type: 'handout-loaded', handout: handout('fr') }],
      [S.opening, { type: 'handout-loaded', handout: handout('en', 'acetaminophen') }],
      [S.reader, { type: 'handout-loaded', handout: handout() }],
      [S.library, { type: 'handout-failed', id: 'nerve-ablation', lang: 'en' }],
      [{ name: 'ended', last: S.reader, ...facets }, { type: 'go-to-section', index: 0 }],
      [{ name: 'ended', last: S.welcome, ...facets }, { type: 'choose-language', code: 'fr' }],
    ];
    for (const [from, event] of late) expect(transition(from, event, several), `${event.type} in ${from.name}`).toBe('late');
  });

  it('ignores, as illegal, what the state offers no control for', () => {
    const illegal: [VisitState, VisitEvent][] = [
      [S.reader, { type: 'choose-language', code: 'fr' }],
      [S.library, { type: 'choose-language', code: 'fr' }],
      [S.welcome, { type: 'show-library' }],
      [S.library, { type: 'show-library' }],
      [S.welcome, { type: 'open-handout', id: 'nerve-ablation', lang: 'en' }],
      [S.reader, { type: 'open-handout', id: 'nerve-ablation', lang: 'en' }],
      [S.library, { type: 'step-section', by: 1 }],
      [S.opening, { type: 'go-to-section', index: 1 }],
      [S.failed, { type: 'section-ended' }],
      [S.welcome, { type: 'open-dialog', dialog: 'sections' }],
      [S.opening, { type: 'open-dialog', dialog: 'display' }],
    ];
    for (const [from, event] of illegal) expect(transition(from, event, several), `${event.type} in ${from.name}`).toBe<Step>('illegal');
  });

  it('reports an illegal event to the visit’s log and changes nothing; a late one passes silently', async () => {
    const ignored: string[] = [];
    const recording = createRecordingPlayer();
    const i18n = { language: signal('en'), setLanguage: async () => {} } as unknown as I18n;
    const content: ContentSource = { summaries: () => [], load: async (lang, id) => handout(lang, id) };
    const visit = createAppState({ config, i18n, content, player: recording.player, idle: signal<IdlePhase>('active'), onIgnored: (event, state) => ignored.push(`${event.type} in ${state.name}`) });
    visit.nextSection();
    visit.openDialog('sections');
    expect(ignored).toEqual(['step-section in welcome', 'open-dialog in welcome']);
    expect(visit.state.value).toEqual(INITIAL_VISIT);
    expect(recording.calls).toEqual([]);
    visit.dispose();
    await visit.chooseLanguage('fr');
    expect(ignored).toHaveLength(2);
  });
});

describe('conditions derived from the visit', () => {
  const idleShown = (state: VisitState, idle: IdlePhase = 'warning') => derive(state, 'idle', idle).idleWarningShown;

  it('is between visits only on a fresh welcome screen, with nothing open, on its way, said or counted down', () => {
    expect(derive(S.welcome, 'idle', 'active').betweenVisits).toBe(true);
    expect(derive(S.welcome, 'paused', 'active').betweenVisits).toBe(true);
    for (const [state, speech, idle] of [
      [S.returning, 'idle', 'active'],
      [S.choosingFr, 'idle', 'active'],
      [{ ...S.welcome, dialog: 'help' }, 'idle', 'active'],
      [S.welcome, 'playing', 'active'],
      [S.welcome, 'loading', 'active'],
      [S.welcome, 'idle', 'warning'],
      [S.library, 'idle', 'active'],
      [S.opening, 'idle', 'active'],
      [S.reader, 'idle', 'active'],
      [S.failed, 'idle', 'active'],
    ] as const) {
      expect(derive(state, speech, idle).betweenVisits, `${state.name} ${speech} ${idle}`).toBe(false);
    }
  });

  it('warns "Are you still there?" only where there is a visit to lose', () => {
    expect(idleShown(S.welcome)).toBe(false);
    expect(idleShown({ ...S.welcome, dialog: 'help' })).toBe(true);
    for (const state of [S.returning, S.library, S.opening, S.reader, S.failed]) expect(idleShown(state), state.name).toBe(true);
    expect(idleShown(S.reader, 'active')).toBe(false);
  });

  it('counts speech that is playing or on its way as speaking', () => {
    const speaking = (speech: Parameters<typeof derive>[1]) => derive(S.reader, speech, 'active').speaking;
    expect([speaking('playing'), speaking('loading')]).toEqual([true, true]);
    expect([speaking('idle'), speaking('paused'), speaking('ended'), speaking('unavailable'), speaking('error')]).toEqual([false, false, false, false, false]);
  });

  it('believes the page inert, and which dialogs are on screen, from the dialog and the idle warning together', () => {
    expect(derive(S.reader, 'playing', 'active')).toMatchObject({ pageInert: false, believed: { dialogs: [], touchToHear: false, speech: 'playing' } });
    expect(derive({ ...S.reader, dialog: 'display', touch: 'hear' }, 'idle', 'warning')).toMatchObject({
      pageInert: true,
      believed: { dialogs: ['display', 'idle'], touchToHear: true, speech: 'idle' },
    });
  });

  it('names the screen, the handout and where it stands for each state, and keeps them once the visit ended', () => {
    const seen = (state: VisitState) => {
      const d = derive(state, 'idle', 'active');
      return [d.screen, d.handout?.lang ?? null, d.handoutStatus, d.sectionIndex, d.returning];
    };
    expect(seen(S.welcome)).toEqual(['welcome', null, 'idle', 0, false]);
    expect(seen(S.returning)).toEqual(['welcome', 'en', 'idle', 2, true]);
    expect(seen(S.library)).toEqual(['library', null, 'idle', 0, false]);
    expect(seen(S.opening)).toEqual(['reader', null, 'loading', 1, false]);
    expect(seen(S.reader)).toEqual(['reader', 'en', 'ready', 1, false]);
    expect(seen(S.failed)).toEqual(['reader', null, 'error', 0, false]);
    expect(seen({ name: 'ended', last: S.reader, ...facets })).toEqual(seen(S.reader));
    expect(derive(INITIAL_VISIT, 'idle', 'active').screen).toBe('welcome');
  });
});
