import { describe, expect, it } from 'vitest';
import { catalogs, dir, formatNumber, matchLocale, t } from '../../widget/i18n/index.js';
import { en } from '../../widget/i18n/en.js';
import { fa } from '../../widget/i18n/fa.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('catalogs', () => {
  it('has every English key in Persian and no key English lacks', () => {
    expect(Object.keys(fa).sort()).toEqual(Object.keys(en).sort());
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(fa[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('leaves no Persian string empty or in Arabic letters where Persian ones are meant', () => {
    for (const [key, text] of Object.entries(fa)) {
      expect(text.trim(), key).not.toBe('');
      expect(text, key).not.toMatch(/[يك]/); // Arabic yeh and kaf instead of ی and ک
    }
  });

  it('carries the binding accessible names of docs/architecture.md', () => {
    expect([en.openHelp, en.search, en.talkToPerson, en.message, en.send, en.wasHelpful, en.yes, en.no]).toEqual([
      'Open help',
      'Search',
      'Talk to a person',
      'Message',
      'Send',
      'Was this helpful?',
      'Yes',
      'No',
    ]);
    expect(fa.openHelp).toBe('بازکردن راهنما');
    expect(catalogs.fa).toBe(fa);
  });
});

describe('t', () => {
  it('fills placeholders and writes numbers with Persian digits in Persian', () => {
    expect(t('en', 'onlineReplyMinutes', { minutes: 5 })).toBe('We usually reply in about 5 minutes');
    expect(t('fa', 'onlineReplyMinutes', { minutes: 12 })).toContain('۱۲');
    expect(t('fa', 'noResults', { query: 'refund' })).toContain('«refund»');
  });

  it('leaves a missing placeholder visible', () => {
    expect(t('en', 'typing')).toBe('{name} is typing…');
  });

  it('formats numbers per locale', () => {
    expect(formatNumber('fa', 1234)).toBe('۱٬۲۳۴');
    expect(formatNumber('en', 1234)).toBe('1,234');
  });
});

describe('direction and locale', () => {
  it('is right to left for Persian only', () => {
    expect(dir('fa')).toBe('rtl');
    expect(dir('en')).toBe('ltr');
  });

  it('picks a supported locale from a language tag', () => {
    expect(matchLocale('fa-IR')).toBe('fa');
    expect(matchLocale('EN-gb')).toBe('en');
    expect(matchLocale('de')).toBeNull();
    expect(matchLocale(undefined)).toBeNull();
  });
});
