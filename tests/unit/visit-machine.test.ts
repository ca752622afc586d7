/**
 * The visit machine (src/app/visit-machine.ts): every row of its table, the table in its header
 * comment held to the transition function (and the function to the table), what it ignores and how,
 * and the conditions derived from it. Pure, so no DOM and no kiosk: states in, states and effects out.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import { createAppState } from '../../src/app/app-state';
import {
  derive,
  INITIAL_VISIT,
  transition,
  type Effect,
  type MachineContext,
  type PlainDialog,
  type StateName,
  type Step,
  type VisitEvent,
  type VisitState,
} from '../../src/app/visit-machine';
import type { ContentSource } from '../../src/content/loader';
import type { Handout } from '../../src/content/model';
import type { I18n } from '../../src/i18n/i18n';
import type { IdlePhase } from '../../src/kiosk/idle';
import { config } from '../helpers/kiosk';
import { createRecordingPlayer } from '../helpers/recording-player';

const GLOSSARY = { liver: { term: 'Liver', definition: 'An organ under the ribs.' } };
const handout = (lang = 'en', id = 'nerve-ablation', sections = 3) =>
  ({ id, lang, glossary: GLOSSARY, sections: Array.from({ length: sections }, (_, index) => ({ id: `s${index}`, index, words: [], sentences: [] })) }) as unknown as Handout;

const several: MachineContext = { handouts: ['nerve-ablation', 'acetaminophen'] };
const one: MachineContext = { handouts: ['nerve-ablation'] };

const facets = { dialog: null, term: null, touch: 'choose' } as const;
const S = {
  welcome: { name: 'welcome', choosing: null, ...facets },
  choosingFr: { name: 'welcome', choosing: 'fr', ...facets },
  returning: { name: 'returning', choosing: 'fr', id: 'nerve-ablation', section: 2, reread: true, handout: handout(), ...facets },
  library: { name: 'library', ...facets },
  opening: { name: 'opening', id: 'nerve-ablation', lang: 'en', section: 1, reread: false, ...facets },
  reader: { name: 'reader', handout: handout(), section: 1, compare: false, ...facets },
  lastSection: { name: 'reader', handout: handout(), section: 2, compare: false, ...facets },
  failed: { name: 'failed', id: 'nerve-ablation', ...facets },
} satisfies Record<string, VisitState>;

const STOP: Effect = { type: 'stop-speech' };

/** The next state and effects, failing the test when the machine ignores the event. */
function step(from: VisitState, event: VisitEvent, context = several): { state: VisitState; effects: Effect[] } {
  const result = transition(from, event, context);
  if (typeof result !== 'object') throw new Error(`${event.type} in ${from.name} was ${result}`);
  return result;
}

