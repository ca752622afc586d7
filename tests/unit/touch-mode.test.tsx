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
import { config, openHandoutAs, renderKiosk } from '../helpers/kiosk';

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
    for (const [action, code] of [['back', 'Escape'], ['back', 'Backspace'], ['down', 'ArrowDown'], ['enter', 'Enter'], ['volumeUp', 'NumpadAdd']] as const) {
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
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    await screen.findByRole('dialog', { name: 'Settings' });
    press('back', 'Escape');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(touchToHear()).toBe(false);
    expect(bar()).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    await screen.findByRole('dialog', { name: 'Settings' });
  });

  it('shows plainly why a tap only spoke when the keypad did start touch-to-hear, and how to stop it', async () => {
    const { press, said, touchToHear } = await kiosk();
    await openHandoutAs('en');
    press('help', 'F19');
    expect(touchToHear()).toBe(true);
    await waitFor(() => expect(bar()?.textContent).toContain('Touch to hear is on.'));
    const settings = screen.getByRole('button', { name: 'Settings' });
    fireEvent.click(settings);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(settings.getAttribute('data-armed')).toBe('Touch again to choose.');
    await waitFor(() => expect(bar()?.querySelector('[role="status"]')?.textContent).toContain('Settings: touch again to choose it.'));
    expect(said.at(-1)).toBe('en: Settings, button, Touch again to choose.');
    fireEvent.click(settings);
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    expect(settings.hasAttribute('data-armed'), 'the mark goes once the item is chosen').toBe(false);
    // The mode stays visible, and can be turned off, inside the dialog too.
    expect(dialog.querySelector('[data-touch-mode-bar]')).not.toBeNull();
  });
});

describe('the touch-mode bar', () => {
  it('is shown exactly while touch-to-hear is on, in words and an icon, on every screen', async () => {
    const { touchToHear } = await kiosk();
    expect(bar()).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Touch to hear' }));
    expect(touchToHear()).toBe(true);
    await waitFor(() => expect(bar()?.querySelector('svg.icon')).not.toBeNull());
    expect(bar()?.textContent).toContain('Touch something once to hear it, and again to choose it.');
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    await waitFor(() => expect(document.querySelector('.library, .section-text')).not.toBeNull());
    expect(bar()).not.toBeNull();
  });

  it('turns touch-to-hear off with one touch, and says so', async () => {
    const { said, touchToHear, press } = await kiosk();
    press('help', 'F1');
    await waitFor(() => expect(bar()).not.toBeNull());
    const off = within(bar()!).getByRole('button', { name: 'Turn off' });
    fireEvent.click(off);
    expect(touchToHear()).toBe(false);
    expect(said.at(-1)).toBe('en: Touch to hear is off.');
    await waitFor(() => expect(bar()).toBeNull());
    // Touches choose again at once.
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    await waitFor(() => expect(document.querySelector('.library, .section-text')).not.toBeNull());
  });

  it('is in the visit’s language', async () => {
    const { press } = await kiosk();
    fireEvent.click(screen.getByRole('button', { name: 'العربية' }));
    await waitFor(() => expect(document.documentElement.lang).toBe('ar'));
    press('help', 'F1');
    await waitFor(() => expect(bar()?.textContent).toContain('ميزة المس لتسمع مفعلة.'));
    expect(within(bar()!).getByRole('button').textContent).toBe('إيقاف');
  });

  it('says in Tagalog, which has no voice yet, that nothing will be heard: text only', async () => {
    const { press } = await kiosk();
    fireEvent.click(screen.getByRole('button', { name: /^Tagalog/ }));
    await waitFor(() => expect(document.documentElement.lang).toBe('tl'));
    press('help', 'F1');
    await waitFor(() => expect(bar()?.querySelector('[data-touch-mode-note]')?.textContent).toBe('Teksto lang, wala pang boses'));
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
    const next = screen.getByRole('button', { name: 'Next' });
    fireEvent.click(next);
    expect(next.hasAttribute('data-armed')).toBe(true);
    press('right', 'ArrowRight');
    await screen.findByText('Section 2 of 7', { selector: '.reader__position' });
    expect(document.querySelector('[data-armed]')).toBeNull();
    expect(bar()?.textContent).toContain('Touch something once to hear it');
  });
});

describe('the keypad in touch-to-hear', () => {
  it('changes a setting with Left and Right at once: a keypad choice is never held for a second touch', async () => {
    const { press, kiosk: k } = await kiosk();
    await openHandoutAs('en');
    press('help', 'F19');
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    (await screen.findByRole('radio', { name: 'Medium' })).focus();
    press('right', 'F16');
    expect(k.visit.value.prefs.textSize.value).toBe('large');
  });
});
