/**
 * The schema of `kiosk.config.json`. It is the single source of truth: the build validates the file
 * with it, `npm run check` does too, and `scripts/write-config-schema.ts` turns it into
 * `kiosk.config.schema.json` so that editors offer completion and flag mistakes while staff type.
 *
 * Build scripts and tests import the zod value; the kiosk receives the config already validated. Only
 * a kiosk opened as a site (`?site=`) loads zod, in a chunk of its own, to check its site file with
 * this same schema (src/config/site.ts).
 */
import { z } from 'zod';
import { REACH_MM } from '../kiosk/reach.ts';
import { PIN_HASH_FORMAT } from './pin-hash.ts';

/** BCP 47 tags as the project writes them: `en`, `fr`, `zh-Hans`, `pa`. */
const languageCode = z.string().regex(/^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$/, {
  message: 'a language code such as "en", "fr" or "zh-Hans"',
});

const handoutId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
  message: 'a handout id in lower case with hyphens, such as "nerve-ablation"',
});

/**
 * Read aloud digit by digit wherever a handout shows it, so it must be digits only, as dialled: one
 * short group ("811"), or the whole number in three or more groups. A number of two groups
 * ("555-0199") could not be told from a range such as "500-1000", which Arabic script lays out from
 * the right as it should; a number must not be (ui/phone-numbers keeps three or more groups in order).
 */
const phoneNumber = z.string().regex(/^(?:[0-9]{3,15}|[0-9]{1,4}(?:[ -][0-9]{1,4}){2,4})$/, {
  message: 'a phone number as dialled: a short number such as "811", or the whole number in three or more groups, such as "1-866-797-0000" or "416 555 0199"',
});

/**
 * The address a patient's phone opens. Only http(s), and nothing after the path: the kiosk adds the
 * handout, language and section itself, and a query or fragment here would be sent with every link.
 */
const publicUrl = z.string().refine((value) => /^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/.test(value) && URL.canParse(value), {
  message: 'a full http:// or https:// address with no "?" or "#" part, such as "https://handouts.example-clinic.ca/"',
});

const speechVoice = z
  .object({
    voice: z.string().min(1).describe('eSpeak NG voice name used by `npm run audio`, e.g. "en-us".'),
    wordsPerMinute: z.number().int().min(80).max(450).describe('Speaking rate of the generated audio. About 145 is calm; eSpeak’s default 175 is too fast for many patients.'),
  })
  .strict();

