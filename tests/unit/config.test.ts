// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../scripts/lib/input-error.ts';
import { parseConfig } from '../../scripts/lib/load-config.ts';

const base = JSON.parse(readFileSync(new URL('../../kiosk.config.json', import.meta.url), 'utf8')) as Record<string, any>;

function errorsFor(change: (config: Record<string, any>) => void): string[] {
  const config = structuredClone(base);
  change(config);
  try {
    parseConfig(JSON.stringify(config));
  } catch (error) {
    if (error instanceof InputError) return error.message.split('\n');
    throw error;
  }
  return [];
}

describe('kiosk.config.json validation', () => {
  it('accepts the shipped config', () => {
    expect(errorsFor(() => {})).toEqual([]);
  });

  it('rejects text that is not JSON, saying so', () => {
    expect(() => parseConfig('{ "languages": [')).toThrow(/^kiosk\.config\.json: is not valid JSON/);
  });

  it('refuses a public address that is not a plain http(s) address, naming the field', () => {
    expect(errorsFor((c) => (c.site.publicUrl = 'handouts.example.ca'))).toEqual([
      expect.stringMatching(/^kiosk\.config\.json: site\.publicUrl: .*a full http:\/\/ or https:\/\/ address/),
    ]);
    expect(errorsFor((c) => (c.site.publicUrl = 'https://handouts.example.ca/?kiosk=3'))).toHaveLength(1);
    expect(errorsFor((c) => (c.site.publicUrl = 'ftp://handouts.example.ca/'))).toHaveLength(1);
    expect(errorsFor((c) => (c.site.publicUrl = 'https://handouts.example.ca/'))).toEqual([]);
  });

  it('names print.enabled when it is not true or false', () => {
    expect(errorsFor((c) => (c.print = { enabled: 'yes' }))).toEqual([expect.stringMatching(/^kiosk\.config\.json: print\.enabled: "yes" is not allowed/)]);
  });

  it('names a missing required field', () => {
    expect(errorsFor((c) => delete c.site)).toEqual(['kiosk.config.json: site: is missing; expected an object']);
  });

  it('names a field of the wrong type, with the value and what is allowed', () => {
    expect(errorsFor((c) => (c.audio.rate = 'fast'))).toEqual(['kiosk.config.json: audio.rate: "fast" is not allowed; expected a number']);
  });

  it('names a number below its minimum', () => {
    expect(errorsFor((c) => (c.idle.warningSeconds = 5))).toEqual(['kiosk.config.json: idle.warningSeconds: 5 is not allowed; expected a number at least 20']);
  });

  it('names a number above its maximum', () => {
    expect(errorsFor((c) => (c.audio.volume = 1.5))).toEqual(['kiosk.config.json: audio.volume: 1.5 is not allowed; expected a number at most 1']);
  });

  it('names a fractional number where a whole number is needed', () => {
    expect(errorsFor((c) => (c.idle.timeoutSeconds = 90.5))).toEqual(['kiosk.config.json: idle.timeoutSeconds: 90.5 is not allowed; expected a whole number']);
  });

  it('names a malformed language code, by its position in the list', () => {
    expect(errorsFor((c) => (c.languages = ['en', 'English']))).toContain(
      'kiosk.config.json: languages.1: "English" is not allowed; expected a language code such as "en", "fr" or "zh-Hans"',
    );
  });

  it('names an empty list', () => {
    expect(errorsFor((c) => (c.handouts = []))).toEqual(['kiosk.config.json: handouts: [] is not allowed; expected at least 1 item']);
  });

  it('rejects a default language that is not offered', () => {
    expect(
      errorsFor((c) => {
        c.languages = ['en', 'es'];
        c.defaultLanguage = 'fr';
      }),
    ).toEqual(['kiosk.config.json: defaultLanguage: "fr" is not allowed; expected one of the configured languages (en, es)']);
  });

  it('rejects a language or handout listed twice', () => {
    expect(errorsFor((c) => (c.handouts = ['nerve-ablation', 'nerve-ablation']))).toEqual([
      'kiosk.config.json: handouts.1: "nerve-ablation" is not allowed; expected each entry listed only once',
    ]);
  });

  it('rejects a warning as long as the idle time', () => {
    expect(errorsFor((c) => (c.idle = { timeoutSeconds: 60, warningSeconds: 60 }))).toEqual([
      'kiosk.config.json: idle.warningSeconds: 60 is not allowed; expected fewer seconds than idle.timeoutSeconds (60)',
    ]);
  });

  it('refuses a PIN in plain text without repeating it, and says how to make the hash', () => {
    const errors = errorsFor((c) => (c.staff = { pin: '7305' }));
    expect(errors).toContain(
      'kiosk.config.json: staff.pin: a PIN is no longer written in plain text: run `npm run pin -- <PIN>`, write what it prints as staff.pinHash, and delete staff.pin',
    );
    expect(errors.join('\n')).not.toContain('7305');
  });

  it('rejects a PIN hash that is not what `npm run pin` makes', () => {
    expect(errorsFor((c) => (c.staff.pinHash = '4826'))[0]).toMatch(/^kiosk\.config\.json: staff\.pinHash: "4826" is not allowed; expected the output of `npm run pin -- <PIN>`/);
  });

  it('rejects a nurse line that is not a phone number', () => {
    expect(errorsFor((c) => (c.site.nurseLine = 'call us'))[0]).toMatch(/site\.nurseLine: "call us" is not allowed; expected a phone number/);
  });

  it('takes a phone number as one short group or three or more, never two (Arabic script would draw those from the right)', () => {
    for (const number of ['811', '1-866-797-0000', '416 555 0199', '18667970000']) expect(errorsFor((c) => (c.site.nurseLine = number))).toEqual([]);
    for (const number of ['555-0199', '416  555 0199', '1 - 866 - 797 - 0000', '866-', '12']) {
      expect(errorsFor((c) => (c.site.nurseLine = number))[0]).toMatch(/site\.nurseLine: .* is not allowed; expected a phone number as dialled/);
    }
  });

  it('rejects a misspelt field instead of ignoring it', () => {
    expect(errorsFor((c) => (c.idle.timeoutSecs = 30))).toContain('kiosk.config.json: idle: unknown field "timeoutSecs"; check the spelling against kiosk.config.schema.json');
  });

  it('rejects a speech rate outside what the engine can do', () => {
    expect(errorsFor((c) => (c.speech.en.wordsPerMinute = 40))).toEqual(['kiosk.config.json: speech.en.wordsPerMinute: 40 is not allowed; expected a number at least 80']);
  });

  it("accepts the screen's mounting, and names a bad value by its field", () => {
    expect(errorsFor((c) => (c.display = { mounting: { screenBottomMm: 300, screenHeightMm: 1210 } }))).toEqual([]);
    expect(errorsFor((c) => (c.display = { mounting: { screenBottomMm: -5, screenHeightMm: 950 } }))).toEqual([
      'kiosk.config.json: display.mounting.screenBottomMm: -5 is not allowed; expected a number at least 0',
    ]);
    expect(errorsFor((c) => (c.display = { mounting: { screenBottomMm: 800, screenHeightMm: '950' } }))).toEqual([
      'kiosk.config.json: display.mounting.screenHeightMm: "950" is not allowed; expected a number',
    ]);
    expect(errorsFor((c) => (c.display = { mounting: { screenBottomMm: 800 } }))).toEqual(['kiosk.config.json: display.mounting.screenHeightMm: is missing; expected a number']);
  });

  it("rejects a screen mounted wholly out of a seated patient's reach", () => {
    expect(errorsFor((c) => (c.display = { mounting: { screenBottomMm: 1250, screenHeightMm: 600 } }))).toEqual([
      'kiosk.config.json: display.mounting: {"screenBottomMm":1250,"screenHeightMm":600} is not allowed; expected a screen with some of its height between 400 and 1200 mm above the floor, where a seated patient can reach it',
    ]);
  });

  it('takes an offline audio budget in positive megabytes, 200 when left out', () => {
    expect(parseConfig(JSON.stringify(base)).offline).toEqual({ audioBudgetMB: 200 });
    expect(errorsFor((c) => (c.offline = { audioBudgetMB: 0.25 }))).toEqual([]);
    expect(errorsFor((c) => (c.offline = { audioBudgetMB: 0 }))).toEqual([
      expect.stringMatching(/^kiosk\.config\.json: offline\.audioBudgetMB: 0 is not allowed; expected a number more than 0$/),
    ]);
    expect(errorsFor((c) => (c.offline = { audioBudgetMB: '200' }))).toEqual(['kiosk.config.json: offline.audioBudgetMB: "200" is not allowed; expected a number']);
  });

  it('takes featured handouts only from the configured ones', () => {
    expect(parseConfig(JSON.stringify(base)).featured).toEqual([]);
    expect(errorsFor((c) => (c.featured = ['acetaminophen']))).toEqual([]);
    expect(errorsFor((c) => (c.featured = ['flu-shot']))).toEqual([
      expect.stringMatching(/^kiosk\.config\.json: featured\.0: "flu-shot" is not allowed; expected one of the configured handouts/),
    ]);
  });

  it('lists every problem at once, not just the first', () => {
    expect(
      errorsFor((c) => {
        c.audio.rate = 3;
        c.staff.pinHash = '1';
      }),
    ).toHaveLength(2);
  });
});

describe('kiosk.config.schema.json', () => {
  it('is up to date with src/config/schema.ts (run npm run config-schema after changing the schema)', async () => {
    const { configJsonSchema } = await import('../../scripts/write-config-schema.ts');
    expect(readFileSync(new URL('../../kiosk.config.schema.json', import.meta.url), 'utf8')).toBe(configJsonSchema());
  });
});
