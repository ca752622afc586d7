/**
 * Vite plugin: validates kiosk.config.json and compiles every handout at build start (a bad file fails
 * the build with its name and the field or line), then serves the results as virtual modules:
 *
 * - `virtual:kiosk/manifest`: the runtime config, the language list and handout summaries, and lazy
 *   loaders for each language's UI strings and handouts (one chunk each, so a kiosk downloads only
 *   the language a patient picks).
 * - `virtual:kiosk/handout/<lang>/<id>`: a small module that knows the handout's asset URLs and
 *   fetches the handout itself, a JSON file written to .generated/handouts and hashed like any asset.
 *
 * The build's id is the hash of its sources (scripts/lib/build-inputs.ts), in the manifest and in
 * `build.json` beside index.html, so a fleet's operators can see which build a server holds.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin, ViteDevServer } from 'vite';
import type { RuntimeConfig } from '../../src/config/schema.ts';
import type { Handout } from '../../src/content/model.ts';
import { MEGABYTE } from '../../src/service-worker/audio-budget.ts';
import { OFFLINE_AUDIO_PLAN, type OfflineAudioPlan } from '../../src/service-worker/manifest.ts';
import { buildContent, summarise, type ContentBundle } from '../lib/build-content.ts';
import { attachAudio, type AudioAttachment } from '../lib/attach-audio.ts';
import { buildInputs } from '../lib/build-inputs.ts';
import { formatProblem, InputError } from '../lib/input-error.ts';
import { visibleText, writeSubsetFonts, type FontRequest } from '../lib/subset-fonts.ts';
import { readSiteFiles, runtimeConfig, type SiteFile } from '../lib/site-files.ts';

const PREFIX = 'virtual:kiosk/';
const RESOLVED = '\0' + PREFIX;
const FONTS_CSS = 'virtual:kiosk/fonts.css';

export function kioskContent(root: string): Plugin {
  let bundle: ContentBundle | null = null;
  let attachments = new Map<string, AudioAttachment>();
  const load = (): ContentBundle => {
    if (!bundle) {
      try {
        bundle = buildContent(root);
      } catch (error) {
        if (error instanceof InputError) {
          const wrapped = new Error(`Kiosk content or config is invalid:\n${error.message}`);
          wrapped.stack = wrapped.message;
          throw wrapped;
        }
        throw error;
      }
    }
    return bundle;
  };
  const fontDir = `${root}/.generated/fonts`;
  const handoutDir = `${root}/.generated/handouts`;
  const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  let build: BuildInfo | null = null;
  let sites: SiteFile[] = [];
  let viteRoot = root;

  return {
    name: 'kiosk-content',
    configResolved(config) {
      viteRoot = config.root;
    },
    async buildStart() {
      bundle = null;
      build = null;
      const content = load();
      for (const file of content.files) this.addWatchFile(file);
      // A bad site file stops the build like a bad config, naming the file and the field.
      try {
        sites = readSiteFiles(root, runtimeConfig(content.config));
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        const wrapped = new Error(`Kiosk site files are invalid:\n${error.message}`);
        wrapped.stack = wrapped.message;
        throw wrapped;
      }
      for (const site of sites) this.addWatchFile(site.path);
      await writeSubsetFonts(fontDir, fontRequests(content));
      if (content.reviewFlags.length) {
        this.warn(
          `${content.reviewFlags.length} review(s) no longer cover the text; those translations are shown as drafts:\n` + content.reviewFlags.map(formatProblem).join('\n'),
        );
      }
      const audio = attachAudio(content);
      attachments = audio.attachments;
      if (audio.problems.length) {
        this.warn(
          `${audio.problems.length} section(s) will have no prepared audio (the kiosk uses the browser's voice there, or shows the text only):\n` +
            audio.problems.slice(0, 12).map(formatProblem).join('\n') +
            (audio.problems.length > 12 ? `\n… and ${audio.problems.length - 12} more (npm run check lists them all)` : ''),
        );
      }
    },
    resolveId(id) {
      // The font CSS is a real file, so its url()s resolve next to it and the fonts become assets.
      if (id === FONTS_CSS) return `${fontDir}/fonts.css`;
      return id.startsWith(PREFIX) ? '\0' + id : null;
    },
    load(id) {
      if (!id.startsWith(RESOLVED)) return null;
      const content = load();
      const path = id.slice(RESOLVED.length);
      if (path === 'manifest') return manifestModule(content, attachments, (build ??= buildInfo(root, version)));
      const strings = /^strings\/([^/]+)$/.exec(path);
      if (strings) {
        const language = content.languages.find((l) => l.code === strings[1]);
        if (!language) throw new Error(`No language "${strings[1]}" in kiosk.config.json`);
        return `export default ${JSON.stringify(language.strings)};`;
      }
      const prompts = /^prompts\/([^/]+)$/.exec(path);
      if (prompts) return promptsModule(root, prompts[1] as string);
      const handout = /^handout\/([^/]+)\/([^/]+)$/.exec(path);
      if (handout) {
        const found = content.languages.find((l) => l.code === handout[1])?.handouts.find((h) => h.id === handout[2]);
        if (!found) throw new Error(`No handout "${handout[2]}" in language "${handout[1]}"`);
        return handoutModule(found, content.figures, attachments, handoutDir);
      }
      throw new Error(`Unknown kiosk module ${id}`);
    },
    generateBundle(_options, output) {
      // Not hashed and not cached (no-cache, like index.html): it says which build this folder is.
      this.emitFile({ type: 'asset', fileName: 'build.json', source: `${JSON.stringify((build ??= buildInfo(root, version)))}\n` });
      // A build served by any static server (nginx, a CDN, the tests') has no build news for the staff
      // panel: it says so here rather than answering 404, which a browser logs as an error. `npm start`
      // answers this path itself, from memory (scripts/lib/kiosk-handler.ts).
      this.emitFile({ type: 'asset', fileName: 'build-status.json', source: '{"serving":null}\n' });
      // Site files keep their names (no hash): served no-cache, fetched by the kiosk at every start,
      // and not in the offline copy (the kiosk keeps the last valid one itself: src/kiosk/site-settings.ts).
      for (const site of sites) this.emitFile({ type: 'asset', fileName: site.name, source: site.text });
      // Which built files are a section's audio, and of which handout, for the service worker's
      // precache list (scripts/vite/service-worker.ts): featured handouts' audio is precached,
      // the rest is cached as it is played, within offline.audioBudgetMB.
      const content = load();
      const owners = new Map([...attachments].map(([key, attachment]) => [resolve(attachment.file), key.split('/').slice(0, 2).join('/')]));
      const featured = new Set(content.config.featured);
      const plan: OfflineAudioPlan = { audioBudgetBytes: Math.round(content.config.offline.audioBudgetMB * MEGABYTE), sections: {} };
      for (const file of Object.values(output)) {
        if (file.type !== 'asset') continue;
        for (const original of file.originalFileNames) {
          const handout = owners.get(resolve(viteRoot, original));
          if (handout) plan.sections[file.fileName] = { handout, featured: featured.has(handout.split('/')[1]!) || (plan.sections[file.fileName]?.featured ?? false) };
        }
      }
      const found = new Set(Object.values(plan.sections).map((s) => s.handout));
      const missing = [...new Set(owners.values())].filter((handout) => !found.has(handout));
      // Without the plan the worker would still cache everything; say so rather than ship it silently.
      if (missing.length) this.warn(`offline audio: no built file found for the audio of ${missing.join(', ')}; it is precached like everything else`);
      this.emitFile({ type: 'asset', fileName: OFFLINE_AUDIO_PLAN, source: `${JSON.stringify(plan)}\n` });
    },
    configureServer(server: ViteDevServer) {
      // Staff editing a handout with `npm run dev` open see the change at once, or the error.
      server.watcher.add([`${root}/locales`, `${root}/kiosk.config.json`]);
      server.watcher.on('change', (file) => {
        if (!file.includes('/locales/') && !file.endsWith('kiosk.config.json')) return;
        bundle = null;
        for (const mod of server.moduleGraph.idToModuleMap.values()) {
          if (mod.id?.startsWith(RESOLVED)) server.moduleGraph.invalidateModule(mod);
        }
        server.ws.send({ type: 'full-reload' });
      });
    },
  };
}

export interface BuildInfo {
  /** package.json's version: what the kiosk's code is. */
  version: string;
  /** The hash of everything the build is made from: which build this is, exactly. */
  id: string;
  /**
   * When it was built: information for staff only, never used to tell builds apart. From
   * SOURCE_DATE_EPOCH when set (the reproducible-builds convention: a fleet's build job sets it to
   * the commit's time, so the same sources give byte-identical builds), else the clock.
   */
  date: string;
}

