/**
 * One build, many sites: a site file (`sites/<site>.json` beside the build) gives one clinic's own
 * settings over the build's `kiosk.config.json`: its name, which of the build's languages it offers and
 * in what order, its default language, handouts, idle times and staff PIN hash.
 *
 * It is checked with the same zod schema as the build's config (the fields it may set are that
 * schema's own, and the merged result must pass the whole schema), by the build for every file in
 * `sites/`, and by the kiosk in the browser for the file it fetches. The kiosk loads this module (and
 * zod with it) only when its address names a site, so a single kiosk's first screen carries none of it.
 *
 * What a site file cannot change is what the build has already made: a language or handout must be
 * one the build contains, and the phone numbers must be the build's, because every handout's text
 * and its recorded speech were made with them.
 */
import { z } from 'zod';
import { describeIssue, type SettingsProblem } from './describe-issue.ts';
import { kioskConfigSchema, type RuntimeConfig } from './schema.ts';

const shape = kioskConfigSchema.shape;

/** Site ids name a file: lower case, digits and hyphens, so `?site=` can never reach outside `sites/`. */
export const SITE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const siteFileSchema = z
  .object({
    $schema: z.string().optional(),
    site: shape.site.partial(),
    languages: shape.languages,
    defaultLanguage: shape.defaultLanguage,
    handouts: shape.handouts,
    idle: shape.idle.partial(),
    staff: z.object({ pinHash: shape.staff.shape.pinHash }).strict(),
  })
  .partial()
  .strict();

export type SiteFile = z.infer<typeof siteFileSchema>;

export type SiteMerge = { ok: true; config: RuntimeConfig } | { ok: false; problems: SettingsProblem[] };

/** The phone numbers a site file may repeat but not change: they are in the handouts' text and audio. */
const BUILT_IN = ['nurseLine', 'poisonCentre', 'emergency'] as const;

/**
 * The build's config with the site file's fields over it, or every problem, each naming `file` and the
 * field. `text` is the file as fetched or read: JSON that is not an object is a problem like any other.
 */
export function mergeSite(build: RuntimeConfig, text: string, file: string): SiteMerge {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, problems: [{ file, message: `is not valid JSON: ${(error as Error).message}` }] };
  }
  const parsed = siteFileSchema.safeParse(json, { reportInput: true });
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((issue) => describeIssue(issue, file)) };
  const raw = json as Record<string, Record<string, unknown>>;
  const site = parsed.data;
  const problems: SettingsProblem[] = [];
  const outside = (field: 'languages' | 'handouts', what: string) =>
    (site[field] ?? []).forEach((value, i) => {
      if (!build[field].includes(value)) {
        problems.push({
          file,
          where: `${field}.${i}`,
          message: `${JSON.stringify(value)} is not allowed; expected ${what} this build contains (${build[field].join(', ')}): a site can only choose among them; add it to kiosk.config.json and build again`,
        });
      }
    });
  outside('languages', 'a language');
  outside('handouts', 'a handout');
  for (const name of BUILT_IN) {
    // Only what the file itself says: zod fills a default (emergency: 911) the file did not write.
    if (raw.site && name in raw.site && site.site?.[name] !== build.site[name]) {
      problems.push({
        file,
        where: `site.${name}`,
        message: `${JSON.stringify(site.site?.[name])} is not allowed; expected ${JSON.stringify(build.site[name] ?? null)}: every handout's text and speech were made with the build's number, so another number needs its own build (kiosk.config.json site.${name})`,
      });
    }
  }
  if (problems.length) return { ok: false, problems };

  const written = <T extends object>(value: T | undefined, keys: Record<string, unknown> | undefined): Partial<T> =>
    value && keys ? (Object.fromEntries(Object.entries(value).filter(([key]) => key in keys)) as Partial<T>) : {};
  const merged: RuntimeConfig = {
    ...build,
    ...(site.languages ? { languages: site.languages } : {}),
    ...(site.handouts ? { handouts: site.handouts } : {}),
    // A site that offers fewer handouts features only those of the build's it still offers.
    ...(build.featured ? { featured: build.featured.filter((id) => (site.handouts ?? build.handouts).includes(id)) } : {}),
    // A site that offers other languages starts in its own first language unless it names one.
    defaultLanguage: site.defaultLanguage ?? (site.languages && !site.languages.includes(build.defaultLanguage) ? (site.languages[0] as string) : build.defaultLanguage),
    site: { ...build.site, ...written(site.site, raw.site) },
    idle: { ...build.idle, ...written(site.idle, raw.idle) },
    staff: site.staff ? { pinHash: site.staff.pinHash } : build.staff,
  };
  // The whole schema once more, for the rules that span fields (a default language the site offers,
  // a warning shorter than the idle time), reported against the site file.
  const whole = kioskConfigSchema.safeParse(merged, { reportInput: true });
  if (!whole.success) return { ok: false, problems: whole.error.issues.map((issue) => describeIssue(issue, file)) };
  return { ok: true, config: merged };
}
