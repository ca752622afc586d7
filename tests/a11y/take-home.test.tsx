/**
 * "Take it home" and "Print" in jsdom, on a kiosk whose config sets both: they pass axe in a
 * left-to-right and a right-to-left language, are reached by the keypad, and the written-out
 * address is spoken. Layout rules (contrast, target size) run in tests/browser/take-home.test.ts.
 */
import { signal } from '@preact/signals';
import { fireEvent, waitFor } from '@testing-library/preact';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { preloadScreens } from '../../src/app/app';
import type { Prompter } from '../../src/speech/prompter';
import { axeViolations } from '../helpers/axe';
import { handoutLoaders } from 'virtual:kiosk/manifest';
import { config, openHandoutAs, renderKiosk } from '../helpers/kiosk';

const PUBLIC = 'https://handouts.example-clinic.ca/';

function recordingPrompter(said: string[][]): Prompter {
  return { last: signal(null), say: (_lang, phrases) => void said.push(phrases), repeat: () => {}, stop: () => {} };
}

// The screens' code, and the QR code's, fetched once up front: a busy machine is slow to compile them.
beforeAll(async () => {
  await Promise.all([preloadScreens(), import('../../src/screens/take-home/panel'), ...['en', 'ar'].map((lang) => handoutLoaders[lang]![config.handouts[0]!]!())]);
}, 60_000);

async function openReader(lang: string, options: { publicUrl?: string; print?: boolean } = { publicUrl: PUBLIC, print: true }) {
  const said: string[][] = [];
  const kiosk = await renderKiosk({
    config: { ...config, site: { ...config.site, ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}) }, print: { enabled: options.print ?? false } },
    prompter: recordingPrompter(said),
  });
  await openHandoutAs(lang);
  return { ...kiosk, said };
}

describe.each(['en', 'ar'])('take it home and print, in %s', (lang) => {
  it('offers both on a section, and passes axe', async () => {
    await openReader(lang);
    expect(document.querySelector('[data-action="take-home"]')).not.toBeNull();
    expect(document.querySelector('[data-action="print"]')).not.toBeNull();
    expect(await axeViolations()).toEqual([]);
  });

  it('shows the QR code and the address in the Take it home dialog, and passes axe', async () => {
    await openReader(lang);
    fireEvent.click(document.querySelector('[data-action="take-home"]')!);
    const dialog = await waitFor(
      () => {
        const panel = document.querySelector('dialog[data-dialog="take-home"] [data-take-home]');
        expect(panel).not.toBeNull();
        return panel!;
      },
      { timeout: 5000 },
    );
    await waitFor(() => expect(dialog.querySelector('.qr-code svg')).not.toBeNull(), { timeout: 5000 });
    expect(dialog.querySelector('.qr-code')!.getAttribute('role')).toBe('img');
    expect(dialog.querySelector('.take-home__link')!.textContent).toBe(`${PUBLIC}?reader=phone&lang=${lang}&handout=${config.handouts[0]}&section=1`);
    expect(await axeViolations()).toEqual([]);
  });

  it('shows the QR code on the last section without a tap', async () => {
    const { kiosk } = await openReader(lang);
    const visit = kiosk.visit.value;
    visit.goToSection(visit.handout.value!.sections.length - 1);
    await waitFor(() => expect(document.querySelector('.reader [data-take-home] .qr-code svg')).not.toBeNull(), { timeout: 5000 });
    expect(await axeViolations()).toEqual([]);
  });
});

describe('take it home by keypad', () => {
  it('reaches the address with Down and says it', async () => {
    const { kiosk, said } = await openReader('en');
    fireEvent.click(document.querySelector('[data-action="take-home"]')!);
    await waitFor(() => expect(document.querySelector('dialog[data-dialog="take-home"] .take-home__link')).not.toBeNull(), { timeout: 5000 });
    const link = document.querySelector('.take-home__link')!;
    for (let i = 0; i < 5 && document.activeElement !== link; i++) kiosk.keypad.dispatch('down', 'ArrowDown');
    expect(document.activeElement).toBe(link);
    expect(said.at(-1)?.[0]).toBe(link.textContent);
  });
});

describe('without a public copy or a printer', () => {
  it('offers neither button', async () => {
    await openReader('en', {});
    expect(document.querySelector('[data-action="take-home"], [data-action="print"]')).toBeNull();
  });
});

describe('print and the end of a visit', () => {
  it('prints when asked, and prints nothing once the visit that asked has ended', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => {});
    try {
      const asked = await openReader('en');
      fireEvent.click(document.querySelector('[data-action="print"]')!);
      await waitFor(() => expect(print).toHaveBeenCalledTimes(1), { timeout: 5000 });
      window.dispatchEvent(new Event('afterprint'));
      asked.view.unmount();

      const { kiosk } = await openReader('en');
      fireEvent.click(document.querySelector('[data-action="print"]')!);
      void kiosk.resetVisit();
      // The print code is already loaded: what the click started has settled after a few tasks.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(print).toHaveBeenCalledTimes(1);
      expect(document.querySelector('.print-copy')).toBeNull();
    } finally {
      print.mockRestore();
    }
  });
});
