/**
 * The glossary cards are read aloud from clips `npm run audio` prepared: in the real content, every
 * term and definition of every language with a voice has its clip. (How a card plays them is
 * tests/ui/glossary-card.test.tsx, on the fixture library.)
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { languages, promptLoaders } from 'virtual:kiosk/manifest';
import { describe, expect, it } from 'vitest';

// A path, not a URL: under jsdom, URL is jsdom's, which node:fs does not accept.
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

describe.each(languages.filter((l) => l.textOnly === undefined).map((l) => l.code))('in %s', (lang) => {
  it('has a prepared clip for every glossary term and definition', async () => {
    const clips = await promptLoaders[lang]!();
    const { terms } = JSON.parse(readFileSync(join(root, `locales/${lang}/glossary.json`), 'utf8')) as { terms: Record<string, { term: string; definition: string }> };
    const phrases = Object.values(terms).flatMap((t) => [t.term.trim(), t.definition.trim()]);
    expect(phrases.length).toBeGreaterThan(0);
    expect(phrases.filter((p) => !clips[p])).toEqual([]);
  });
});
