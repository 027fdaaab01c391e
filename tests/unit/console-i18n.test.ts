import { describe, expect, it } from 'vitest';
import { en } from '../../console/i18n/en.js';
import { fa } from '../../console/i18n/fa.js';
import { dirOf, translate } from '../../console/i18n/index.js';

const markers = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('console string catalogs', () => {
  it('have exactly the same keys in English and Persian', () => {
    expect(Object.keys(fa).sort()).toEqual(Object.keys(en).sort());
  });

  it('use the same {markers} in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect({ key, markers: markers(fa[key]) }).toEqual({ key, markers: markers(en[key]) });
    }
  });

  it('have no empty Persian string and no Arabic yeh or kaf in Persian', () => {
    for (const [key, value] of Object.entries(fa)) {
      expect(value.trim(), key).not.toBe('');
      expect(value, key).not.toMatch(/[يك]/);
    }
  });

  it('carry the binding accessible names of docs/architecture.md', () => {
    expect([en['signIn.email'], en['signIn.password'], en['signIn.submit'], en['queue.label']]).toEqual([
      'Email',
      'Password',
      'Sign in',
      'Conversations',
    ]);
    expect([en['composer.reply'], en['composer.send'], en['conv.claim'], en['conv.close']]).toEqual([
      'Reply',
      'Send',
      'Claim',
      'Close conversation',
    ]);
  });

  it('fill markers, writing numbers with Persian digits in Persian', () => {
    expect(translate('en', 'queue.unread', { n: 12 })).toBe('12 unread');
    expect(translate('fa', 'queue.unread', { n: 12 })).toBe('۱۲ نخوانده');
    expect(translate('en', 'visitor.anonymous', { id: 'AB12' })).toBe('Visitor #AB12');
  });

  it('lay Persian out right to left', () => {
    expect(dirOf('fa')).toBe('rtl');
    expect(dirOf('en')).toBe('ltr');
  });
});
