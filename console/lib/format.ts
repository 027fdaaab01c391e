/**
 * Pure formatting for the console: wait times, browsers, links, dates. No DOM; `now` and the
 * locale are passed in so tests are deterministic.
 */
import type { Locale } from '../../protocol/types.js';

const UNITS: Record<Locale, { s: string; m: string; h: string; d: string; join: string }> = {
  en: { s: '{n}s', m: '{n}m', h: '{n}h', d: '{n}d', join: ' ' },
  fa: { s: '{n} ثانیه', m: '{n} دقیقه', h: '{n} ساعت', d: '{n} روز', join: ' و ' },
};

function digits(n: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'fa' ? 'fa-IR' : 'en-US', { useGrouping: false }).format(n);
}

/**
 * A wait as the queue shows it: "45s", "3m", "1h 5m", "2d 3h" (Persian: "۳ دقیقه",
 * "۱ ساعت و ۵ دقیقه"). At most two units, the smaller one dropped when it is zero;
 * negative input (a clock ahead of the server's) counts as zero.
 */
export function formatWait(ms: number, locale: Locale): string {
  const u = UNITS[locale];
  const unit = (pattern: string, n: number) => pattern.replace('{n}', digits(n, locale));
  const total = Math.max(0, Math.floor(ms / 1000));
  if (total < 60) return unit(u.s, total);
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return unit(u.m, minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const rest = minutes % 60;
    return rest ? unit(u.h, hours) + u.join + unit(u.m, rest) : unit(u.h, hours);
  }
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return rest ? unit(u.d, days) + u.join + unit(u.h, rest) : unit(u.d, days);
}

/** Milliseconds between an ISO time and `now`; 0 when the time is missing or unparsable. */
export function elapsedSince(iso: string | null | undefined, now: number): number {
  if (!iso) return 0;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : Math.max(0, now - t);
}

/**
 * "Firefox 128 on Windows" from a userAgent string. Order matters: Edge and Opera also say
 * "Chrome", Chrome also says "Safari".
 */
export function describeBrowser(userAgent: string | null | undefined): string | null {
  if (!userAgent) return null;
  const ua = userAgent;
  const browsers: [string, RegExp][] = [
    ['Edge', /Edg(?:e|A|iOS)?\/(\d+)/],
    ['Opera', /OPR\/(\d+)/],
    ['Samsung Internet', /SamsungBrowser\/(\d+)/],
    ['Firefox', /(?:Firefox|FxiOS)\/(\d+)/],
    ['Chrome', /(?:Chrome|CriOS)\/(\d+)/],
    ['Safari', /Version\/(\d+)[\d.]* (?:Mobile\/\S+ )?Safari\//],
  ];
  let browser: string | null = null;
  for (const [name, re] of browsers) {
    const m = re.exec(ua);
    if (m) {
      browser = `${name} ${m[1]}`;
      break;
    }
  }
  const systems: [string, RegExp][] = [
    ['Android', /Android/],
    ['iOS', /iPhone|iPad|iPod/],
    ['Windows', /Windows/],
    ['macOS', /Mac OS X|Macintosh/],
    ['ChromeOS', /CrOS/],
    ['Linux', /Linux/],
  ];
  const system = systems.find(([, re]) => re.test(ua))?.[0] ?? null;
  if (browser && system) return `${browser} · ${system}`;
  return browser ?? system ?? ua.slice(0, 60);
}

/**
 * The URL if it is safe to put in an href (http or https), else null: a visitor controls the
 * page URL it reports, and `javascript:` in an agent's console would run with the agent's session.
 */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** A short date and time in the UI locale (Persian uses the Persian calendar). */
export function formatDateTime(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  return new Intl.DateTimeFormat(locale === 'fa' ? 'fa-IR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(t);
}

/** Hours and minutes only, for message timestamps. */
export function formatClock(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  return new Intl.DateTimeFormat(locale === 'fa' ? 'fa-IR' : 'en-GB', { hour: '2-digit', minute: '2-digit' }).format(t);
}
