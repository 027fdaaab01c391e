/** The help centre's own words, in both locales (FAQ text comes from the site owner). */
import type { Locale } from '../../protocol/types.js';

const en = {
  helpCentre: 'Help centre',
  skip: 'Skip to the content',
  searchLabel: 'Search the help centre',
  searchButton: 'Search',
  resultsFor: 'Answers for “{q}”',
  noResults: 'No answer matched “{q}”. Try other words, or browse the topics below.',
  popular: 'Popular answers',
  closest: 'Closest answers',
  topics: 'Topics',
  other: 'Other',
  moreIn: 'More in {category}',
  breadcrumb: 'Breadcrumb',
  language: 'Language',
  otherLanguage: 'فارسی',
  readInOther: 'این پاسخ به فارسی',
  notFoundTitle: 'We could not find that page',
  notFoundText: 'The answer may have moved or been removed. Search for it, or go back to the help centre.',
  back: 'Back to the help centre',
  homeDescription: 'Answers to common questions about {site}.',
  poweredBy: 'Answers by {site}',
} as const;

export type HelpStringKey = keyof typeof en;

const fa: Record<HelpStringKey, string> = {
  helpCentre: 'مرکز راهنما',
  skip: 'رفتن به محتوا',
  searchLabel: 'جستجو در مرکز راهنما',
  searchButton: 'جستجو',
  resultsFor: 'پاسخ‌ها برای «{q}»',
  noResults: 'پاسخی برای «{q}» پیدا نشد. واژه‌های دیگری را امتحان کنید یا موضوع‌های زیر را ببینید.',
  popular: 'پاسخ‌های پربازدید',
  closest: 'نزدیک‌ترین پاسخ‌ها',
  topics: 'موضوع‌ها',
  other: 'سایر',
  moreIn: 'پاسخ‌های دیگر در «{category}»',
  breadcrumb: 'مسیر صفحه',
  language: 'زبان',
  otherLanguage: 'English',
  readInOther: 'This answer in English',
  notFoundTitle: 'این صفحه پیدا نشد',
  notFoundText: 'شاید این پاسخ جابه‌جا یا حذف شده باشد. آن را جستجو کنید یا به مرکز راهنما برگردید.',
  back: 'بازگشت به مرکز راهنما',
  homeDescription: 'پاسخ پرسش‌های رایج دربارهٔ {site}.',
  poweredBy: 'پاسخ‌ها از {site}',
};

const catalogs: Record<Locale, Record<HelpStringKey, string>> = { en, fa };

/** A help-centre string with `{name}` placeholders filled in (values are text, escaped later). */
export function say(locale: Locale, key: HelpStringKey, values: Record<string, string> = {}): string {
  return catalogs[locale][key].replace(/\{(\w+)\}/g, (match, name: string) => values[name] ?? match);
}

/** The other locale of the two. */
export const otherLocale = (locale: Locale): Locale => (locale === 'en' ? 'fa' : 'en');
