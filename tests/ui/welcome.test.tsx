import { act, fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { fakeClock } from '../helpers/fake-clock';
import { languages, renderKiosk } from '../helpers/kiosk';

describe('the welcome screen', () => {
  it('lists every configured language by its own name, marked with its language and direction', async () => {
    await renderKiosk();
    const buttons = [...document.querySelectorAll<HTMLButtonElement>('[data-language]')];
    // A language with no voice says so under its name, in its own words.
    expect(buttons.map((b) => [b.textContent, b.lang, b.dir])).toEqual(languages.map((l) => [l.name + (l.textOnly ?? ''), l.code, l.dir]));
  });

  it('cycles its greeting through the other languages, silently and hidden from assistive technology', async () => {
    const clock = fakeClock();
    await renderKiosk({ clock });
    const seen: (string | null)[] = [];
    for (let i = 0; i < languages.length; i++) {
      const greeting = document.querySelector('.welcome__greeting');
      seen.push(greeting?.getAttribute('lang') ?? null);
      if (greeting) expect(greeting.getAttribute('aria-hidden')).toBe('true');
      await act(() => clock.advance(4000));
    }
    // The current language's greeting is the heading itself, so it is not repeated below it.
    expect(seen).toEqual(languages.map((l) => (l.code === 'en' ? null : l.code)));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('welcome.greeting');
    // Each language greets in its own words.
    const greetings = languages.map((l) => l.greeting);
    expect(new Set(greetings).size).toBe(languages.length);
  });

  const greetingsOver = async (clock: ReturnType<typeof fakeClock>, steps: number) => {
    const seen: (string | null)[] = [];
    for (let i = 0; i < steps; i++) {
      await act(() => clock.advance(4000));
      seen.push(document.querySelector('.welcome__greeting')?.getAttribute('lang') ?? null);
    }
    return seen;
  };

  it('holds its greeting still once the screen is touched or a key pressed', async () => {
    for (const touch of [() => fireEvent.pointerDown(document.body), () => fireEvent.keyDown(document.body, { code: 'F13' })]) {
      const clock = fakeClock();
      const { view } = await renderKiosk({ clock });
      expect(new Set(await greetingsOver(clock, 2)).size).toBe(2);
      touch();
      const after = await greetingsOver(clock, 3);
      expect(new Set(after).size).toBe(1);
      view.unmount();
    }
  });

  it('holds its greeting still for someone who asks their system for less motion', async () => {
    const reduce = (query: string) => ({ matches: query.includes('reduce'), media: query }) as MediaQueryList;
    const original = window.matchMedia;
    window.matchMedia = reduce;
    try {
      const clock = fakeClock();
      await renderKiosk({ clock });
      const first = document.querySelector('.welcome__greeting')?.getAttribute('lang') ?? null;
      expect(await greetingsOver(clock, 3)).toEqual([first, first, first]);
    } finally {
      window.matchMedia = original;
    }
  });
});
