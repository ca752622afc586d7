import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KEYPAD, keypadActionFor, type KeypadAction } from '../../src/kiosk/keypad';
import { createPrompter } from '../../src/speech/prompter';
import { languages, openHandoutAs, renderKiosk, shown, untilSection } from '../helpers/kiosk';
import { createRecordingPlayer } from '../helpers/recording-player';

function recordingPrompter() {
  const said: string[] = [];
  const prompter = createPrompter(
    { load: () => undefined, find: () => undefined },
    { playClips: async () => {}, speak: (text, lang) => (said.push(`${lang}: ${text}`), true), stop: () => {} },
    () => 1,
  );
  return { prompter, said };
}

async function kioskWithKeypad() {
  const { prompter, said } = recordingPrompter();
  const recording = createRecordingPlayer();
  const kiosk = await renderKiosk({ prompter, createPlayer: () => recording.player });
  /** A key of the kiosk's keypad (its F13–F21 code), unless `code` says which key. */
  const press = (action: KeypadAction, code = keypadCode(action)) => kiosk.kiosk.keypad.dispatch(action, code);
  return { ...kiosk, press, said, recording };
}

const keypadCode = (action: KeypadAction) => DEFAULT_KEYPAD[action].find((code) => /^F(1[3-9]|2[0-4])$/.test(code))!;

const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0))));

describe('keypad mapping', () => {
  it('maps arrow keys, Enter, Escape, F1 and the F13–F24 keypad codes by event.code', () => {
    const key = (code: string) => keypadActionFor({ code, altKey: false, ctrlKey: false, metaKey: false });
    expect([key('ArrowUp'), key('F14'), key('Enter'), key('Escape'), key('Backspace'), key('F1'), key('F20')]).toEqual(['up', 'down', 'enter', 'back', 'back', 'help', 'volumeUp']);
    expect(key('KeyA')).toBeNull();
    expect(keypadActionFor({ code: 'ArrowUp', altKey: true, ctrlKey: false, metaKey: false })).toBeNull();
  });

  it('takes its keys from the config where given', () => {
    const map = { up: ['KeyW'], down: ['KeyS'], left: [], right: [], enter: [], back: [], help: [], volumeUp: [], volumeDown: [] };
    expect(keypadActionFor({ code: 'KeyW', altKey: false, ctrlKey: false, metaKey: false }, map)).toBe('up');
  });
});

/** A language's own name, said in that language: content (its ui.json's meta.languageName), not a UI string. */
const nameOf = (code: string) => languages.find((l) => l.code === code)!.name;

