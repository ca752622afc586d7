import { signal } from '@preact/signals';
import { render } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { compileHandout, type CompileOptions } from '../../scripts/lib/compile-handout.ts';
import { SectionText } from '../../src/ui/section-text';
import { phoneNumberRuns, TextWithPhoneNumbers } from '../../src/ui/phone-numbers';

const numbers = (text: string) => phoneNumberRuns(text).map(([start, end]) => text.slice(start, end));

describe('phone numbers in right-to-left text', () => {
  it('finds numbers of three or more groups, spelled ones too, and leaves ranges and short numbers', () => {
    expect(numbers('يجب الاتصال بمركز السموم الآن: 1-844-764-7669. بسرعة')).toEqual(['1-844-764-7669']);
    expect(numbers('نصائح مراكز السموم في كندا (1-844-POISON-X).')).toEqual(['1-844-POISON-X']);
    expect(numbers('اتصل بالرقم 416 555 1234 أو 1-800-463-5060')).toEqual(['416 555 1234', '1-800-463-5060']);
    expect(numbers('لا تأخذ أكثر من 4000 mg، أي 500-1000 mg كل مرة، واتصل بـ 911 أو 811.')).toEqual([]);
  });

  it('isolates each number left to right in plain text, and keeps the rest as it is', () => {
    const { container } = render(<p dir="rtl">{<TextWithPhoneNumbers text="الرقم 1-844-764-7669 الآن" />}</p>);
    const isolates = [...container.querySelectorAll('bdi')];
    expect(isolates.map((b) => [b.getAttribute('dir'), b.textContent])).toEqual([['ltr', '1-844-764-7669']]);
    expect(container.textContent).toBe('الرقم 1-844-764-7669 الآن');
  });

  const drawn = (paragraph: string) => {
    const options: CompileOptions = {
      file: 'locales/ar/handouts/test.md',
      lang: 'ar',
      dir: 'rtl',
      placeholders: { poisonCentre: '1-844-764-7669' },
      figures: new Set(),
      glossary: { poison: { term: 'سم', definition: 'مادة ضارة.' } },
    };
    const handout = compileHandout(
      `---\nid: test\nsummary: اختبار.\nsource: للاختبار.\nlicence: لا شيء.\ntranslation: original\n---\n# عنوان\n\n## قسم {#s}\n\n${paragraph}\n`,
      options,
    );
    const section = handout.sections[0]!;
    const { container } = render(<SectionText section={section} lang="ar" dir="rtl" currentWord={signal(-1)} currentSentence={signal(-1)} figureLabel="شكل" />);
    return { section, container };
  };

  it("puts a section's phone number, word by word, in one isolate, and every word keeps its place for the highlight", () => {
    const { section, container } = drawn('اتصل بمركز السموم الآن: {poisonCentre}. ثم انتظر.');
    const isolate = container.querySelector('bdi[dir="ltr"]')!;
    expect(isolate.textContent).toBe('1-844-764-7669');
    expect([...isolate.querySelectorAll('[data-word]')].map((w) => w.textContent)).toEqual(['1', '844', '764', '7669']);
    // Every word of the section is drawn once, in order, as before.
    const order = [...container.querySelectorAll('[data-word]')].map((w) => Number(w.getAttribute('data-word')));
    expect(order).toEqual(section.words.map((_, i) => i));
    expect(container.querySelector('.section-text')?.textContent?.replace(/\s+/g, ' ')).toContain('الآن: 1-844-764-7669. ثم');
  });

  it('keeps a number whole around a glossary term inside it, and a term beside a number outside the isolate', () => {
    const inside = drawn('اتصل بالرقم 1-844-{?poison|POISON}-X الآن.');
    const isolate = inside.container.querySelector('bdi[dir="ltr"]')!;
    expect(isolate.textContent).toBe('1-844-POISON-X');
    expect(isolate.querySelector('button.term')?.textContent).toBe('POISON');
    expect(inside.container.querySelectorAll('bdi')).toHaveLength(1);

    const beside = drawn('اتصل بمركز {?poison|السموم} {poisonCentre} الآن.');
    expect(beside.container.querySelector('bdi[dir="ltr"]')?.textContent).toBe('1-844-764-7669');
    expect(beside.container.querySelector('button.term')?.textContent).toBe('السموم');
    expect(beside.container.querySelector('bdi button, button bdi')).toBeNull();
    for (const { section, container } of [inside, beside]) {
      expect([...container.querySelectorAll('[data-word]')].map((w) => Number(w.getAttribute('data-word')))).toEqual(section.words.map((_, i) => i));
    }
  });
});
