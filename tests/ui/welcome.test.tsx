import { act, screen } from '@testing-library/preact';
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
});
