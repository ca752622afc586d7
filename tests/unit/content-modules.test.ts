import { afterEach, describe, expect, it, vi } from 'vitest';
import { handoutLoaders, languages } from 'virtual:kiosk/manifest';

describe('handout modules from the build', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('fetch the handout as a file of its own, and name the handout when that fails', async () => {
    const requested: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      requested.push(url);
      return new Response('gone', { status: 404 });
    });
    await expect(handoutLoaders.fr!['nerve-ablation']!()).rejects.toThrow(/^Handout fr\/nerve-ablation: .*nerve-ablation\.fr\.json answered 404$/);
    expect(requested).toEqual([expect.stringMatching(/nerve-ablation\.fr\.json$/)]);
  });

  it('give each load its own copy, so a finished visit’s handout can be collected', async () => {
    const load = handoutLoaders.en!['nerve-ablation']!;
    const first = await load();
    const second = await load();
    expect(second).not.toBe(first);
    expect(second.sections[0]!.words).not.toBe(first.sections[0]!.words);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  it('resolve every section’s audio and every figure to a built file', async () => {
    let audio = 0;
    let sections = 0;
    let figures = 0;
    for (const [lang, handouts] of Object.entries(handoutLoaders)) {
      for (const load of Object.values(handouts)) {
        const handout = await load();
        // A text-only language (no voice, no recordings) has no audio by design, and says so.
        if (languages.find((l) => l.code === lang)?.textOnly === undefined) sections += handout.sections.length;
        for (const section of handout.sections) {
          for (const src of section.audio?.src ?? []) {
            expect(src, `${lang}/${handout.id}/${section.id}`).toMatch(/\.webm$/);
            audio++;
          }
          for (const block of section.blocks) {
            if (block.kind !== 'figure') continue;
            expect(block.src, `${lang}/${handout.id}/${section.id}`).toMatch(/\.svg$/);
            figures++;
          }
        }
      }
    }
    // `npm run check` fails on missing audio, so every section of a spoken language has some.
    expect(audio).toBe(sections);
    expect(languages.filter((l) => l.textOnly !== undefined).map((l) => l.code)).toEqual(['tl']);
    expect(figures).toBeGreaterThan(0);
  });
});
