import { describe, expect, it } from 'vitest';
import { handoutLoaders } from 'virtual:kiosk/manifest';

describe('handout modules from the build', () => {
  it('give each load its own copy, so a finished visit’s handout can be collected', async () => {
    const load = handoutLoaders.en!['nerve-ablation']!;
    const first = await load();
    const second = await load();
    expect(second).not.toBe(first);
    expect(second.sections[0]!.words).not.toBe(first.sections[0]!.words);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  it('resolve every section’s audio and every figure to a built file, leaving no placeholder', async () => {
    let audio = 0;
    let sections = 0;
    let figures = 0;
    for (const [lang, handouts] of Object.entries(handoutLoaders)) {
      for (const load of Object.values(handouts)) {
        const handout = await load();
        const text = JSON.stringify(handout);
        expect(text, `${lang}/${handout.id}`).not.toContain('__AUDIO__');
        sections += handout.sections.length;
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
    // `npm run check` fails on missing audio, so every committed section has some; figures exist.
    expect(audio).toBe(sections);
    expect(figures).toBeGreaterThan(0);
  });
});
