/** Persian strings of the panel shell and the search view (see panel-en.ts). Half-spaces (U+200C) are intentional. */
import { LAUNCHER_LABEL } from './launcher.js';
import type { PanelKey } from './panel-en.js';

export const strings: Record<PanelKey, string> = {
  openHelp: LAUNCHER_LABEL.fa,
  panelTitle: 'راهنما',
  close: 'بستن',
  search: 'جستجو',
  searchPlaceholder: 'پاسخ پرسش خود را جستجو کنید',
  popular: 'پرسش‌های پرتکرار',
  closest: 'نزدیک‌ترین پاسخ‌ها',
  results: 'پاسخ‌ها',
  resultCount: '{count} پاسخ',
  resultCount_one: '{count} پاسخ',
  chatLoading: 'در حال باز کردن گفتگو…',
  noResults: 'پاسخی برای «{query}» پیدا نشد.',
  loading: 'در حال بارگذاری…',
  loadFailed: 'بارگذاری پاسخ‌ها ممکن نشد. اتصال خود را بررسی کنید و دوباره تلاش کنید.',
  notSetUp: 'راهنما هنوز برای این صفحه راه‌اندازی نشده است.',
  tryAgain: 'تلاش دوباره',
  talkToPerson: 'گفتگو با پشتیبان',
  onlineReplyMinutes: 'معمولاً در حدود {minutes} دقیقه پاسخ می‌دهیم',
  onlineReplyMinutes_one: 'معمولاً در حدود یک دقیقه پاسخ می‌دهیم',
  onlineReplySoon: 'ما آنلاین هستیم',
  offlineNote: 'اکنون کسی آنلاین نیست. پیام بگذارید تا با ایمیل پاسخ دهیم.',
  offlineNoteHere: 'اکنون کسی آنلاین نیست. پیام بگذارید؛ وقتی برگشتید، پاسخ را همین‌جا می‌بینید.',
  errorGeneric: 'مشکلی پیش آمد. لطفاً دوباره تلاش کنید.',
};