describe('the visit machine, row by row', () => {
  it('choose-language: the welcome screens note the language on its way, stop speech and ask for it', () => {
    for (const from of [S.welcome, S.returning]) {
      const { state, effects } = step(from, { type: 'choose-language', code: 'es' });
      expect(state).toEqual({ ...from, choosing: 'es' });
      expect(effects).toEqual([STOP, { type: 'set-language', code: 'es' }]);
    }
  });

  it('language-ready: to the library with several handouts, straight into the only one otherwise', () => {
    expect(step(S.choosingFr, { type: 'language-ready', code: 'fr' })).toEqual({ state: { name: 'library', ...facets }, effects: [] });
    expect(step(S.choosingFr, { type: 'language-ready', code: 'fr' }, one)).toEqual({
      state: { name: 'opening', id: 'nerve-ablation', lang: 'fr', section: 0, reread: false, ...facets },
      effects: [STOP, { type: 'load-handout', id: 'nerve-ablation', lang: 'fr' }],
    });
  });

  it('language-ready: back to the handout left for the language picker, at its section, to be read again', () => {
    expect(step(S.returning, { type: 'language-ready', code: 'fr' })).toEqual({
      state: { name: 'opening', id: 'nerve-ablation', lang: 'fr', section: 2, reread: true, ...facets },
      effects: [STOP, { type: 'load-handout', id: 'nerve-ablation', lang: 'fr' }],
    });
  });

  it('language-failed: the language is no longer on its way', () => {
    expect(step(S.choosingFr, { type: 'language-failed', code: 'fr' })).toEqual({ state: S.welcome, effects: [] });
    expect(step(S.returning, { type: 'language-failed', code: 'fr' }).state).toEqual({ ...S.returning, choosing: null });
  });

  it('show-languages: from the reader keeps the handout and section, and whether it was being read', () => {
    for (const reading of [true, false]) {
      expect(step({ ...S.reader, dialog: 'display', compare: true }, { type: 'show-languages', reading })).toEqual({
        state: { name: 'returning', choosing: null, id: 'nerve-ablation', section: 1, reread: reading, handout: S.reader.handout, ...facets },
        effects: [STOP],
      });
    }
    expect(step(S.opening, { type: 'show-languages', reading: false }).state).toEqual({
      name: 'returning',
      choosing: null,
      id: 'nerve-ablation',
      section: 1,
      reread: false,
      handout: null,
      ...facets,
    });
  });

  it('show-languages: from the library or a failed handout to a plain welcome screen; on the welcome screens it stays', () => {
    for (const from of [S.library, S.failed]) expect(step(from, { type: 'show-languages', reading: false })).toEqual({ state: S.welcome, effects: [STOP] });
    for (const from of [S.welcome, S.returning]) expect(step({ ...from, dialog: 'help' }, { type: 'show-languages', reading: false })).toEqual({ state: from, effects: [STOP] });
  });

  it('show-library: from any reader state, closing its dialog', () => {
    for (const from of [{ ...S.reader, dialog: 'term' as const, term: 'liver' }, S.opening, S.failed]) {
      expect(step(from, { type: 'show-library' })).toEqual({ state: S.library, effects: [STOP] });
    }
  });

  it('back: closes the dialog first, then goes one step up: the library, else the languages', () => {
    expect(step({ ...S.reader, dialog: 'term', term: 'liver' }, { type: 'back', reading: true })).toEqual({ state: S.reader, effects: [] });
    expect(step({ ...S.welcome, dialog: 'help' }, { type: 'back', reading: false })).toEqual({ state: S.welcome, effects: [] });
    for (const from of [S.reader, S.opening, S.failed]) expect(step(from, { type: 'back', reading: false })).toEqual(step(from, { type: 'show-library' }));
    for (const from of [S.reader, S.opening, S.failed, S.library]) {
      expect(step(from, { type: 'back', reading: true }, one)).toEqual(step(from, { type: 'show-languages', reading: true }, one));
    }
    expect(step(S.library, { type: 'back', reading: false })).toEqual({ state: S.welcome, effects: [STOP] });
    expect(step(S.reader, { type: 'back', reading: true }, one).state).toMatchObject({ name: 'returning', reread: true });
    for (const from of [S.welcome, S.returning]) expect(step(from, { type: 'back', reading: false })).toEqual({ state: from, effects: [] });
  });

  it('open-handout: from the library, at its first section, in the language asked for', () => {
    expect(step(S.library, { type: 'open-handout', id: 'acetaminophen', lang: 'ar' })).toEqual({
      state: { name: 'opening', id: 'acetaminophen', lang: 'ar', section: 0, reread: false, ...facets },
      effects: [STOP, { type: 'load-handout', id: 'acetaminophen', lang: 'ar' }],
    });
  });

  it('open-link: a "Take it home" link opens its handout at its section, straight from the welcome screen', () => {
    expect(step(S.welcome, { type: 'open-link', id: 'acetaminophen', lang: 'es', section: 3 })).toEqual({
      state: { name: 'opening', id: 'acetaminophen', lang: 'es', section: 3, reread: false, ...facets },
      effects: [STOP, { type: 'load-handout', id: 'acetaminophen', lang: 'es' }],
    });
    // Past the end of the handout: clamped when it has loaded and its length is known.
    const opened = step(step(S.welcome, { type: 'open-link', id: 'nerve-ablation', lang: 'en', section: 9 }).state, { type: 'handout-loaded', handout: handout() });
    expect(opened.state).toMatchObject({ name: 'reader', section: 2 });
  });

  it('handout-loaded: the reader at the section asked for (within the handout), read aloud again if it was', () => {
    const loaded = handout('en', 'nerve-ablation', 2);
    expect(step({ ...S.opening, section: 5 }, { type: 'handout-loaded', handout: loaded })).toEqual({
      state: { name: 'reader', handout: loaded, section: 1, compare: false, ...facets },
      effects: [{ type: 'load-section' }],
    });
    expect(step({ ...S.opening, reread: true }, { type: 'handout-loaded', handout: loaded }).effects).toEqual([{ type: 'load-section' }, { type: 'play' }]);
  });

  it('handout-failed: the reader says it could not be loaded', () => {
    expect(step(S.opening, { type: 'handout-failed', id: 'nerve-ablation', lang: 'en' })).toEqual({ state: S.failed, effects: [] });
  });

  it('go-to-section and step-section: a section within the handout, the dialog closed, its audio loaded', () => {
    const moved = (section: number) => ({ state: { ...S.reader, section }, effects: [STOP, { type: 'load-section' }] });
    expect(step({ ...S.reader, dialog: 'sections' }, { type: 'go-to-section', index: 2 })).toEqual(moved(2));
    expect(step(S.reader, { type: 'go-to-section', index: 99 })).toEqual(moved(2));
    expect(step(S.reader, { type: 'step-section', by: 1 })).toEqual(moved(2));
    expect(step(S.reader, { type: 'step-section', by: -1 })).toEqual(moved(0));
    expect(step({ ...S.reader, section: 0 }, { type: 'step-section', by: -1 })).toEqual(moved(0));
  });

  it('section-ended: reads on into the next section, and stops quietly after the last', () => {
    expect(step(S.reader, { type: 'section-ended' })).toEqual({ state: S.lastSection, effects: [STOP, { type: 'load-section' }, { type: 'play' }] });
    expect(step(S.lastSection, { type: 'section-ended' })).toEqual({ state: S.lastSection, effects: [] });
  });

  it('compare: "Show in English" on and off in the reader, kept from section to section, gone with the handout', () => {
    const comparing = step(S.reader, { type: 'compare', on: true }).state;
    expect(comparing).toEqual({ ...S.reader, compare: true });
    expect(step(comparing, { type: 'step-section', by: 1 }).state).toMatchObject({ compare: true, section: 2 });
    expect(step(comparing, { type: 'compare', on: false }).state).toEqual(S.reader);
    const back = step(step(comparing, { type: 'show-languages', reading: false }).state, { type: 'choose-language', code: 'fr' }).state;
    const reopened = step(step(back, { type: 'language-ready', code: 'fr' }).state, { type: 'handout-loaded', handout: handout('fr') }).state;
    expect(reopened).toMatchObject({ name: 'reader', compare: false, section: 1 });
  });

  it('open-dialog and close-dialog: help and staff anywhere, the section list, settings and "Take it home" in the reader', () => {
    for (const from of Object.values(S)) {
      for (const dialog of ['help', 'staff'] as const) expect(step(from, { type: 'open-dialog', dialog })).toEqual({ state: { ...from, dialog }, effects: [] });
      expect(step({ ...from, dialog: 'help' }, { type: 'close-dialog' })).toEqual({ state: from, effects: [] });
      expect(step(from, { type: 'close-dialog' }), 'a close that comes after the state closed it').toEqual({ state: from, effects: [] });
    }
    for (const dialog of ['sections', 'display', 'take-home'] as const) expect(step(S.reader, { type: 'open-dialog', dialog }).state).toEqual({ ...S.reader, dialog });
  });

  it('open-term: the card of a term the open handout defines; another dialog or a close forgets the term', () => {
    const card = step(S.reader, { type: 'open-term', term: 'liver' });
    expect(card).toEqual({ state: { ...S.reader, dialog: 'term', term: 'liver' }, effects: [] });
    expect(step(card.state, { type: 'close-dialog' }).state).toEqual(S.reader);
    expect(step(card.state, { type: 'open-dialog', dialog: 'help' }).state).toEqual({ ...S.reader, dialog: 'help' });
  });

  it('touch-to-hear: turned on and off in any state, and kept across screens', () => {
    for (const from of Object.values(S)) {
      expect(step(from, { type: 'touch-to-hear', on: true })).toEqual({ state: { ...from, touch: 'hear' }, effects: [] });
      expect(step({ ...from, touch: 'hear' }, { type: 'touch-to-hear', on: false }).state).toEqual(from);
    }
    expect(step({ ...S.library, touch: 'hear' }, { type: 'open-handout', id: 'nerve-ablation', lang: 'en' }).state.touch).toBe('hear');
    expect(step({ ...S.reader, touch: 'hear' }, { type: 'back', reading: false }).state.touch).toBe('hear');
  });

  it('end: the visit is over, frozen as it was, and stops speaking', () => {
    for (const from of Object.values(S)) {
      expect(step(from, { type: 'end' })).toEqual({ state: { name: 'ended', last: from, ...facets }, effects: [STOP] });
    }
  });
});