function buildInfo(contentRoot: string, version: string): BuildInfo {
  // `npm start` passes the id it has just computed, rather than have every input read twice.
  const id = process.env.KIOSK_BUILD_ID ?? buildInputs(fileURLToPath(new URL('../..', import.meta.url)), contentRoot).id;
  const epoch = Number(process.env.SOURCE_DATE_EPOCH);
  const date = (process.env.SOURCE_DATE_EPOCH && Number.isFinite(epoch) ? new Date(epoch * 1000) : new Date()).toISOString();
  return { version, id, date };
}

/**
 * Each language's font with the text it draws. Every language's name is on the welcome screen in its
 * own script, so each font also covers the names.
 */
function fontRequests(content: ContentBundle): FontRequest[] {
  const names = content.languages.map((l) => l.name).join('');
  return content.languages.flatMap(({ code, font, name, strings, handouts }) =>
    font
      ? [{ lang: code, family: font.family, packageName: font.package, text: names + visibleText([name, strings, handouts]), ...(font.files ? { filePrefix: font.files } : {}), ...(font.lineHeight ? { lineHeight: font.lineHeight } : {}) }]
      : [],
  );
}

function manifestModule(content: ContentBundle, attachments: Map<string, AudioAttachment>, build: BuildInfo): string {
  const runtime = runtimeConfig(content.config);
  // Each language's greeting travels with the language list, so the welcome screen can cycle
  // through them before any language's strings are loaded; so does "text only" for a language with
  // no prepared speech at all (no voice, no recordings), so its button says so before it is chosen.
  const languages = content.languages.map(({ code, name, dir, strings }) => {
    const welcome = (strings.welcome as Record<string, unknown> | undefined) ?? {};
    const spoken = [...attachments.keys()].some((key) => key.startsWith(`${code}/`)) || hasPrompts(content.root, code);
    return {
      code,
      name,
      dir,
      greeting: String(welcome.greeting ?? name),
      ...(spoken ? {} : { textOnly: String(welcome.textOnly ?? '') }),
    };
  });
  const summaries = Object.fromEntries(content.languages.map((l) => [l.code, l.handouts.map(summarise)]));
  const stringLoaders = content.languages
    .map((l) => `  ${JSON.stringify(l.code)}: () => import(${JSON.stringify(`${PREFIX}strings/${l.code}`)}).then((m) => m.default),`)
    .join('\n');
  const handoutLoaders = content.languages
    .map((l) => {
      const entries = l.handouts
        .map((h) => `    ${JSON.stringify(h.id)}: () => import(${JSON.stringify(`${PREFIX}handout/${l.code}/${h.id}`)}).then((m) => m.default()),`)
        .join('\n');
      return `  ${JSON.stringify(l.code)}: {\n${entries}\n  },`;
    })
    .join('\n');
  return [
    '// generated by scripts/vite/kiosk-content.ts; do not edit',
    `export const config = ${JSON.stringify(runtime)};`,
    `export const languages = ${JSON.stringify(languages)};`,
    `export const handoutSummaries = ${JSON.stringify(summaries)};`,
    `export const build = ${JSON.stringify(build)};`,
    `export const stringLoaders = {\n${stringLoaders}\n};`,
    `export const handoutLoaders = {\n${handoutLoaders}\n};`,
    // Self-voicing clips, one chunk per language, fetched when that language is first spoken.
    `export const promptLoaders = {\n${content.languages
      .map((l) => `  ${JSON.stringify(l.code)}: () => import(${JSON.stringify(`${PREFIX}prompts/${l.code}`)}).then((m) => m.default),`)
      .join('\n')}\n};`,
  ].join('\n');
}

