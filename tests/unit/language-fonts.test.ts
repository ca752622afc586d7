// @vitest-environment node
/**
 * A language brings its own font as a file (locales/<lang>/language.json), and the build draws that
 * language in it: Urdu in Nastaliq, Persian in Vazirmatn, though both are Arabic script and Noto Sans
 * Arabic covers the same letters.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError, formatProblem } from '../../scripts/lib/input-error.ts';
import { readLanguageFile } from '../../scripts/lib/language-file.ts';
import { writeSubsetFonts } from '../../scripts/lib/subset-fonts.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-fonts-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("fonts from each language's own file", () => {
  it("subsets each font to its language's characters and puts it first for that language", async () => {
    const report = await writeSubsetFonts(join(dir, 'fonts'), [
      { lang: 'ar', family: 'Noto Sans Arabic', packageName: '@fontsource/noto-sans-arabic', filePrefix: 'noto-sans-arabic-arabic-', text: 'احم كبدك' },
      { lang: 'ur', family: 'Noto Nastaliq Urdu', packageName: '@fontsource/noto-nastaliq-urdu', filePrefix: 'noto-nastaliq-urdu-arabic-', lineHeight: 2.2, text: 'درد' },
      { lang: 'fa', family: 'Vazirmatn', packageName: '@fontsource/vazirmatn', filePrefix: 'vazirmatn-arabic-', text: 'درد ۵' },
    ]);
    const css = readFileSync(join(dir, 'fonts', 'fonts.css'), 'utf8');
    expect(css).toContain(":lang(ur) {\n  font-family: 'Atkinson Hyperlegible', 'Noto Nastaliq Urdu', var(--font-scripts), sans-serif;\n  --line-height: 2.2;\n}");
    expect(css).toContain(":lang(fa) {\n  font-family: 'Atkinson Hyperlegible', 'Vazirmatn', var(--font-scripts), sans-serif;\n}");
    expect(css).toContain("--font-scripts: 'Noto Sans Arabic', 'Noto Nastaliq Urdu', 'Vazirmatn';");
    // Nastaliq carries only Urdu's three letters (د ر د): U+062F and U+0631.
    const nastaliq = report.filter((r) => r.family === 'Noto Nastaliq Urdu');
    expect(nastaliq.map((r) => [r.weight, r.characters])).toEqual([
      [400, 2],
      [700, 2],
    ]);
    expect(css).toMatch(/font-family: 'Noto Nastaliq Urdu';[^}]*unicode-range: U\+62F,U\+631;/);
    // Persian digits come with Vazirmatn.
    expect(report.find((r) => r.family === 'Vazirmatn' && r.weight === 400)?.characters).toBe(3);
  });

  it('names the language file when its font package is not installed', async () => {
    await expect(
      writeSubsetFonts(join(dir, 'fonts'), [{ lang: 'hy', family: 'Noto Sans Armenian', packageName: '@fontsource/noto-sans-armenian', text: 'Բարեւ' }]),
    ).rejects.toThrow(
      '@fontsource/noto-sans-armenian (font "Noto Sans Armenian" of locales/hy/language.json) is not installed, or has no weight 400: npm install -D --save-exact @fontsource/noto-sans-armenian',
    );
  });

  it('checks language.json field by field', () => {
    mkdirSync(join(dir, 'locales', 'xx'), { recursive: true });
    writeFileSync(join(dir, 'locales', 'xx', 'language.json'), JSON.stringify({ font: { package: 'noto-sans-xx', family: '', lineHeight: 9 }, voice: 'x' }));
    try {
      readLanguageFile(dir, 'xx');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).problems.map(formatProblem)).toEqual([
        'locales/xx/language.json: font.package: "noto-sans-xx" is not allowed; expected an @fontsource package such as "@fontsource/noto-sans-tc", installed with npm install -D',
        'locales/xx/language.json: font.family: "" is not allowed; expected at least 1 character',
        'locales/xx/language.json: font.lineHeight: 9 is not allowed; expected a number at most 3',
        'locales/xx/language.json: unknown field "voice"; check the spelling',
      ]);
    }
    expect(readLanguageFile(dir, 'yy')).toEqual({});
  });
});
