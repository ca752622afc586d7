// @vitest-environment node
/**
 * The checks that keep medical facts the same in every language and reviews on the record, run on
 * small fixture handouts written here (never on the real ones, which the content check covers).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCheck } from '../../scripts/check.ts';
import { withReview } from '../../scripts/review.ts';
import { buildContent } from '../../scripts/lib/build-content.ts';
import { InputError, formatProblem } from '../../scripts/lib/input-error.ts';
import { describeNumber, numbersIn } from '../../scripts/lib/numbers.ts';
import { reviewRecordFor } from '../../scripts/lib/review-record.ts';
import { showsDraftNotice } from '../../src/content/model.ts';

const ENGLISH = `---
id: dose
summary: How much to take.
source: A named standard.
licence: General information.
translation: original
---

# Taking it safely

## How much {#how-much}

An adult must never take more than 4,000 mg in 24 hours. {!safety}

Do not take it for pain for more than 5 days. {!safety}

- Read the label.
- Take two tablets at most.

## Too much {#too-much}

Call the poison centre now: {poisonCentre}. {!safety}

Call {emergency} at once if the person is hard to wake. {!safety}
`;

const FRENCH = `---
id: dose
summary: Combien en prendre.
source: Une norme nommée.
licence: Information générale.
translation: draft
---

# En prendre sans danger

## Combien {#how-much}

Un adulte ne doit jamais prendre plus de 4 000 mg en 24 heures. {!safety}

Ne le prenez pas contre la douleur plus de 5 jours. {!safety}

- Lisez l’étiquette.
- Prenez deux comprimés au plus.

## Trop {#too-much}

Appelez le centre antipoison tout de suite : {poisonCentre}. {!safety}

Appelez le {emergency} immédiatement si la personne est difficile à réveiller. {!safety}
`;

let root: string;

function write(path: string, text: string) {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
}

function config(site: Record<string, string> = { name: 'Test clinic', nurseLine: '811', poisonCentre: '1-844-764-7669' }) {
  write(
    'kiosk.config.json',
    JSON.stringify({
      languages: ['en', 'fr'],
      defaultLanguage: 'en',
      handouts: ['dose'],
      idle: { timeoutSeconds: 90, warningSeconds: 30 },
      audio: { rate: 1, volume: 0.8, autoAdvance: false },
      site,
      staff: { pinHash: 'pbkdf2-sha256$100000$aCJhJI3AP7Byvf3IAAc53Q$ASg20jLMJGIgipOZ-04-39dIUpZx-nJiYMhiarWcGvc' },
    }),
  );
}

function problems(): string[] {
  try {
    buildContent(root);
    return [];
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return error.problems.map(formatProblem);
  }
}

function edit(path: string, from: string | RegExp, to: string) {
  const before = readFileSync(join(root, path), 'utf8');
  const after = before.replace(from, to);
  expect(after, `${path} should contain ${from}`).not.toBe(before);
  writeFileSync(join(root, path), after);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kiosk-safety-'));
  config();
  write('locales/en/ui.json', JSON.stringify({ meta: { languageName: 'English' } }));
  write('locales/fr/ui.json', JSON.stringify({ meta: { languageName: 'Français' } }));
  write('locales/en/handouts/dose.md', ENGLISH);
  write('locales/fr/handouts/dose.md', FRENCH);
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('numbers in any script and in words', () => {
  it.each([
    ['en', 'never more than 4,000 mg in 24 hours, for 5 days, two tablets', ['4000 mg', '24 hours', '5 days', '2']],
    ['fr', 'jamais plus de 4\u202f000 mg en 24 heures, pendant cinq jours, 1,5 mL', ['4000 mg', '24 hours', '5 days', '1.5 mL']],
    ['es', 'no más de 4.000 mg en 24 horas, durante 5 días', ['4000 mg', '24 hours', '5 days']],
    ['ar', 'لا تأخذ أكثر من ٤٠٠٠ ملغ في ٢٤ ساعة، ولمدة ٥ أيام، وثلاثة مشروبات، وطفل عمره أقل من سنتين', ['4000 mg', '24 hours', '5 days', '3', '2 years']],
    ['zh-Hans', '24小时内不要超过4000毫克。疼痛超过五天。两种药。一个小时。十分重要。', ['24 hours', '4000 mg', '5 days', '2']],
    ['pa', '24 ਘੰਟਿਆਂ ਵਿੱਚ 4000 ਮਿਲੀਗ੍ਰਾਮ ਤੋਂ ਵੱਧ ਨਹੀਂ, ੫ ਦਿਨ, ਦੋ ਦਵਾਈਆਂ', ['24 hours', '4000 mg', '5 days', '2']],
  ])('reads the numbers and units of %s', (lang, text, expected) => {
    expect(numbersIn(text, lang).map(describeNumber)).toEqual(expected);
  });

  it('does not count a word for "one" or a Chinese numeral inside an ordinary word', () => {
    expect(numbersIn('Take one at a time; une dose', 'en').map(describeNumber)).toEqual([]);
    expect(numbersIn('一次吃一种药，十分重要，万一', 'zh-Hans').map(describeNumber)).toEqual([]);
  });
});

describe('npm run check on fixture handouts', () => {
  it('accepts a translation with the same numbers, placeholders and safety sentences', () => {
    expect(problems()).toEqual([]);
    // Digits of another script and number words are the same numbers.
    edit('locales/fr/handouts/dose.md', 'plus de 5 jours', 'plus de cinq jours');
    expect(problems()).toEqual([]);
  });

  it('names the file, the section and the number when one translation keeps an old number', () => {
    edit('locales/fr/handouts/dose.md', 'plus de 5 jours', 'plus de 10 jours');
    const found = problems();
    expect(found).toContain('locales/fr/handouts/dose.md: section "how-much": the number 5 days of locales/en/handouts/dose.md (line 15, "5 days") is missing here');
    expect(found).toContain('locales/fr/handouts/dose.md: section "how-much", line 15: the number 10 days ("10 jours") is not in this section of locales/en/handouts/dose.md');
  });

  it('catches a changed unit and a changed dose', () => {
    edit('locales/fr/handouts/dose.md', '24 heures', '24 jours');
    edit('locales/fr/handouts/dose.md', '4 000 mg', '400 mg');
    const found = problems().join('\n');
    expect(found).toMatch(/the number 24 hours of .* is missing here/);
    expect(found).toMatch(/line 13: the number 24 days \("24 jours"\)/);
    expect(found).toMatch(/the number 4000 mg of .* is missing here/);
  });

  it('names a placeholder a translation lost', () => {
    edit('locales/fr/handouts/dose.md', 'tout de suite : {poisonCentre}.', 'tout de suite.');
    expect(problems()).toContain(
      'locales/fr/handouts/dose.md: section "too-much": the placeholder {poisonCentre} of locales/en/handouts/dose.md (line 22, "{poisonCentre}") is missing here',
    );
  });

  it('fails the build, naming the config field, when a handout uses a placeholder the config does not set', () => {
    config({ name: 'Test clinic', nurseLine: '811' });
    const found = problems();
    expect(found).toContain('locales/en/handouts/dose.md: line 22: {poisonCentre} needs site.poisonCentre in kiosk.config.json, which is not set');
    expect(found).toContain('locales/fr/handouts/dose.md: line 22: {poisonCentre} needs site.poisonCentre in kiosk.config.json, which is not set');
  });

  it('gives {emergency} the default 911 when the config leaves it out', () => {
    const content = buildContent(root);
    const section = content.languages[0]!.handouts[0]!.sections[1]!;
    expect(section.text).toContain('Call 911 at once');
    expect(section.text).toContain('now: 1-844-764-7669.');
  });

  it('names a safety sentence whose counterpart is not marked, and a marked sentence with no counterpart', () => {
    edit('locales/fr/handouts/dose.md', 'difficile à réveiller. {!safety}', 'difficile à réveiller.');
    edit('locales/fr/handouts/dose.md', '- Lisez l’étiquette.', '- Lisez l’étiquette. {!safety}');
    expect(problems()).toEqual([
      'locales/fr/handouts/dose.md: section "how-much", line 17: "Lisez l’étiquette." is marked {!safety} but matches no safety sentence in this section of locales/en/handouts/dose.md',
      'locales/fr/handouts/dose.md: section "too-much": no counterpart for the safety sentence "Call {emergency} at once if the person is hard to wake." (locales/en/handouts/dose.md, line 24); end the translated sentence with {!safety} and keep its {emergency}',
    ]);
  });

  it('refuses "translation: reviewed" without a reviewer and a date', () => {
    edit('locales/fr/handouts/dose.md', 'translation: draft', 'translation: reviewed');
    expect(problems()).toEqual([
      'locales/fr/handouts/dose.md: line 2: "translation: reviewed" needs the reviewer and date in "reviewed: { by, date }"; record it with npm run review (see the README, "Reviewing a handout")',
    ]);
  });

  it('refuses a review with no name or an impossible date', () => {
    edit('locales/fr/handouts/dose.md', 'translation: draft', 'translation: reviewed\nreviewed: { by: "", date: 2026-02-30, text: abc, original: 0123456789ab }');
    expect(problems()).toEqual([
      'locales/fr/handouts/dose.md: line 2: front matter field "reviewed.by": "" is not allowed; expected the reviewer’s name and role, such as "A. Chen, RN, clinical educator"',
      'locales/fr/handouts/dose.md: line 2: front matter field "reviewed.date": "2026-02-30" is not allowed; expected the day of the review as YYYY-MM-DD, not in the future',
      'locales/fr/handouts/dose.md: line 2: front matter field "reviewed.text": "abc" is not allowed; expected the fingerprint of the text that was reviewed, written by npm run review',
    ]);
  });
});

describe('a review on the record', () => {
  function sign(lang: string, by: string) {
    const plan = reviewRecordFor(root, { lang, handout: 'dose', by, date: '2026-11-20' });
    const path = join(root, plan.file);
    writeFileSync(path, withReview(readFileSync(path, 'utf8'), plan.record, plan.isTranslation, plan.file));
  }
  const frenchReview = () => buildContent(root).languages[1]!.handouts[0]!.meta;

  it('is current after npm run review, and shows the translation without the draft notice', () => {
    expect(showsDraftNotice(frenchReview())).toBe(true);
    sign('en', 'Dr. A. Chen, pain physician');
    sign('fr', 'B. Roy, traductrice agréée');
    const text = readFileSync(join(root, 'locales/fr/handouts/dose.md'), 'utf8');
    expect(text).toMatch(/^translation: reviewed$/m);
    expect(text).toMatch(/^reviewed: \{ by: "B\. Roy, traductrice agréée", date: 2026-11-20, text: [0-9a-f]{12}, original: [0-9a-f]{12} \}$/m);
    expect(text.slice(text.indexOf('\n---\n'))).toBe(FRENCH.slice(FRENCH.indexOf('\n---\n')));
    const meta = frenchReview();
    expect(meta.review).toEqual({
      medical: { state: 'reviewed', by: 'Dr. A. Chen, pain physician', date: '2026-11-20' },
      translation: { state: 'reviewed', by: 'B. Roy, traductrice agréée', date: '2026-11-20' },
    });
    expect(showsDraftNotice(meta)).toBe(false);
    expect(buildContent(root).reviewFlags).toEqual([]);
  });

  it('goes out of date when the original changes, is flagged by the check, and the translation shows as a draft again', () => {
    sign('fr', 'B. Roy, traductrice agréée');
    edit('locales/en/handouts/dose.md', '- Read the label.', '- Read the whole label.');
    const content = buildContent(root);
    expect(content.reviewFlags.map(formatProblem)).toEqual([
      'locales/fr/handouts/dose.md: reviewed: the original (locales/en/handouts/dose.md) changed after this translation was reviewed by B. Roy, traductrice agréée on 2026-11-20; patients see it as a draft until it is reviewed again (npm run review -- fr dose --by "Name, role")',
    ]);
    const meta = content.languages[1]!.handouts[0]!.meta;
    expect(meta.review.translation?.state).toBe('out-of-date');
    expect(showsDraftNotice(meta)).toBe(true);

    const errors: string[] = [];
    expect(
      runCheck(
        root,
        () => {},
        (line) => errors.push(line),
      ),
    ).toBe(1);
    expect(errors).toContain(`error  ${formatProblem(content.reviewFlags[0]!)}`);
  });

  it('goes out of date when the translation itself is edited after its review', () => {
    sign('fr', 'B. Roy, traductrice agréée');
    edit('locales/fr/handouts/dose.md', 'Lisez l’étiquette.', 'Lisez toute l’étiquette.');
    expect(buildContent(root).reviewFlags.map((p) => p.message)[0]).toMatch(/^this translation changed after this translation was reviewed/);
  });

  it('refuses to sign off a translation whose numbers differ from the original', () => {
    edit('locales/fr/handouts/dose.md', 'plus de 5 jours', 'plus de 10 jours');
    expect(() => reviewRecordFor(root, { lang: 'fr', handout: 'dose', by: 'B. Roy' })).toThrow(/the number 5 days .* is missing here/);
  });

  it('marks the medical review of an edited original out of date', () => {
    sign('en', 'Dr. A. Chen, pain physician');
    edit('locales/en/handouts/dose.md', 'Take two tablets at most.', 'Take two tablets or fewer.');
    const content = buildContent(root);
    expect(content.languages[0]!.handouts[0]!.meta.review.medical.state).toBe('out-of-date');
    expect(content.reviewFlags.map((p) => `${p.file}: ${p.message}`)).toEqual([
      'locales/en/handouts/dose.md: the text changed after its medical review by Dr. A. Chen, pain physician on 2026-11-20; review it again and record it with npm run review',
    ]);
  });
});
