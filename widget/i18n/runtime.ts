/**
 * What the widget's code calls to show text: `t()`, direction, Intl formatting, and a registry
 * the string parts add themselves to. The panel's strings of both locales travel in the app chunk
 * (`loadStrings` registers them); the article and chat chunks bring their own (`addStrings`). Numbers in params are
 * formatted with Intl so the Persian UI shows Persian digits.
 */
import type { Locale } from '../../protocol/types.js';
import type { Catalog, MessageKey } from './en.js';
import { strings as panelEn } from './panel-en.js';
import { strings as panelFa } from './panel-fa.js';

export type { Catalog, MessageKey };
type Part = Partial<Record<MessageKey, string>>;

const registry: Record<Locale, Part> = { en: {}, fa: {} };
const loading: Partial<Record<Locale, Promise<void>>> = {};
const INTL_LOCALE: Record<Locale, string> = { en: 'en-US', fa: 'fa-IR' };

/** Adds strings to the registry (chunks call it when they are evaluated). */
export function addStrings(parts: Partial<Record<Locale, Part>>): void {
  for (const locale of Object.keys(parts) as Locale[]) Object.assign(registry[locale], parts[locale]);
}

/** The panel's strings travel in the app chunk (about 1 KB gzip for both languages). */
export function loadStrings(locale: Locale): Promise<void> {
  return (loading[locale] ??= Promise.resolve(addStrings({ [locale]: locale === 'fa' ? panelFa : panelEn })));
}

/** The BCP 47 tag Intl should use for a widget locale (fa → fa-IR, for Persian digits). */
export function intlLocale(locale: Locale): string {
  return INTL_LOCALE[locale];
}

/** `'rtl'` for Persian, `'ltr'` otherwise. */
export function dir(locale: Locale): 'rtl' | 'ltr' {
  return locale === 'fa' ? 'rtl' : 'ltr';
}

/** Formats a number with the locale's digits: `formatNumber('fa', 12)` → `'۱۲'`. */
export function formatNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale]).format(value);
}

/** Formats a clock time (hours and minutes) in the locale, e.g. `'۱۴:۰۵'` in Persian. */
export function formatTime(locale: Locale, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { hour: 'numeric', minute: '2-digit' }).format(date);
}

/**
 * The string for `key` in `locale`, with `{param}` placeholders replaced. Unknown placeholders
 * stay as written so a missing param is visible rather than silently empty; a string whose part
 * is not loaded yet falls back to English, then to the key.
 * @example t('fa', 'onlineReplyMinutes', { minutes: 5 }) // 'معمولاً در حدود ۵ دقیقه پاسخ می‌دهیم'
 */
export function t(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  // "1 answer", not "1 answers": KEY_one when the first number is singular in this language.
  const count = params && Object.values(params).find((value) => typeof value == 'number');
  const one = (key + '_one') as MessageKey;
  if (count !== undefined && registry[locale][one] && new Intl.PluralRules(INTL_LOCALE[locale]).select(count as number) == 'one')
    key = one;
  const template = registry[locale][key] ?? registry.en[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(locale, value) : value;
  });
}

/** Picks a supported locale from a language tag such as `fa-IR` or `en-GB`; null when none fits. */
export function matchLocale(tag: string | null | undefined): Locale | null {
  const base = (tag ?? '').trim().toLowerCase().slice(0, 2);
  return base === 'fa' || base === 'en' ? base : null;
}
