/**
 * Every screen and dialog, the idle warning and the staff panel included, at every text size and in
 * every theme and language of the fixture library (tests/fixtures/ui-content: left to right, right to
 * left, text only), has no axe violations. Layout rules, and every real language, run in Chromium
 * (tests/browser/languages.test.ts). Screens are reached the way a patient reaches them: by pressing buttons.
 */
import { act, fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { TEXT_SIZES, THEMES } from '../../src/kiosk/prefs';
import { axeViolations } from '../helpers/axe';
import { fakeClock } from '../helpers/fake-clock';
import { config, languages, openHandoutAs, renderKiosk, type TestKiosk } from '../helpers/kiosk';
import { manyHandouts } from '../helpers/many-handouts';

type Step = (kiosk: TestKiosk & { clock: ReturnType<typeof fakeClock> }, lang: string) => Promise<void>;

const openReader: Step = async (_k, lang) => openHandoutAs(lang);
const click = (selector: string) => fireEvent.click(document.querySelector(selector)!);

/** The documented default PIN: kiosk.config.json holds only its hash. */
const DEFAULT_PIN = '4826';

const SCREENS: Record<string, Step> = {
  welcome: async () => {},
  'welcome help': async () => {
    click('[data-action="help"]');
  },
  library: async (_k, lang) => {
    fireEvent.click(document.querySelector(`[data-language="${lang}"]`)!);
    await waitFor(() => expect(document.querySelector('.library, .section-text')).not.toBeNull());
  },
  reader: openReader,
  'reader, last section': async (k, lang) => {
    await openReader(k, lang);
    const visit = k.kiosk.visit.value;
    visit.goToSection(visit.handout.value!.sections.length - 1);
  },
  'section list': async (k, lang) => {
    await openReader(k, lang);
    click('[data-action="sections"]');
  },
  'display settings': async (k, lang) => {
    await openReader(k, lang);
    click('[data-action="settings"]');
  },
  'reader help': async (k, lang) => {
    await openReader(k, lang);
    click('[data-action="help"]');
  },
  'glossary term card': async (k, lang) => {
    await openReader(k, lang);
    click('.section-text button.term');
    // The dialogs' code is a lazy chunk: on a busy machine it takes more than waitFor's usual second.
    await waitFor(() => expect(document.querySelector('dialog[data-dialog="term"]')).not.toBeNull(), { timeout: 10_000 });
  },
  // Not offered in the clinic's own language (English): there the reader is checked as it is.
  'show in the clinic’s language': async (k, lang) => {
    await openReader(k, lang);
    if (!document.querySelector('[data-action="compare"]')) return;
    click('[data-action="compare"]');
    await waitFor(() => expect(document.querySelector('.compare__side--staff .compare__text')).not.toBeNull(), { timeout: 10_000 });
  },
  'language picker from the reader': async (k, lang) => {
    await openReader(k, lang);
    click('[data-action="language"]');
  },
  'idle warning': async (k, lang) => {
    await openReader(k, lang);
    await act(() => k.clock.advance(config.idle.timeoutSeconds * 1000));
    await waitFor(() => expect(document.querySelector('dialog[open][data-dialog="idle"]')).not.toBeNull());
  },
  'staff PIN pad': async (k, lang) => {
    await openReader(k, lang);
    await act(() => k.kiosk.visit.value.openDialog('staff'));
    // The staff code is its own chunk, fetched when the dialog opens.
    await waitFor(() => expect(document.querySelector('dialog[open] .pin-pad')).not.toBeNull(), { timeout: 15_000 });
  },
  'staff panel': async (k, lang) => {
    await SCREENS['staff PIN pad']?.(k, lang);
    for (const digit of DEFAULT_PIN) click(`[data-digit="${digit}"]`);
    click('[data-action="pin-open"]');
    await waitFor(() => expect(document.querySelectorAll('[data-language-health]')).toHaveLength(languages.length), { timeout: 15_000 });
  },
};

const renderAt = async () => {
  const clock = fakeClock();
  return { ...(await renderKiosk({ clock })), clock };
};

describe.each(languages.map((l) => l.code))('in %s', (lang) => {
  describe.each(Object.keys(SCREENS))('%s', (name) => {
    it.each(TEXT_SIZES.flatMap((size) => THEMES.map((theme) => [size, theme] as const)))('has no axe violations at %s text in the %s theme', async (size, theme) => {
      const kiosk = await renderAt();
      await SCREENS[name]!(kiosk, lang);
      kiosk.kiosk.visit.value.prefs.setTextSize(size);
      kiosk.kiosk.visit.value.prefs.setTheme(theme);
      await waitFor(() => expect(document.documentElement.dataset.theme).toBe(theme));
      expect(await axeViolations()).toEqual([]);
    });
  });
});

/** The library of many handouts (content/library-index): its first view, and a topic behind its A-to-Z strip. */
const LIBRARY_SCREENS: Record<string, (lang: string) => Promise<void>> = {
  'library of many handouts': async (lang) => {
    fireEvent.click(document.querySelector(`[data-language="${lang}"]`)!);
    await waitFor(() => expect(document.querySelector('[data-library="home"]')).not.toBeNull(), { timeout: 10_000 });
  },
  'library topic with an A-to-Z strip': async (lang) => {
    await LIBRARY_SCREENS['library of many handouts']!(lang);
    click('[data-topic="*all"]');
    await waitFor(() => expect(document.querySelector('[data-range="1"]')).not.toBeNull());
    click('[data-range="1"]');
  },
};

describe.each(languages.map((l) => l.code))('in %s', (lang) => {
  describe.each(Object.keys(LIBRARY_SCREENS))('%s', (name) => {
    it.each(TEXT_SIZES.flatMap((size) => THEMES.map((theme) => [size, theme] as const)))('has no axe violations at %s text in the %s theme', async (size, theme) => {
      const many = manyHandouts(30, ['h003', 'h010']);
      const kiosk = await renderKiosk({ clock: fakeClock(), config: many.config, content: many.content });
      await LIBRARY_SCREENS[name]!(lang);
      kiosk.kiosk.visit.value.prefs.setTextSize(size);
      kiosk.kiosk.visit.value.prefs.setTheme(theme);
      await waitFor(() => expect(document.documentElement.dataset.theme).toBe(theme));
      expect(document.querySelectorAll('h1')).toHaveLength(1);
      expect(await axeViolations()).toEqual([]);
    });
  });
});

describe('screen structure', () => {
  it('has exactly one h1 on every screen', async () => {
    for (const [name, step] of Object.entries(SCREENS)) {
      const kiosk = await renderAt();
      await step(kiosk, 'en');
      expect(document.querySelectorAll('h1'), name).toHaveLength(1);
      kiosk.view.unmount();
    }
  });

  it('marks the reader text with its language and direction', async () => {
    await openReader(await renderAt(), 'en');
    const text = document.querySelector('.section-text')!;
    expect(text.getAttribute('lang')).toBe('en');
    expect(text.getAttribute('dir')).toBe('ltr');
    expect(document.documentElement.lang).toBe('en');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('A walk in the test garden');
  });
});
