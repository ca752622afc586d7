/**
 * Every screen and dialog, at every text size and in every theme and configured language, has no
 * axe violations (layout rules run in tests/browser). Screens are reached the way a patient reaches
 * them: by pressing buttons.
 */
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { TEXT_SIZES, THEMES } from '../../src/kiosk/prefs';
import { axeViolations } from '../helpers/axe';
import { languages, openHandoutAs, renderKiosk, type TestKiosk } from '../helpers/kiosk';

type Step = (kiosk: TestKiosk, lang: string) => Promise<void>;

const openReader: Step = async (_k, lang) => openHandoutAs(lang);
const click = (selector: string) => fireEvent.click(document.querySelector(selector)!);

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
};

describe.each(languages.map((l) => l.code))('in %s', (lang) => {
  describe.each(Object.keys(SCREENS))('%s', (name) => {
    it.each(TEXT_SIZES.flatMap((size) => THEMES.map((theme) => [size, theme] as const)))(
      'has no axe violations at %s text in the %s theme',
      async (size, theme) => {
        const kiosk = await renderKiosk();
        await SCREENS[name]!(kiosk, lang);
        kiosk.kiosk.visit.value.prefs.setTextSize(size);
        kiosk.kiosk.visit.value.prefs.setTheme(theme);
        await waitFor(() => expect(document.documentElement.dataset.theme).toBe(theme));
        expect(await axeViolations()).toEqual([]);
      },
    );
  });
});

describe('screen structure', () => {
  it('has exactly one h1 on every screen', async () => {
    for (const [name, step] of Object.entries(SCREENS)) {
      const kiosk = await renderKiosk();
      await step(kiosk, 'en');
      expect(document.querySelectorAll('h1'), name).toHaveLength(1);
      kiosk.view.unmount();
    }
  });

  it('marks the reader text with its language and direction', async () => {
    const kiosk = await renderKiosk();
    await openReader(kiosk, 'en');
    const text = document.querySelector('.section-text')!;
    expect(text.getAttribute('lang')).toBe('en');
    expect(text.getAttribute('dir')).toBe('ltr');
    expect(document.documentElement.lang).toBe('en');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Nerve ablation for chronic pain');
  });
});
