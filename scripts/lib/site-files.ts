/**
 * The site files (`sites/<site>.json` in the content root): checked at build time against the build's
 * own config, with the same code the kiosk uses in the browser (src/config/site.ts), and copied into
 * the build's `sites/` folder, where a kiosk opened at `/?site=<site>` fetches its own.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KioskConfig, RuntimeConfig } from '../../src/config/schema.ts';
import { mergeSite, SITE_ID } from '../../src/config/site.ts';
import { InputError, type InputProblem } from './input-error.ts';

export interface SiteFile {
  /** `sites/<id>.json`, as the build serves it. */
  name: string;
  path: string;
  text: string;
}

/** Every site file, each checked; throws an InputError naming every bad file and field. */
export function readSiteFiles(contentRoot: string, config: RuntimeConfig): SiteFile[] {
  const dir = join(contentRoot, 'sites');
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((name) => !name.startsWith('.'))
      .sort();
  } catch {
    return []; // No sites/ folder: a single kiosk on kiosk.config.json.
  }
  const problems: InputProblem[] = [];
  const files: SiteFile[] = [];
  for (const entry of names) {
    const name = `sites/${entry}`;
    const id = entry.replace(/\.json$/, '');
    if (!entry.endsWith('.json') || !SITE_ID.test(id)) {
      problems.push({ file: name, message: 'is not a site file: name site files <site>.json, in lower case with hyphens, such as "lobby-2.json"' });
      continue;
    }
    const path = join(dir, entry);
    const text = readFileSync(path, 'utf8');
    const merged = mergeSite(config, text, name);
    if (!merged.ok) problems.push(...merged.problems);
    else files.push({ name, path, text });
  }
  if (problems.length) throw new InputError(problems);
  return files;
}

/** The part of the config the kiosk needs at run time: build-only settings left out. */
export function runtimeConfig(config: KioskConfig): RuntimeConfig {
  return {
    languages: config.languages,
    defaultLanguage: config.defaultLanguage,
    handouts: config.handouts,
    featured: config.featured,
    idle: config.idle,
    audio: config.audio,
    site: config.site,
    // The hash only: the PIN itself is never in the config, and `pin` is refused by the schema.
    staff: { pinHash: config.staff.pinHash },
    keypad: config.keypad,
    display: config.display,
    print: config.print,
    offline: config.offline,
  };
}