describe('the keypad path', () => {
  it('speaks how to use the keypad on the first press on the welcome screen, and turns on touch to hear', async () => {
    const { press, said, kiosk } = await kioskWithKeypad();
    press('down');
    expect(said).toEqual(['en: keypad.intro']);
    expect(kiosk.visit.value.touchToHear.value).toBe(true);
  });

  it('moves through the items in reading order, saying name and role', async () => {
    const { press, said } = await kioskWithKeypad();
    press('down');
    press('down');
    press('down');
    press('down');
    expect(said.slice(1)).toEqual(['en: common.language, voice.button', 'en: common.help, voice.button', `en: ${nameOf('en')}, voice.button`]);
    expect(document.activeElement?.getAttribute('data-language')).toBe('en');
  });

  it('chooses with Enter, then Right and Left change section', async () => {
    const { press, kiosk } = await kioskWithKeypad();
    press('down');
    press('down');
    press('down');
    press('down');
    expect(kiosk.visit.value.touchToHear.value).toBe(true);
    press('enter');
    await screen.findByRole('heading', { level: 1, name: 'library.title' }, { timeout: 5000 });
    const card = document.querySelector('[data-handout="garden"]');
    while (document.activeElement !== card) press('down');
    press('enter');
    await untilSection(1);
    press('right');
    await untilSection(2);
    press('left');
    await untilSection(1);
  });

  it('says where focus landed after a section change', async () => {
    const { press, said, kiosk } = await kioskWithKeypad();
    press('help');
    kiosk.visit.value.setTouchToHear(false);
    await openHandoutAs('en');
    kiosk.visit.value.player.stop();
    press('right');
    await frames();
    await waitFor(() => expect(said.at(-1)).toBe('en: The path, voice.heading'));
    // Down goes on from the heading into the section's text, not back to the top bar; Up goes to
    // what is before the heading, not into it.
    const heading = document.activeElement as HTMLElement;
    press('down');
    expect(document.activeElement?.getAttribute('data-sentence')).toBe('1');
    heading.focus();
    press('up');
    expect(heading.contains(document.activeElement)).toBe(false);
    expect(heading.compareDocumentPosition(document.activeElement!) & Node.DOCUMENT_POSITION_PRECEDING).toBeTruthy();
  });

  it('changes a setting with Left and Right and says the new state', async () => {
    const { press, said, kiosk } = await kioskWithKeypad();
    press('help');
    kiosk.visit.value.setTouchToHear(false);
    await openHandoutAs('en');
    fireEvent.click(screen.getByRole('button', { name: 'reader.settings' }));
    (await screen.findByRole('radio', { name: 'reader.sizeMedium' })).focus();
    press('right');
    expect(kiosk.visit.value.prefs.textSize.value).toBe('large');
    expect(said.at(-1)).toBe('en: reader.textSize, reader.sizeLarge, voice.option, voice.selected');
  });

  it('closes a dialog with Back, then goes back to the library and the languages', async () => {
    const { press, kiosk } = await kioskWithKeypad();
    press('help');
    kiosk.visit.value.setTouchToHear(false);
    await openHandoutAs('en');
    fireEvent.click(screen.getByRole('button', { name: 'reader.sections' }));
    await screen.findByRole('dialog');
    press('back');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    press('back');
    await waitFor(() => expect(kiosk.visit.value.screen.value).toBe('library'));
    press('back');
    await waitFor(() => expect(kiosk.visit.value.screen.value).toBe('welcome'));
  });

  it('says the welcome heading after Back from the library, not the whole page', async () => {
    const { press, said, kiosk } = await kioskWithKeypad();
    press('help');
    kiosk.visit.value.setTouchToHear(false);
    fireEvent.click(document.querySelector('[data-language="en"]')!);
    await screen.findByRole('heading', { level: 1, name: 'library.title' }, { timeout: 5000 });
    said.length = 0;
    press('back');
    await waitFor(() => expect(kiosk.visit.value.screen.value).toBe('welcome'));
    await frames();
    expect(said).toEqual(['en: welcome.greeting, voice.heading']);
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'welcome.greeting' }));
  });

  it("says nothing of the last patient's screen after Enter on Start again", async () => {
    const { press, said, kiosk } = await kioskWithKeypad();
    press('help');
    kiosk.visit.value.setTouchToHear(false);
    await openHandoutAs('fr');
    (await screen.findByRole('button', { name: 'common.home' })).focus();
    said.length = 0;
    press('enter');
    await screen.findByText('welcome.greeting');
    await frames();
    await frames();
    expect(said).toEqual([]);
  });

  it('repeats the last prompt and says help for the screen with Help', async () => {
    const { press, said } = await kioskWithKeypad();
    press('down');
    press('down');
    press('help');
    expect(said.at(-1)).toBe('en: common.language, voice.button, help.welcome');
  });

  it('turns the volume up and down and says the level', async () => {
    const { press, said, recording } = await kioskWithKeypad();
    press('help');
    press('volumeDown');
    expect(recording.calls).toContain('volume 0.7000000000000001');
    expect(said.at(-1)).toBe(`en: ${shown('reader.volumeValue', { percent: 70 })}`);
  });
});