/** Whether the audio build made any self-voicing clips for the language. */
function hasPrompts(root: string, lang: string): boolean {
  const index = join(root, 'audio', lang, 'prompts', 'index.json');
  if (!existsSync(index)) return false;
  const clips = (JSON.parse(readFileSync(index, 'utf8')) as { clips?: Record<string, unknown> }).clips ?? {};
  return Object.keys(clips).length > 0;
}

/** `{ phrase: url }` for a language's prompt clips (audio/<lang>/prompts/index.json), or `{}`. */
function promptsModule(root: string, lang: string): string {
  const dir = join(root, 'audio', lang, 'prompts');
  const index = join(dir, 'index.json');
  if (!existsSync(index)) return 'export default {};';
  const clips = (JSON.parse(readFileSync(index, 'utf8')) as { clips?: Record<string, { file: string }> }).clips ?? {};
  const entries = Object.entries(clips).filter(([, clip]) => existsSync(join(dir, clip.file)));
  return [
    '// generated by scripts/vite/kiosk-content.ts; do not edit',
    ...entries.map(([, clip], i) => `import clip${i} from ${JSON.stringify(`${join(dir, clip.file)}?url`)};`),
    `export default {${entries.map(([phrase], i) => `${JSON.stringify(phrase)}: clip${i}`).join(', ')}};`,
  ].join('\n');
}

