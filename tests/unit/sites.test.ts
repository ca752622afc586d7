// @vitest-environment node
/**
 * One build, many sites: a site file over the build's config (src/config/site.ts), and how the kiosk
 * chooses its settings at start (src/kiosk/site-settings.ts): the server's file, else the last valid
 * copy it kept, else the build's own, with every problem named by file and field for staff.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { InputError } from '../../scripts/lib/input-error.ts';
import { readSiteFiles, runtimeConfig } from '../../scripts/lib/site-files.ts';
import { formatSettingsProblem } from '../../src/config/describe-issue';
import { mergeSite } from '../../src/config/site';
import { loadSiteSettings, siteIdFrom, type SiteStore } from '../../src/kiosk/site-settings';
import { loadConfig } from '../../scripts/lib/load-config.ts';

const build = runtimeConfig(loadConfig(fileURLToPath(new URL('../..', import.meta.url))));
const FILE = 'sites/lobby-2.json';
const merge = (site: unknown) => mergeSite(build, JSON.stringify(site), FILE);
const problems = (site: unknown) => {
  const result = typeof site === 'string' ? mergeSite(build, site, FILE) : merge(site);
  return result.ok ? [] : result.problems.map(formatSettingsProblem);
};

describe('a site file over the build’s config', () => {
  it('overrides only what it sets: name, languages and their order, handouts, idle times, PIN hash', () => {
    const result = merge({ site: { name: 'East lobby' }, languages: ['fr', 'en'], handouts: ['acetaminophen'], idle: { timeoutSeconds: 120 } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.site).toEqual({ ...build.site, name: 'East lobby' });
    expect(result.config.languages).toEqual(['fr', 'en']);
    expect(result.config.handouts).toEqual(['acetaminophen']);
    expect(result.config.idle).toEqual({ timeoutSeconds: 120, warningSeconds: build.idle.warningSeconds });
    expect(result.config.audio).toEqual(build.audio);
    expect(result.config.staff).toEqual(build.staff);
    expect(result.config.defaultLanguage).toBe('en');
  });

  it('keeps only the featured handouts a site offers, so a site may leave a featured one out', () => {
    const featuring = { ...build, featured: ['nerve-ablation'] };
    const result = mergeSite(featuring, JSON.stringify({ handouts: ['acetaminophen'] }), FILE);
    expect(result.ok && result.config.featured).toEqual([]);
    const both = mergeSite(featuring, JSON.stringify({ handouts: ['acetaminophen', 'nerve-ablation'] }), FILE);
    expect(both.ok && both.config.featured).toEqual(['nerve-ablation']);
  });

  it('an empty file is the build’s own settings', () => {
    const result = merge({});
    expect(result.ok && result.config).toEqual(build);
  });

  it('starts a site that drops the build’s default language in its own first language', () => {
    const result = merge({ languages: ['ar', 'fr'] });
    expect(result.ok && result.config.defaultLanguage).toBe('ar');
  });

  it('refuses a language or handout the build does not contain, naming the file, the field and what the build has', () => {
    expect(problems({ languages: ['en', 'de'] })).toEqual([
      `${FILE}: languages.1: "de" is not allowed; expected a language this build contains (${build.languages.join(', ')}): a site can only choose among them; add it to kiosk.config.json and build again`,
    ]);
    expect(problems({ handouts: ['flu-shot'] })[0]).toMatch(/^sites\/lobby-2\.json: handouts\.0: "flu-shot" is not allowed; expected a handout this build contains/);
  });

  it('checks with the build’s own schema: types, limits, unknown fields, and the rules across fields', () => {
    expect(problems({ idle: { timeoutSeconds: 10 } })).toEqual([`${FILE}: idle.timeoutSeconds: 10 is not allowed; expected a number at least 30`]);
    expect(problems({ idle: { timeoutSeconds: 30 } })).toEqual([`${FILE}: idle.warningSeconds: 30 is not allowed; expected fewer seconds than idle.timeoutSeconds (30)`]);
    expect(problems({ languages: ['fr'], defaultLanguage: 'en' })).toEqual([`${FILE}: defaultLanguage: "en" is not allowed; expected one of the configured languages (fr)`]);
    expect(problems({ site: { nmae: 'x' } })).toEqual([`${FILE}: site: unknown field "nmae"; check the spelling`]);
    expect(problems({ audio: { rate: 1 } })).toEqual([`${FILE}: unknown field "audio"; check the spelling`]);
    expect(problems({ staff: { pinHash: '4826' } })[0]).toMatch(/^sites\/lobby-2\.json: staff\.pinHash: "4826" is not allowed; expected the output of `npm run pin/);
    expect(problems('{ "site": ')[0]).toMatch(/^sites\/lobby-2\.json: is not valid JSON/);
    expect(problems('[]')).toEqual([`${FILE}: [] is not allowed; expected an object`]);
  });

  it('refuses a PIN in plain text without repeating it', () => {
    const found = problems({ staff: { pin: '7305' } });
    expect(found.join('\n')).toMatch(/unknown field "pin"/);
    expect(found.join('\n')).not.toContain('7305');
  });

  it('refuses a phone number other than the one the handouts and their speech were made with', () => {
    expect(problems({ site: { nurseLine: build.site.nurseLine } })).toEqual([]);
    expect(problems({ site: { nurseLine: '1-800-555-0199' } })).toEqual([
      `${FILE}: site.nurseLine: "1-800-555-0199" is not allowed; expected "${build.site.nurseLine}": every handout's text and speech were made with the build's number, so another number needs its own build (kiosk.config.json site.nurseLine)`,
    ]);
  });
});

describe('the build’s site files', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const withSites = (files: Record<string, string>) => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-sites-'));
    mkdirSync(join(dir, 'sites'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'sites', name), text);
    return dir;
  };

  it('reads the shipped sample, which runs other languages under another name', () => {
    const [sample] = readSiteFiles(fileURLToRoot(), build);
    expect(sample?.name).toBe('sites/example-lobby.json');
    const merged = mergeSite(build, sample!.text, sample!.name);
    expect(merged.ok && merged.config.site.name).not.toBe(build.site.name);
    expect(merged.ok && merged.config.languages).not.toEqual(build.languages);
  });

  it('stops the build on a bad file or a badly named one, naming each', () => {
    const root = withSites({ 'good.json': '{}', 'bad.json': '{"idle":{"timeoutSeconds":1}}', 'Lobby 2.json': '{}' });
    let error: unknown;
    try {
      readSiteFiles(root, build);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message.split('\n')).toEqual([
      'sites/Lobby 2.json: is not a site file: name site files <site>.json, in lower case with hyphens, such as "lobby-2.json"',
      'sites/bad.json: idle.timeoutSeconds: 1 is not allowed; expected a number at least 30',
    ]);
  });
});

function fileURLToRoot(): string {
  return fileURLToPath(new URL('../..', import.meta.url));
}

function memoryStore(): SiteStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, get: (key) => data.get(key) ?? null, set: (key, value) => void data.set(key, value) };
}

describe('choosing the site at start', () => {
  const url = 'https://kiosks.example.org/?site=lobby-2';
  const good = JSON.stringify({ site: { name: 'Lobby two' }, languages: ['fr', 'en'] });
  const served =
    (text: string, status = 200) =>
    async () => ({ status, text });
  const offline = async (): Promise<never> => {
    throw new TypeError('Failed to fetch');
  };

  it('reads the site from ?site= and nothing else', () => {
    expect(siteIdFrom('https://k.example/?site=lobby-2')).toBe('lobby-2');
    expect(siteIdFrom('https://k.example/')).toBeNull();
    expect(siteIdFrom('https://k.example/?site=')).toBeNull();
  });

  it('runs the build’s own settings when no site is named, fetching nothing', async () => {
    const settings = await loadSiteSettings({ build, url: 'https://k.example/', fetchText: offline, store: memoryStore() });
    expect(settings).toMatchObject({ source: 'built-in', id: null, problems: [] });
    expect(settings.config).toBe(build);
  });

  it('fetches sites/<site>.json beside the page, uses it and keeps it', async () => {
    const store = memoryStore();
    let asked = '';
    const settings = await loadSiteSettings({ build, url, store, fetchText: async (u) => ((asked = u), { status: 200, text: good }) });
    expect(asked).toBe('https://kiosks.example.org/sites/lobby-2.json');
    expect(settings).toMatchObject({ source: 'file', id: 'lobby-2', file: FILE, problems: [] });
    expect(settings.config.site.name).toBe('Lobby two');
    expect(store.data.size).toBe(1);
  });

  it('starts on the kept copy when the server cannot be reached (a restart during an outage)', async () => {
    const store = memoryStore();
    await loadSiteSettings({ build, url, store, fetchText: served(good), now: () => new Date('2026-11-29T08:00:00Z') });
    const settings = await loadSiteSettings({ build, url, store, fetchText: offline });
    expect(settings).toMatchObject({ source: 'saved', savedAt: '2026-11-29T08:00:00.000Z' });
    expect(settings.config.site.name).toBe('Lobby two');
    expect(settings.problems.map(formatSettingsProblem)).toEqual([`${FILE}: could not be fetched (Failed to fetch)`]);
  });

  it('keeps patients on the last valid copy when the server’s file turns invalid, and never keeps the invalid one', async () => {
    const store = memoryStore();
    await loadSiteSettings({ build, url, store, fetchText: served(good) });
    const kept = [...store.data.values()];
    const settings = await loadSiteSettings({ build, url, store, fetchText: served('{"languages":["de"]}') });
    expect(settings.source).toBe('saved');
    expect(settings.config.languages).toEqual(['fr', 'en']);
    expect(settings.problems[0]).toMatchObject({ file: FILE, where: 'languages.0' });
    expect([...store.data.values()]).toEqual(kept);
  });

  it('falls back to the build’s own settings with nothing kept, saying why', async () => {
    const invalid = await loadSiteSettings({ build, url, store: memoryStore(), fetchText: served('{"idle":{"timeoutSeconds":"long"}}') });
    expect(invalid).toMatchObject({ source: 'built-in', id: 'lobby-2', file: FILE });
    expect(invalid.config).toBe(build);
    expect(invalid.problems.map(formatSettingsProblem)).toEqual([`${FILE}: idle.timeoutSeconds: "long" is not allowed; expected a number`]);
    const missing = await loadSiteSettings({ build, url, store: memoryStore(), fetchText: served('', 404) });
    expect(missing.problems.map(formatSettingsProblem)).toEqual([`${FILE}: is not on the server (HTTP 404): copy it into the build’s sites/ folder`]);
  });

  it('never lets ?site= reach outside sites/', async () => {
    let fetched = false;
    const settings = await loadSiteSettings({
      build,
      url: 'https://k.example/?site=../kiosk.config',
      store: memoryStore(),
      fetchText: async () => ((fetched = true), { status: 200, text: '{}' }),
    });
    expect(fetched).toBe(false);
    expect(settings.source).toBe('built-in');
    expect(settings.problems[0]?.where).toBe('site');
  });
});