describe('touch to hear', () => {
  it('says each language name in its own language when the keypad reaches it', async () => {
    const { press, said } = await kioskWithKeypad();
    press('help');
    for (let i = 0; i < 4; i++) press('down');
    expect(said.at(-1)).toBe(`fr: ${nameOf('fr')}`);
    const lastLanguage = [...document.querySelectorAll('[data-language]')].at(-1)!;
    while (document.activeElement !== lastLanguage) press('down');
    expect(said.at(-1)).toBe(`${lastLanguage.getAttribute('lang')}: ${lastLanguage.textContent}`);
  });

  it('speaks an item on the first touch and chooses it on the second', async () => {
    const { said, kiosk } = await kioskWithKeypad();
    fireEvent.click(document.querySelector<HTMLElement>('[data-action="touch-to-hear"]')!);
    expect(said.at(-1)).toBe('en: voice.touchToHearOn');
    fireEvent.click(document.querySelector<HTMLElement>('[data-language="fr"]')!);
    expect(said.at(-1)).toBe(`fr: ${nameOf('fr')}`);
    const english = document.querySelector<HTMLElement>('[data-language="en"]')!;
    fireEvent.click(english);
    expect(said.at(-1)).toBe(`en: ${nameOf('en')}, voice.button, touchMode.touchAgain`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(kiosk.visit.value.screen.value).toBe('welcome');
    fireEvent.click(english);
    await screen.findByRole('heading', { level: 1, name: 'library.title' });
  });
});

describe('what self-voicing says', () => {
  it('says a library card as its separate phrases, and a section in the list without its digit', async () => {
    const { press, said, kiosk } = await kioskWithKeypad();
    press('help');
    kiosk.visit.value.setTouchToHear(false);
    fireEvent.click(document.querySelector<HTMLElement>('[data-language="en"]')!);
    await screen.findByRole('heading', { level: 1, name: 'library.title' });
    const card = document.querySelector<HTMLElement>('[data-handout="garden"]')!;
    while (document.activeElement !== card) press('down');
    expect(said.at(-1)).toBe(
      `en: A walk in the test garden, A made-up handout for the kiosk's own tests, about a walk in a garden., ${shown('library.sections', { count: 5 })}, voice.button`,
    );
    press('enter');
    await untilSection(1);
    fireEvent.click(screen.getByRole('button', { name: 'reader.sections' }));
    const item = (await screen.findByRole('dialog')).querySelector<HTMLElement>('[data-section="path"]')!;
    while (document.activeElement !== item) press('down');
    expect(said.at(-1)).toBe('en: The path, voice.button');
  });
});

describe('the prompter', () => {
  it('plays prepared clips when every phrase has one, else the browser voice, else the clips it has', () => {
    const played: string[][] = [];
    let voice = true;
    const clips = { load: () => undefined, find: (_lang: string, phrase: string) => ({ Next: 'next.webm', button: 'button.webm' })[phrase] };
    const prompter = createPrompter(clips, { playClips: async (urls) => void played.push(urls), speak: () => voice, stop: () => {} }, () => 1);
    prompter.say('en', ['Next', 'button']);
    expect(played).toEqual([['next.webm', 'button.webm']]);
    prompter.say('en', ['A sentence of the handout', 'button']);
    expect(played).toHaveLength(1);
    voice = false;
    prompter.say('en', ['A sentence of the handout', 'button']);
    expect(played.at(-1)).toEqual(['button.webm']);
  });

  it('lets a newer prompt win over one still waiting for its clips', async () => {
    const played: string[][] = [];
    let release: () => void = () => {};
    const clips = { load: () => new Promise<void>((resolve) => (release = resolve)), find: () => 'clip.webm' };
    const prompter = createPrompter(clips, { playClips: async (urls) => void played.push(urls), speak: () => false, stop: () => {} }, () => 1);
    prompter.say('fr', ['Suivant']);
    prompter.say('fr', ['Précédent']);
    release();
    await Promise.resolve();
    await Promise.resolve();
    expect(played).toEqual([['clip.webm']]);
  });
});

describe('reading with the keypad', () => {
  it('moves through the text sentence by sentence, reading each from the section audio', async () => {
    const { press, recording, kiosk } = await kioskWithKeypad();
    press('help');
    kiosk.visit.value.setTouchToHear(false);
    await openHandoutAs('en');
    const first = document.querySelector<HTMLElement>('[data-sentence="0"]')!;
    while (document.activeElement !== first) press('down');
    expect(recording.calls.at(-1)).toBe('play from 0');
    press('down');
    const second = kiosk.visit.value.section.value!.sentences[1]!;
    expect(document.activeElement?.getAttribute('data-sentence')).toBe('1');
    expect(recording.calls.at(-1)).toBe(`play from ${second.firstWord}`);
    press('enter');
    expect(recording.calls.at(-1)).toBe(`play from ${second.firstWord}`);
  });
});
