/**
 * Console strings: `translate(locale, key, vars)` and the direction of each locale. Numbers in
 * `vars` are written with the locale's digits.
 */
import type { Locale } from '../../protocol/types.js';
import { en, type Catalog, type MessageKey } from './en.js';
import { fa } from './fa.js';

export type { MessageKey, Catalog };
export const catalogs: Record<Locale, Catalog> = { en, fa };

/** Values for `{x}` markers. */
export type Vars = Record<string, string | number>;

/** Text direction of a locale. */
export function dirOf(locale: Locale): 'ltr' | 'rtl' {
  return locale === 'fa' ? 'rtl' : 'ltr';
}

/** The BCP 47 tag Intl should use for a UI locale. */
export function intlLocale(locale: Locale): string {
  return locale === 'fa' ? 'fa-IR' : 'en-US';
}

/**
 * The key to use for `vars`: `KEY_one` when the catalog has one and the first number in `vars`
 * is singular in `locale` by Intl.PluralRules ("1 survey answer", not "1 survey answers").
 */
export function pluralKey<K extends string>(
  catalog: Partial<Record<string, string>>,
  intl: string,
  key: K,
  vars?: Record<string, string | number>,
): K {
  const count = vars && Object.values(vars).find((value): value is number => typeof value === 'number');
  const one = `${key}_one`;
  return count !== undefined && one in catalog && new Intl.PluralRules(intl).select(count) === 'one' ? (one as K) : key;
}

/** The string for `key` in `locale` with `{x}` markers replaced by `vars` (unknown markers stay). */
export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  const text = catalogs[locale][pluralKey(catalogs[locale], intlLocale(locale), key, vars)];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (marker, name: string) => {
    const value = vars[name];
    if (value === undefined) return marker;
    return typeof value === 'number' ? new Intl.NumberFormat(intlLocale(locale)).format(value) : value;
  });
}

/** A translator bound to one locale. */
export type Translate = (key: MessageKey, vars?: Vars) => string;

/** Binds `translate` to a locale. */
export function translator(locale: Locale): Translate {
  return (key, vars) => translate(locale, key, vars);
}