export const kioskConfigSchema = z
  .object({
    $schema: z.string().optional(),
    languages: z.array(languageCode).min(1).describe('Languages offered on the welcome screen, in the order shown.'),
    defaultLanguage: languageCode.describe('Language the kiosk starts in and returns to after an idle reset.'),
    handouts: z.array(handoutId).min(1).describe('Handouts offered, in the order shown in the library. Each needs locales/<lang>/handouts/<id>.md for every language.'),
    featured: z
      .array(handoutId)
      .default([])
      .describe(
        'Handouts the library shows first, above its topics, when it offers more than a few handouts (see the README, "Finding a handout"); their audio is in the offline copy from the first start and is never evicted. Each must be one of `handouts`, listed once. Left out: none.',
      ),
    idle: z
      .object({
        timeoutSeconds: z.number().int().min(30).max(3600).describe('Seconds without a touch or key (while no audio plays) before asking "Are you still there?".'),
        warningSeconds: z.number().int().min(20).max(120).describe('Seconds the "Are you still there?" countdown runs before everything resets.'),
      })
      .strict(),
    audio: z
      .object({
        rate: z.number().min(0.75).max(2).describe('Default reading speed, 0.75 to 2 (1 is normal).'),
        volume: z.number().min(0).max(1).describe('Default volume, 0 to 1.'),
        autoAdvance: z.boolean().describe('Whether reading continues into the next section by default.'),
      })
      .strict(),
    speech: z.record(languageCode, speechVoice).describe('Voice and speaking rate used by `npm run audio` for each language.').optional(),
    keypad: z
      .object(
        Object.fromEntries(
          (['up', 'down', 'left', 'right', 'enter', 'back', 'help', 'volumeUp', 'volumeDown'] as const).map((action) => [
            action,
            z
              .array(z.string().regex(/^[A-Za-z0-9]+$/, { message: 'a KeyboardEvent.code such as "ArrowUp" or "F13"' }))
              .min(1)
              .optional(),
          ]),
        ) as Record<'up' | 'down' | 'left' | 'right' | 'enter' | 'back' | 'help' | 'volumeUp' | 'volumeDown', z.ZodOptional<z.ZodArray<z.ZodString>>>,
      )
      .strict()
      .describe('Keys (KeyboardEvent.code) for each keypad action; any action left out keeps its default (arrows, Enter, Escape/Backspace, F1, F13–F24).')
      .optional(),
    site: z
      .object({
        name: z.string().min(1).max(80).describe('The clinic’s name, shown on the staff panel.'),
        nurseLine: phoneNumber.describe('The nurse advice line, `{nurseLine}` in a handout, e.g. "811".'),
        poisonCentre: phoneNumber
          .describe(
            'The regional poison centre, `{poisonCentre}` in a handout: "1-844-764-7669" (1-844-POISON-X) reaches the poison centre for most of Canada; Québec: "1-800-463-5060". A handout that uses {poisonCentre} does not build without it.',
          )
          .optional(),
        emergency: phoneNumber.default('911').describe('The emergency number, `{emergency}` in a handout; 911 in Canada.'),
        publicUrl: publicUrl
          .describe(
            'Where the clinic publishes a public copy of this build, e.g. "https://handouts.example-clinic.ca/". When set, the reader offers "Take it home": a QR code of a link that opens the same handout, language and section on the patient’s own phone. Left out: no QR code and no button.',
          )
          .optional(),
        staffLanguage: languageCode
          .optional()
          .describe(
            'The language the clinic’s staff read ("en" when left out): the reader’s "Show in …" button puts the section in it beside the patient’s language. It must be one of `languages`; when left out and English is not offered, the button is not shown.',
          ),
      })
      .strict(),
    display: z
      .object({
        mounting: z
          .object({
            screenBottomMm: z.number().min(0).max(2000).describe('Height of the lowest edge of the picture above the floor, in millimetres.'),
            screenHeightMm: z.number().min(100).max(2500).describe('Height of the picture itself, bottom edge to top edge, in millimetres (a 43-inch portrait panel: about 950).'),
          })
          .strict()
          .describe(
            'Where the screen is on the wall or stand. The kiosk keeps every control between 400 and 1,200 mm above the floor, where a seated patient can reach it. Left out: a portrait screen is taken to start 800 mm up and be 950 mm tall; a landscape one 900 mm up and 300 mm tall.',
          )
          .optional(),
      })
      .strict()
      .optional(),
    print: z
      .object({
        enabled: z.boolean().describe('Whether this kiosk has a printer: the reader then offers "Print" (the whole handout, in the chosen language).'),
      })
      .strict()
      .default({ enabled: false })
      .describe('Printing. Run Chromium with --kiosk-printing so "Print" prints at once, without the print dialog.'),
    offline: z
      .object({
        audioBudgetMB: z
          .number()
          .positive()
          .max(100_000)
          .default(200)
          .describe(
            "Megabytes of handout audio each kiosk keeps besides the featured handouts' (which are always kept): audio is cached when first played, and the least recently played goes first when the budget is reached. About 190 KB is a minute of speech.",
          ),
      })
      .strict()
      .default({ audioBudgetMB: 200 })
      .describe(
        "The offline copy. The app, every configured language's strings, handouts, figures and prompts, and the featured handouts' audio are always kept; other audio within audioBudgetMB.",
      ),
    staff: z
      .object({
        pinHash: z
          .string()
          .regex(PIN_HASH_FORMAT, { message: 'the output of `npm run pin -- <PIN>`, such as "pbkdf2-sha256$100000$…$…"' })
          .describe('Salted hash of the PIN that opens the hidden staff panel; make it with `npm run pin -- <PIN>`. Never the PIN itself.'),
        // Only so that a PIN left in plain text gets a message that says what to do, not "unknown field".
        pin: z
          .unknown()
          .optional()
          .superRefine((value, ctx) => {
            if (value === undefined) return;
            ctx.addIssue({
              code: 'custom',
              params: { secret: true },
              message: 'a PIN is no longer written in plain text: run `npm run pin -- <PIN>`, write what it prints as staff.pinHash, and delete staff.pin',
            });
          })
          .describe('No longer accepted: write staff.pinHash instead.'),
      })
      .strict(),
    server: z
      .object({
        port: z.number().int().min(1024).max(65535).describe('Port `npm start` serves the kiosk on (localhost).'),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (!config.languages.includes(config.defaultLanguage)) {
      ctx.addIssue({
        code: 'custom',
        path: ['defaultLanguage'],
        input: config.defaultLanguage,
        message: `one of the configured languages (${config.languages.join(', ')})`,
      });
    }
    const seenLanguage = new Set<string>();
    config.languages.forEach((code, i) => {
      if (seenLanguage.has(code)) {
        ctx.addIssue({ code: 'custom', path: ['languages', i], input: code, message: 'each entry listed only once' });
      }
      seenLanguage.add(code);
    });
    const seenHandout = new Set<string>();
    config.handouts.forEach((id, i) => {
      if (seenHandout.has(id)) {
        ctx.addIssue({ code: 'custom', path: ['handouts', i], input: id, message: 'each entry listed only once' });
      }
      seenHandout.add(id);
    });
    const seenFeatured = new Set<string>();
    config.featured.forEach((id, i) => {
      if (!config.handouts.includes(id)) {
        ctx.addIssue({ code: 'custom', path: ['featured', i], input: id, message: `one of the configured handouts (${config.handouts.join(', ')})` });
      } else if (seenFeatured.has(id)) {
        ctx.addIssue({ code: 'custom', path: ['featured', i], input: id, message: 'each entry listed only once' });
      }
      seenFeatured.add(id);
    });
    if (config.site.staffLanguage !== undefined && !config.languages.includes(config.site.staffLanguage)) {
      ctx.addIssue({
        code: 'custom',
        path: ['site', 'staffLanguage'],
        input: config.site.staffLanguage,
        message: `one of the configured languages (${config.languages.join(', ')}), whose handouts the build has`,
      });
    }
    if (config.idle.warningSeconds >= config.idle.timeoutSeconds) {
      ctx.addIssue({
        code: 'custom',
        path: ['idle', 'warningSeconds'],
        input: config.idle.warningSeconds,
        message: `fewer seconds than idle.timeoutSeconds (${config.idle.timeoutSeconds})`,
      });
    }
    const mounting = config.display?.mounting;
    if (mounting && (mounting.screenBottomMm >= REACH_MM.top || mounting.screenBottomMm + mounting.screenHeightMm <= REACH_MM.bottom)) {
      ctx.addIssue({
        code: 'custom',
        path: ['display', 'mounting'],
        input: mounting,
        message: `a screen with some of its height between ${REACH_MM.bottom} and ${REACH_MM.top} mm above the floor, where a seated patient can reach it`,
      });
    }
  });

export type KioskConfig = z.infer<typeof kioskConfigSchema>;

/** The part of the config the kiosk needs at run time (everything but build-only settings). */
export type RuntimeConfig = Omit<KioskConfig, '$schema' | 'speech' | 'server' | 'staff'> & { staff: { pinHash: string } };

export const DEFAULT_PORT = 4173;
