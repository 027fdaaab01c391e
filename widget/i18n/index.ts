/**
 * Strings and direction for the widget. `t()` fills `{name}` placeholders; numeric params are
 * formatted with Intl so Persian UI shows Persian digits (issue 6).
 */
import type { Locale } from '../../protocol/types.js';
import { en, type Catalog, type MessageKey } from './en.js';
import { fa } from './fa.js';

export type { MessageKey, Catalog };
export const catalogs: Record<Locale, Catalog> = { en, fa };

const INTL_LOCALE: Record<Locale, string> = { en: 'en-US', fa: 'fa-IR' };

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
 * stay as written so a missing param is visible rather than silently empty.
 * @example t('fa', 'onlineReplyMinutes', { minutes: 5 }) // 'معمولاً در حدود ۵ دقیقه پاسخ می‌دهیم'
 */
export function t(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  const template = (catalogs[locale] ?? en)[key];
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