/**
 * The tables in the header comment, read as data: the states' names, and each event row's event
 * (with the dialogs it names, for open-dialog), the states it is from (with its condition), the
 * state it goes to and its effects.
 */
interface Row {
  line: string;
  type: VisitEvent['type'];
  variants: string[];
  from: LiveName[];
  condition: string | null;
  to: string;
  effects: string[];
  optional: string[];
}

type LiveName = Exclude<StateName, 'ended'>;
const LIVE: LiveName[] = ['welcome', 'returning', 'library', 'opening', 'reader', 'failed'];
const ALL_NAMES: Record<StateName, true> = { welcome: true, returning: true, library: true, opening: true, reader: true, failed: true, ended: true };

function readTables() {
  const source = readFileSync(join(process.cwd(), 'src/app/visit-machine.ts'), 'utf8');
  const header = source.slice(0, source.indexOf('*/'));
  const cells = [...header.matchAll(/^ \* \|(.*)\|\s*$/gm)].map((m) => (m[1] ?? '').split('|').map((cell) => cell.trim())).filter((row) => !/^-+$/.test(row[0] ?? ''));
  const states = cells.filter((row) => row.length === 3 && row[0] !== 'state').map((row) => row[0] as string);
  const rows: Row[] = cells
    .filter((row) => row.length === 4 && row[0] !== 'event')
    .map(([event = '', from = '', to = '', effects = '']) => {
      const [type = '', ...variants] = event.split(/[\s,]+/);
      const condition = /\(([^)]*)\)/.exec(from)?.[1] ?? null;
      const names = from
        .replace(/\(.*\)/, '')
        .split(',')
        .map((name) => name.trim());
      const optional = [...effects.matchAll(/\[(\S+)[^\]]*\]/g)].map((m) => m[1] as string);
      return {
        line: `${event} | ${from}`,
        type: type as VisitEvent['type'],
        variants,
        from: names[0] === 'any' ? [...LIVE] : (names as LiveName[]),
        condition,
        to: (/^[a-z]+/.exec(to) ?? [''])[0],
        effects: effects
          .replace(/\[[^\]]*\]/g, '')
          .split(',')
          .map((e) => e.trim())
          .filter(Boolean),
        optional,
      };
    });
  return { states, rows };
}

