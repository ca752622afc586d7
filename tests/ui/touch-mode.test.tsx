/**
 * Touch-to-hear is a mode that changes what a touch does, so it is never on without a sign: which
 * key presses start it, the bar that says so (with one touch to turn it off), and the mark on the
 * item a first touch has spoken. Issue #16.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { KeypadAction } from '../../src/kiosk/keypad';
import { createSpeechTrigger } from '../../src/kiosk/speech-trigger';
import { createPrompter } from '../../src/speech/prompter';
import { config, languages, openHandoutAs, renderKiosk, shown, untilSection } from '../helpers/kiosk';

async function kiosk(options: { config?: typeof config } = {}) {
  const said: string[] = [];
  const prompter = createPrompter(
    { load: () => undefined, find: () => undefined },
    { playClips: async () => {}, speak: (text, lang) => (said.push(`${lang}: ${text}`), true), stop: () => {} },
    () => 1,
  );
  const rendered = await renderKiosk({ prompter, ...options });
  const press = (action: KeypadAction, code: string) => rendered.kiosk.keypad.dispatch(action, code);
  const touchToHear = () => rendered.kiosk.visit.value.touchToHear.value;
  return { ...rendered, said, press, touchToHear };
}

const bar = () => document.querySelector<HTMLElement>('.app [data-touch-mode-bar]');

describe('which key presses start touch-to-hear', () => {
  const trigger = createSpeechTrigger();

  it('is started by the keypad’s own keys (F13–F24) and by Help from any key', () => {
    expect(trigger.startsTouchToHear('down', 'F14')).toBe(true);
    expect(trigger.startsTouchToHear('back', 'F18')).toBe(true);
    expect(trigger.startsTouchToHear('help', 'F1')).toBe(true);
    expect(trigger.startsTouchToHear('help', 'Help')).toBe(true);
  });

  it('is not started by a stray Escape, Backspace, arrow, Enter or +/− from a keyboard', () => {
    for (const [action, code] of [
      ['back', 'Escape'],
      ['back', 'Backspace'],
      ['down', 'ArrowDown'],
      ['enter', 'Enter'],
      ['volumeUp', 'NumpadAdd'],
    ] as const) {
      expect(trigger.startsTouchToHear(action, code), code).toBe(false);
    }
  });

  it('counts the keys a clinic mapped to its keypad in the config as the keypad’s own', () => {
    const clinic = createSpeechTrigger({ down: ['KeyS'], back: ['Numpad0'] });
    expect(clinic.startsTouchToHear('down', 'KeyS')).toBe(true);
    expect(clinic.startsTouchToHear('back', 'Numpad0')).toBe(true);
    expect(clinic.startsTouchToHear('back', 'Escape')).toBe(false);
  });
});

describe('the walk from issue #16', () => {
  it('opens Settings on a tap after Escape closed it: a keyboard Escape changes nothing about touches', async () => {
    const { press, touchToHear } = await kiosk();
    await openHandoutAs('en');
    fireEvent.click(screen.getByRole('button', { name: 'reader.settings' }));
    await screen.findByRole('dialog', { name: 'reader.settings' });
    press('back', 'Escape');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(touchToHear()).toBe(false);
    expect(bar()).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'reader.settings' }));
    await screen.findByRole('dialog', { name: 'reader.settings' });
  });

  it('shows plainly why a tap only spoke when the keypad did start touch-to-hear, and how to stop it', async () => {
    const { press, said, touchToHear } = await kiosk();
    await openHandoutAs('en');
    press('help', 'F19');
    expect(touchToHear()).toBe(true);
    await waitFor(() => expect(bar()?.textContent).toContain('touchMode.on'));
    const settings = screen.getByRole('button', { name: 'reader.settings' });
    fireEvent.click(settings);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(settings.getAttribute('data-armed')).toBe('touchMode.touchAgain');
    await waitFor(() => expect(bar()?.querySelector('[role="status"]')?.textContent).toContain(shown('touchMode.armed', { item: 'reader.settings' })));
    expect(said.at(-1)).toBe('en: reader.settings, voice.button, touchMode.touchAgain');
    fireEvent.click(settings);
    const dialog = await screen.findByRole('dialog', { name: 'reader.settings' });
    expect(settings.hasAttribute('data-armed'), 'the mark goes once the item is chosen').toBe(false);
    // The mode stays visible, and can be turned off, inside the dialog too.
    expect(dialog.querySelector('[data-touch-mode-bar]')).not.toBeNull();
  });
});

describe('the touch-mode bar', () => {
  it('is shown exactly while touch-to-hear is on, in words and an icon, on every screen', async () => {
    const { touchToHear } = await kiosk();
    expect(bar()).toBeNull();
    fireEvent.click(document.querySelector<HTMLElement>('[data-action="touch-to-hear"]')!);
    expect(touchToHear()).toBe(true);
    await waitFor(() => expect(bar()?.querySelector('svg.icon')).not.toBeNull());
    expect(bar()?.textContent).toContain('touchMode.how');
    fireEvent.click(document.querySelector<HTMLElement>('[data-language="en"]')!);
    fireEvent.click(document.querySelector<HTMLElement>('[data-language="en"]')!);
    await waitFor(() => expect(document.querySelector('.library, .section-text')).not.toBeNull());
    expect(bar()).not.toBeNull();
  });

  it('turns touch-to-hear off with one touch, and says so', async () => {
    const { said, touchToHear, press } = await kiosk();
    press('help', 'F1');
    await waitFor(() => expect(bar()).not.toBeNull());
    const off = within(bar()!).getByRole('button', { name: 'touchMode.turnOff' });
    fireEvent.click(off);
    expect(touchToHear()).toBe(false);
    expect(said.at(-1)).toBe('en: voice.touchToHearOff');
    await waitFor(() => expect(bar()).toBeNull());
    // Touches choose again at once.
    fireEvent.click(document.querySelector<HTMLElement>('[data-language="en"]')!);
    await waitFor(() => expect(document.querySelector('.library, .section-text')).not.toBeNull());
  });

  it('is in the visit’s language', async () => {
    const { press, i18n } = await kiosk();
    fireEvent.click(document.querySelector<HTMLElement>('[data-language="ar"]')!);
    await waitFor(() => expect(document.documentElement.lang).toBe('ar'));
    press('help', 'F1');
    await waitFor(() => expect(bar()?.textContent).toContain('touchMode.on'));
    expect(within(bar()!).getByRole('button').textContent).toBe('touchMode.turnOff');
    // Drawn with the Arabic strings, under a right-to-left page.
    expect([i18n.language.value, document.documentElement.dir]).toEqual(['ar', 'rtl']);
  });

  it('says in Tagalog, which has no voice yet, that nothing will be heard: text only', async () => {
    const { press } = await kiosk();
    fireEvent.click(document.querySelector<HTMLElement>('[data-language="tl"]')!);
    await waitFor(() => expect(document.documentElement.lang).toBe('tl'));
    press('help', 'F1');
    await waitFor(() => expect(bar()?.querySelector('[data-touch-mode-note]')?.textContent).toBe(languages.find((l) => l.code === 'tl')!.textOnly));
    expect(bar()?.querySelector('[data-touch-mode-note]')?.closest('[role="status"]')).not.toBeNull();
  });

  it('has no text-only note in a language with a voice', async () => {
    const { press } = await kiosk();
    press('help', 'F1');
    await waitFor(() => expect(bar()).not.toBeNull());
    expect(bar()?.querySelector('[data-touch-mode-note]')).toBeNull();
  });

  it('takes the mark away when the screen changes under it', async () => {
    const { press } = await kiosk();
    await openHandoutAs('en');
    press('help', 'F19');
    const next = screen.getByRole('button', { name: 'reader.next' });
    fireEvent.click(next);
    expect(next.hasAttribute('data-armed')).toBe(true);
    press('right', 'ArrowRight');
    await untilSection(2);
    expect(document.querySelector('[data-armed]')).toBeNull();
    expect(bar()?.textContent).toContain('touchMode.how');
  });
});

describe('the keypad in touch-to-hear', () => {
  it('changes a setting with Left and Right at once: a keypad choice is never held for a second touch', async () => {
    const { press, kiosk: k } = await kiosk();
    await openHandoutAs('en');
    press('help', 'F19');
    fireEvent.click(screen.getByRole('button', { name: 'reader.settings' }));
    fireEvent.click(screen.getByRole('button', { name: 'reader.settings' }));
    (await screen.findByRole('radio', { name: 'reader.sizeMedium' })).focus();
    press('right', 'F16');
    expect(k.visit.value.prefs.textSize.value).toBe('large');
  });
});