function handoutModule(handout: Handout, figures: Map<string, string>, attachments: Map<string, AudioAttachment>, outDir: string): string {
  const used = [...new Set(handout.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'figure' ? [b.image] : []))))];
  const imports = used.map((name, i) => `import figure${i} from ${JSON.stringify(`${figures.get(name)}?url`)};`);
  const table = `const figures = {${used.map((name, i) => `${JSON.stringify(name)}: figure${i}`).join(', ')}};`;
  const audioImports: string[] = [];
  const sections = handout.sections.map((section) => {
    const found = attachments.get(`${handout.lang}/${handout.id}/${section.id}`);
    if (!found) return section;
    const name = `audio${audioImports.length}`;
    audioImports.push(`import ${name} from ${JSON.stringify(`${found.file}?url`)};`);
    const { file: _file, ...timing } = found;
    return { ...section, audio: { src: [`__AUDIO__${name}`], ...timing } };
  });
  // The handout is a JSON file rather than code: a module stays in memory for the page's life (its
  // source text too), a fetched response goes with the visit that read it. Its URL is hashed like
  // any other asset, so the service worker caches it and a changed handout gets a new name.
  const file = join(outDir, `${handout.id}.${handout.lang}.json`);
  writeIfChanged(file, JSON.stringify({ ...handout, sections }));
  const where = `${handout.lang}/${handout.id}`;
  // Audio URLs are module imports, so the files become hashed assets the service worker can cache.
  const audioTable = `const audio = {${audioImports.map((_, i) => `audio${i}`).join(', ')}};`;
  return [
    '// generated by scripts/vite/kiosk-content.ts; do not edit',
    `import url from ${JSON.stringify(`${file}?url`)};`,
    ...imports,
    ...audioImports,
    table,
    audioTable,
    'export default async function load() {',
    '  const response = await fetch(url);',
    `  if (!response.ok) throw new Error(\`Handout ${where}: \${url} answered \${response.status}\`);`,
    '  const handout = await response.json();',
    '  for (const section of handout.sections) {',
    '    if (section.audio) section.audio.src = section.audio.src.map((src) => audio[src.replace("__AUDIO__", "")] ?? src);',
    '    for (const block of section.blocks) if (block.kind === "figure") block.src = figures[block.image];',
    '  }',
    '  return handout;',
    '}',
  ].join('\n');
}

/**
 * Builds run side by side (vitest's two projects, a dev server beside a build): write to a temporary
 * name and rename, so no reader ever sees half a file, and leave an identical file alone.
 */
function writeIfChanged(file: string, text: string) {
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return;
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
}