/** A state of each name, as a row's condition asks for it. */
function sample(name: LiveName, condition: string | null): { state: VisitState; context: MachineContext } {
  const base: Record<typeof name, VisitState> = {
    welcome: S.choosingFr,
    returning: S.returning,
    library: S.library,
    opening: S.opening,
    reader: S.reader,
    failed: S.failed,
  };
  let state = base[name];
  if (condition === 'dialog open') state = { ...state, dialog: 'help' };
  if (condition === 'last section') state = S.lastSection;
  return { state, context: condition === 'one handout' ? one : several };
}

/** An event of each type that the state it is sent in can take, if any row lets it. */
const EVENTS: { [K in VisitEvent['type']]: (state: VisitState, variant?: string) => Extract<VisitEvent, { type: K }> } = {
  'choose-language': () => ({ type: 'choose-language', code: 'es' }),
  'language-ready': () => ({ type: 'language-ready', code: 'fr' }),
  'language-failed': () => ({ type: 'language-failed', code: 'fr' }),
  'show-languages': () => ({ type: 'show-languages', reading: true }),
  'show-library': () => ({ type: 'show-library' }),
  back: () => ({ type: 'back', reading: false }),
  'open-handout': () => ({ type: 'open-handout', id: 'acetaminophen', lang: 'en' }),
  'open-link': () => ({ type: 'open-link', id: 'nerve-ablation', lang: 'fr', section: 2 }),
  'handout-loaded': () => ({ type: 'handout-loaded', handout: handout('en', 'nerve-ablation') }),
  'handout-failed': () => ({ type: 'handout-failed', id: 'nerve-ablation', lang: 'en' }),
  'go-to-section': () => ({ type: 'go-to-section', index: 2 }),
  'step-section': () => ({ type: 'step-section', by: 1 }),
  'section-ended': () => ({ type: 'section-ended' }),
  compare: () => ({ type: 'compare', on: true }),
  'open-dialog': (_state, variant = 'help') => ({ type: 'open-dialog', dialog: variant as PlainDialog }),
  'open-term': () => ({ type: 'open-term', term: 'liver' }),
  'close-dialog': () => ({ type: 'close-dialog' }),
  'touch-to-hear': () => ({ type: 'touch-to-hear', on: true }),
  end: () => ({ type: 'end' }),
};
const EVENT_TYPES = Object.keys(EVENTS) as VisitEvent['type'][];
const DIALOGS: PlainDialog[] = ['help', 'sections', 'display', 'staff', 'take-home'];
const variantsOf = (type: VisitEvent['type']) => (type === 'open-dialog' ? DIALOGS : [undefined]);

