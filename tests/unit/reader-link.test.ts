// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { isPersonalReader, parseReaderLink, readerLink } from '../../src/app/reader-link';

const offered = { languages: ['en', 'es', 'ar'], handouts: ['nerve-ablation', 'acetaminophen'] };

describe('the take-it-home link', () => {
  it('names the mode, language, handout and section (counted from one) and nothing else', () => {
    const link = readerLink('https://handouts.example.ca/kiosk/', { lang: 'es', handout: 'nerve-ablation', sectionIndex: 2 });
    expect(link).toBe('https://handouts.example.ca/kiosk/?reader=phone&lang=es&handout=nerve-ablation&section=3');
    expect([...new URL(link).searchParams.keys()]).toEqual(['reader', 'lang', 'handout', 'section']);
  });

  it('opens the place it names on the phone', () => {
    const link = readerLink('https://handouts.example.ca/', { lang: 'ar', handout: 'acetaminophen', sectionIndex: 4 });
    expect(parseReaderLink(new URL(link).search, offered)).toEqual({ lang: 'ar', handout: 'acetaminophen', sectionIndex: 4 });
    expect(isPersonalReader(new URL(link).search)).toBe(true);
  });

  it('is not a personal reader without ?reader=phone', () => {
    expect(isPersonalReader('?lang=es&handout=nerve-ablation')).toBe(false);
    expect(parseReaderLink('?lang=es&handout=nerve-ablation&section=2', offered)).toBeNull();
  });

  it('opens the language picker for a language or handout this build does not offer', () => {
    expect(parseReaderLink('?reader=phone&lang=de&handout=nerve-ablation&section=1', offered)).toBeNull();
    expect(parseReaderLink('?reader=phone&lang=es&handout=gone&section=1', offered)).toBeNull();
  });

  it('starts at the first section when the section is missing or not a counting number', () => {
    for (const section of ['', 'x', '0', '-2', '1.5']) {
      expect(parseReaderLink(`?reader=phone&lang=es&handout=nerve-ablation&section=${section}`, offered)?.sectionIndex).toBe(0);
    }
  });
});