describe('the table in the header comment', () => {
  const { states, rows } = readTables();

  it('names every state, and only those', () => {
    expect([...states].sort()).toEqual(Object.keys(ALL_NAMES).sort());
  });

  it('has a row for every event, and every row names real events, states and effects', () => {
    expect([...new Set(rows.map((row) => row.type))].sort()).toEqual([...EVENT_TYPES].sort());
    const effects: Effect['type'][] = ['stop-speech', 'set-language', 'load-handout', 'load-section', 'play'];
    for (const row of rows) {
      for (const name of row.from) expect(LIVE, row.line).toContain(name);
      for (const dialog of row.variants) expect(DIALOGS, row.line).toContain(dialog);
      expect([...LIVE, 'ended', 'same'], row.line).toContain(row.to);
      for (const effect of [...row.effects, ...row.optional]) expect(effects, row.line).toContain(effect);
    }
  });

  it('is what the transition function does: each row goes where it says, with the effects it says', () => {
    for (const row of rows) {
      for (const variant of row.variants.length ? row.variants : [undefined]) {
        for (const name of row.from) {
          const { state, context } = sample(name, row.condition);
          const event = EVENTS[row.type](state, variant);
          const result = transition(state, event, context);
          const where = `${row.line} (${name}${variant ? `, ${variant}` : ''})`;
          expect(typeof result, where).toBe('object');
          if (typeof result !== 'object') continue;
          expect(result.state.name, where).toBe(row.to === 'same' ? name : row.to);
          expect(
            result.effects.map((e) => e.type).filter((type) => !row.optional.includes(type)),
            where,
          ).toEqual(row.effects);
        }
      }
    }
  });

  it('leaves nothing out: an event in a state no row names is ignored', () => {
    for (const type of EVENT_TYPES) {
      for (const variant of variantsOf(type)) {
        for (const name of LIVE) {
          const named = rows.some((row) => row.type === type && row.from.includes(name) && (!row.variants.length || row.variants.includes(variant as string)));
          if (named) continue;
          const { state, context } = sample(name, null);
          expect(transition(state, EVENTS[type](state, variant), context), `${type} ${variant ?? ''} in ${name}`).toMatch(/^(late|illegal)$/);
        }
      }
    }
  });

  it('ignores every event once the visit has ended', () => {
    for (const type of EVENT_TYPES) {
      for (const name of LIVE) {
        const { state } = sample(name, null);
        const ended: VisitState = { name: 'ended', last: state as Exclude<VisitState, { name: 'ended' }>, ...facets };
        expect(transition(ended, EVENTS[type](ended), several), `${type} after ${name}`).toBe('late');
      }
    }
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
      [
        { name: 'ended', last: S.reader, ...facets },
        { type: 'go-to-section', index: 0 },
      ],
      [
        { name: 'ended', last: S.welcome, ...facets },
        { type: 'choose-language', code: 'fr' },
      ],
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
      [S.returning, { type: 'open-link', id: 'nerve-ablation', lang: 'en', section: 0 }],
      [S.library, { type: 'open-link', id: 'nerve-ablation', lang: 'en', section: 0 }],
      [S.library, { type: 'step-section', by: 1 }],
      [S.opening, { type: 'go-to-section', index: 1 }],
      [S.failed, { type: 'section-ended' }],
      [S.opening, { type: 'compare', on: true }],
      [S.welcome, { type: 'open-dialog', dialog: 'sections' }],
      [S.opening, { type: 'open-dialog', dialog: 'display' }],
      [S.library, { type: 'open-dialog', dialog: 'take-home' }],
      [S.returning, { type: 'open-term', term: 'liver' }],
      [S.reader, { type: 'open-term', term: 'not-in-this-handout' }],
      [
        { ...S.reader, handout: { ...handout(), glossary: undefined } as unknown as Handout },
        { type: 'open-term', term: 'liver' },
      ],
    ];
    for (const [from, event] of illegal) expect(transition(from, event, several), `${event.type} in ${from.name}`).toBe<Step>('illegal');
  });

  it('reports an illegal event to the visit’s log and changes nothing; a late one passes silently', async () => {
    const ignored: string[] = [];
    const recording = createRecordingPlayer();
    const i18n = { language: signal('en'), setLanguage: async () => {} } as unknown as I18n;
    const content: ContentSource = { summaries: () => [], load: async (lang, id) => handout(lang, id) };
    const visit = createAppState({
      config,
      i18n,
      content,
      player: recording.player,
      idle: signal<IdlePhase>('active'),
      onIgnored: (event, state) => ignored.push(`${event.type} in ${state.name}`),
    });
    visit.nextSection();
    visit.openDialog('sections');
    visit.openTerm('liver');
    expect(ignored).toEqual(['step-section in welcome', 'open-dialog in welcome', 'open-term in welcome']);
    expect(visit.state.value).toEqual(INITIAL_VISIT);
    expect(recording.calls).toEqual([]);
    visit.dispose();
    await visit.chooseLanguage('fr');
    expect(ignored).toHaveLength(3);
    expect(await visit.loadTranslation('en')).toBeNull();
  });

  it('runs the effects: a "Take it home" link opens the handout at its section, with that section’s audio', async () => {
    const recording = createRecordingPlayer();
    const i18n = { language: signal('es'), setLanguage: async () => {} } as unknown as I18n;
    const content: ContentSource = { summaries: () => [], load: async (lang, id) => handout(lang, id) };
    const visit = createAppState({ config, i18n, content, player: recording.player, idle: signal<IdlePhase>('active') });
    await visit.openLink('nerve-ablation', 2);
    expect([visit.screen.value, visit.handout.value?.lang, visit.sectionIndex.value]).toEqual(['reader', 'es', 2]);
    expect(recording.calls).toEqual(['stop', 'load es/s2']);
    visit.dispose();
  });
});

describe('conditions derived from the visit', () => {
  const idleShown = (state: VisitState, idle: IdlePhase = 'warning') => derive(state, 'idle', idle).idleWarningShown;

  it('is between visits only on a fresh welcome screen, with nothing open, on its way, said or counted down', () => {
    expect(derive(S.welcome, 'idle', 'active').betweenVisits).toBe(true);
    expect(derive(S.welcome, 'paused', 'active').betweenVisits).toBe(true);
    expect(derive({ ...S.welcome, touch: 'hear' }, 'idle', 'active').betweenVisits).toBe(true);
    for (const [state, speech, idle] of [
      [S.returning, 'idle', 'active'],
      [S.choosingFr, 'idle', 'active'],
      [{ ...S.welcome, dialog: 'help' }, 'idle', 'active'],
      [{ ...S.welcome, dialog: 'staff' }, 'idle', 'active'],
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

  it('explains while a term’s card is open, and only then', () => {
    expect(derive({ ...S.reader, dialog: 'term', term: 'liver' }, 'paused', 'active').explaining).toBe(true);
    for (const dialog of [null, 'help', 'sections', 'display', 'staff', 'take-home'] as const) expect(derive({ ...S.reader, dialog }, 'paused', 'active').explaining).toBe(false);
  });

  it('believes the page inert, and which dialogs are on screen, from the dialog and the idle warning together', () => {
    expect(derive(S.reader, 'playing', 'active')).toMatchObject({ pageInert: false, believed: { dialogs: [], touchToHear: false, speech: 'playing' } });
    expect(derive({ ...S.reader, dialog: 'display', touch: 'hear' }, 'idle', 'warning')).toMatchObject({
      pageInert: true,
      believed: { dialogs: ['display', 'idle'], touchToHear: true, speech: 'idle' },
    });
    expect(derive({ ...S.reader, dialog: 'take-home' }, 'idle', 'active')).toMatchObject({ pageInert: true, believed: { dialogs: ['take-home'] } });
    expect(derive(S.welcome, 'idle', 'warning')).toMatchObject({ pageInert: false, believed: { dialogs: [] } });
  });

  it('names the screen, the handout and where it stands for each state, and keeps them once the visit ended', () => {
    const seen = (state: VisitState) => {
      const d = derive(state, 'idle', 'active');
      return [d.screen, d.handout?.lang ?? null, d.handoutStatus, d.sectionIndex, d.returning, d.comparing];
    };
    expect(seen(S.welcome)).toEqual(['welcome', null, 'idle', 0, false, false]);
    expect(seen(S.returning)).toEqual(['welcome', 'en', 'idle', 2, true, false]);
    expect(seen(S.library)).toEqual(['library', null, 'idle', 0, false, false]);
    expect(seen(S.opening)).toEqual(['reader', null, 'loading', 1, false, false]);
    expect(seen(S.reader)).toEqual(['reader', 'en', 'ready', 1, false, false]);
    expect(seen({ ...S.reader, compare: true })).toEqual(['reader', 'en', 'ready', 1, false, true]);
    expect(seen(S.failed)).toEqual(['reader', null, 'error', 0, false, false]);
    expect(seen({ name: 'ended', last: S.reader, ...facets })).toEqual(seen(S.reader));
    expect(derive(INITIAL_VISIT, 'idle', 'active').screen).toBe('welcome');
  });
});
