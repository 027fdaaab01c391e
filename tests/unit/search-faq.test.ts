import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FaqEntry } from '../../protocol/types.js';
import { createFaqSearch as searchPayload } from '../../widget/search/faq-search.js';
import { createTypoMatcher } from '../../widget/search/fuzzy.js';
import { buildSearchIndex, createFaqSearch, searchMessage, toSearchDocs, tokenize } from '../../widget/search/index.js';
import { INDEX_FORMAT, openIndex } from '../../widget/search/index-view.js';
import { encodePostings, encodeTerms } from '../../widget/search/search-index.js';
import { cover } from '../../widget/search/rank.js';
import { pairTranslations } from '../../protocol/translations.js';
import { loadEval, loadFreshDev } from '../fixtures/search-eval/index.js';

const demo = JSON.parse(readFileSync(new URL('../../demo/faq.json', import.meta.url), 'utf8')) as FaqEntry[];
const search = createFaqSearch(demo);
const top = (query: string, s = search): string | undefined => s.search(query)[0]?.id;
/** A searcher over one FAQ of the evaluation's dev data (the dev split or the fresh dev FAQs). */
const devFaq = (name: string): ReturnType<typeof createFaqSearch> =>
  createFaqSearch([...loadEval('dev'), ...loadFreshDev()].find((f) => f.faq === name)?.entries ?? []);

describe('createFaqSearch', () => {
  it('ranks the entry a visitor means first, best first with scores between 0 and 1', () => {
    const hits = search.search('When will I get my refund?');
    expect(hits[0]?.id).toBe('en-refund-policy');
    expect(hits.every((h) => h.score >= 0 && h.score <= 1)).toBe(true);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => a - b));
  });
  it('returns nothing for a question the FAQ cannot answer', () => {
    expect(search.search('what is the weather in London tomorrow')).toEqual([]);
    expect(search.search('دستور پخت قرمه سبزی')).toEqual([]);
  });
  it('returns nothing for an empty query or only filler words', () => {
    expect(search.search('')).toEqual([]);
    expect(search.search('how do I')).toEqual([]);
  });
  it('matches the word still being typed by its beginning', () => {
    expect(top('download inv')).toBe('en-invoices');
    expect(top('cancel my subscr')).toBe('en-cancel-subscription');
    expect(top('لغو اشترا')).toBe('fa-cancel-subscription');
  });
  it('does not complete a word the visitor has finished typing', () => {
    expect(search.search('inv ').length).toBe(0);
  });
  it('forgives typos', () => {
    expect(top('pasword reset')).toBe('en-reset-password');
    expect(top('لغو اشتارک')).toBe('fa-cancel-subscription');
  });
  it('forgives a misspelt first letter, but only when the rest of the word is right', () => {
    expect(top('pasword reset')).toBe('en-reset-password');
    expect(top('fassword reset')).toBe('en-reset-password');
    expect(search.search('faswodr')).toEqual([]);
  });
  it('finds a hyphenated word typed as one word, and a compound typed as two', () => {
    const entries: FaqEntry[] = [
      { id: 'pre', locale: 'en', question: 'Can I pre-order a phone?', answer: 'Yes.' },
      { id: 'log', locale: 'en', question: 'How do I sign in?', answer: 'Use your password.' },
      { id: 'chk', locale: 'en', question: 'Where is checkout?', answer: 'Top right.' },
    ];
    const s = createFaqSearch(entries);
    expect(top('preorder', s)).toBe('pre');
    expect(top('preoder', s)).toBe('pre');
    expect(top('check out', s)).toBe('chk');
  });
  it('treats Arabic spellings, diacritics and missing half-spaces as Persian', () => {
    expect(top('\u0643\u062F \u062A\u062E\u0641\u064A\u0641')).toBe('fa-discount-code');
    expect(top('رمز عبورم را فراموش کرده ام')).toBe('fa-reset-password');
    expect(top('لُغوِ اشتراک')).toBe('fa-cancel-subscription');
  });
  it('lets the query script choose which locale ranks first', () => {
    const entries: FaqEntry[] = [
      { id: 'en-plus', locale: 'en', question: 'What is Plus?', answer: 'Plus is our membership.' },
      { id: 'fa-plus', locale: 'fa', question: 'Plus چیست؟', answer: 'عضویت ویژه.' },
      { id: 'fa-plus-gift', locale: 'fa', question: 'می‌توانم Plus هدیه بدهم؟', answer: 'بله.' },
    ];
    const s = createFaqSearch(entries);
    expect(s.search('plus')[0]?.id).toBe('en-plus');
    expect(s.search('plus چیست')[0]?.id).toBe('fa-plus');
    // One answer, in the visitor's language: its translation is no second hit, while an
    // answer only the other language has still follows.
    expect(s.search('plus', 5).map((h) => h.id)).toEqual(['en-plus', 'fa-plus-gift']);
    expect(s.search('plus چیست', 5).map((h) => h.id)).toEqual(['fa-plus']);
    expect(createFaqSearch(entries, { locale: 'fa' }).search('plus')[0]?.id).toBe('fa-plus');
  });
  it('uses the built-in vocabulary unless the site turns it off', () => {
    const entries: FaqEntry[] = [
      { id: 'en-refund', locale: 'en', question: 'How do refunds work?', answer: 'We refund within 5 days.' },
    ];
    expect(top('money back', createFaqSearch(entries))).toBe('en-refund');
    expect(createFaqSearch(entries, { vocabulary: false }).search('money back')).toEqual([]);
    const fa: FaqEntry[] = [{ id: 'fa-cancel', locale: 'fa', question: 'چطور اشتراک را لغو کنم؟', answer: 'از حساب کاربری.' }];
    expect(top('کنسل اشتراک', createFaqSearch(fa))).toBe('fa-cancel');
    expect(createFaqSearch(fa, { vocabulary: false }).search('کنسل اشتراک')).toEqual([]);
  });
  it('names the entries closest to a query it is not sure of, in the page language only', () => {
    const en = createFaqSearch(demo, { locale: 'en' });
    // Too little covered to show as an answer, but the shipping abroad is there.
    expect(en.search('send it to my aunt abroad')).toEqual([]);
    expect(en.near('send it to my aunt abroad').map((hit) => hit.id)).toEqual(['en-international-shipping']);
    expect(en.near('how do i get my refund', 5).every((hit) => hit.id.startsWith('en-'))).toBe(true);
    expect(en.near('order payment refund delivery account').length).toBe(3);
    // Nothing of it in the FAQ: nothing is close.
    expect(en.near('xylophone quantum astrology')).toEqual([]);
    expect(createFaqSearch(demo, { locale: 'fa' }).near('برای عمه‌ام خارج بفرستید')[0]?.id).toBe('fa-international-shipping');
  });
  it('names the same closest entries right after a search of the query, which it reuses, as on its own', () => {
    const after = createFaqSearch(demo, { locale: 'en' });
    const alone = createFaqSearch(demo, { locale: 'en' });
    for (const q of ['send it to my aunt abroad', 'order payment refund delivery account', 'where is my order', 'refnd']) {
      after.search(q);
      expect(after.near(q)).toEqual(alone.near(q));
    }
  });
  it('shows nothing when the best entry covers too little of what the query says', () => {
    // "order" is in the FAQ; "pizza", "toppings" and "vegetarian" are not: an order of pizza is out of scope.
    expect(search.search('order vegetarian pizza toppings')).toEqual([]);
    expect(search.search('where is my order')[0]?.id).toBe('en-order-status');
  });
  it('finds a word that only the answer uses, below one in a question', () => {
    const entries: FaqEntry[] = [
      { id: 'en-a', locale: 'en', question: 'How do I pay?', answer: 'Pay by card or with iDEAL from the invoice email.' },
      { id: 'en-b', locale: 'en', question: 'Is iDEAL supported?', answer: 'Yes.' },
      { id: 'en-c', locale: 'en', question: 'Where are you?', answer: 'In Utrecht.' },
    ];
    const faq = createFaqSearch(entries);
    expect(faq.search('utrecht')[0]?.id).toBe('en-c');
    expect(faq.search('ideal')[0]?.id).toBe('en-b');
    expect(faq.search('ideal invoice email')[0]?.id).toBe('en-a');
  });
  it('gives match ranges in the original question for highlighting', () => {
    const hit = search.search('where is my ord')[0];
    const question = demo.find((e) => e.id === hit?.id)?.question ?? '';
    const words = hit?.matches[0]?.indices.map(([s, e]) => question.slice(s, e + 1));
    expect(hit?.matches[0]?.key).toBe('question');
    expect(words).toContain('order');
    const fa = createFaqSearch(demo).search('\u0633\u0641\u0627\u0631\u0634\u0645 \u0643\u062C\u0627\u0633\u062A')[0];
    const faq = demo.find((e) => e.id === fa?.id)?.question ?? '';
    expect(fa?.matches[0]?.indices.map(([s, e]) => faq.slice(s, e + 1))).toEqual(['سفارشم', 'کجاست']);
  });
  it('ranks the same from a prebuilt index as from the entries', () => {
    const docs = toSearchDocs(demo);
    const index = JSON.parse(
      JSON.stringify(buildSearchIndex(docs, { answers: demo.map((e) => e.answer), translations: pairTranslations(demo) })),
    ) as unknown;
    const fromIndex = createFaqSearch(docs, { index });
    for (const q of ['refnd', 'warrenty', 'گارنتی', 'free shipping', 'tracki']) {
      expect(fromIndex.search(q)).toEqual(search.search(q));
    }
  });
  it('does not take a Persian word two letters away from another for it', () => {
    // استخدام (hiring) and استرداد (refund) differ in two of seven letters.
    expect(search.search('استخدام')).toEqual([]);
    expect(top('استرداد')).toBe('fa-refund-policy');
  });
  it('takes a Persian letter swapped for one that sounds or looks alike as a small typo, even in a three-letter word', () => {
    // رمز (password) typed with ذ, لغو (cancel) with ق: one letter of three, which no other edit is forgiven in.
    expect(top('رمذ')).toBe('fa-reset-password');
    expect(top('لقو اشتراک')).toBe('fa-cancel-subscription');
    expect(search.search('رمش')).toEqual([]);
  });
  it('takes two neighbouring letters typed the wrong way round as one slip, in a word of four letters too', () => {
    const entries: FaqEntry[] = [
      { id: 'en-card', locale: 'en', question: 'Which card types do you take?', answer: 'Visa and Mastercard.' },
      { id: 'en-mark', locale: 'en', question: 'What is the pass mark?', answer: 'Sixty percent.' },
      { id: 'fa-price', locale: 'fa', question: 'قیمت دوره چقدر است؟', answer: 'در صفحهٔ دوره.' },
      { id: 'fa-contact', locale: 'fa', question: 'راه‌های تماس با ما', answer: 'ایمیل و تلفن.' },
    ];
    const s = createFaqSearch(entries);
    expect(top('crad', s)).toBe('en-card');
    expect(top('pass mrak', s)).toBe('en-mark');
    expect(top('قمیت دوره', s)).toBe('fa-price');
    expect(top('تامس', s)).toBe('fa-contact');
    // Two swaps in four letters are two slips: too many.
    expect(s.search('rcda')).toEqual([]);
  });
  it('forgives a Persian typo in a word that also carries an ending', () => {
    const entries: FaqEntry[] = [
      { id: 'fa-upgrade', locale: 'fa', question: 'چطور پلن را ارتقا دهم؟', answer: 'از صفحه صورتحساب.' },
      { id: 'fa-invoice', locale: 'fa', question: 'فاکتور را کجا ببینم؟', answer: 'در بخش فاکتورها.' },
    ];
    const s = createFaqSearch(entries);
    // «ارتقای» (with the ezafe) typed with غ for ق: an alike letter and an ending at once.
    expect(top('ارتغای', s)).toBe('fa-upgrade');
    // Two real letters wrong besides the ending is too far.
    expect(s.search('ارنغسی')).toEqual([]);
  });
  it('finds a misspelt Persian word where the FAQ writes it with an ending', () => {
    const entries: FaqEntry[] = [
      { id: 'fa-close', locale: 'fa', question: 'چطور حسابم را حذف کنم؟', answer: 'از تنظیمات.' },
      { id: 'fa-bank', locale: 'fa', question: 'شماره حساب بانکی را کجا وارد کنم؟', answer: 'در صفحه پرداخت.' },
    ];
    const s = createFaqSearch(entries);
    // «حساپ» is «حساب» with پ for ب; the entry about closing one says «حسابم» (my account).
    expect(s.search('حساپ').map((h) => h.id)).toEqual(['fa-bank', 'fa-close']);
    expect(top('حذف حساپ', s)).toBe('fa-close');
  });
  it('finds a percent sign by the word, in either language', () => {
    const entries: FaqEntry[] = [
      {
        id: 'en-battery',
        locale: 'en',
        question: 'Is the battery covered?',
        answer: 'Yes, if capacity falls below 80% in the first year.',
      },
      { id: 'en-fees', locale: 'en', question: 'What does it cost?', answer: 'A fee per sale.' },
      { id: 'fa-discount', locale: 'fa', question: 'تخفیف دانشجویی دارید؟', answer: 'بله، ۲۰٪ با کارت دانشجویی.' },
      { id: 'fa-coupon', locale: 'fa', question: 'کد تخفیف را کجا وارد کنم؟', answer: 'در صفحه پرداخت.' },
    ];
    const s = createFaqSearch(entries);
    expect(top('80 percent capacity', s)).toBe('en-battery');
    expect(top('چند درصد تخفیف', s)).toBe('fa-discount');
  });
  it('finds a Persian compound in a field that writes it with a space, where the FAQ elsewhere writes it as one word', () => {
    const entries: FaqEntry[] = [
      { id: 'fa-methods', locale: 'fa', question: 'چه روش‌هایی برای پرداخت دارید؟', answer: 'کارت بانکی، اسنپ‌پی و کیف پول.' },
      {
        id: 'fa-pay-later',
        locale: 'fa',
        question: 'می‌توانم قسطی پرداخت کنم؟',
        keywords: ['اسنپ پی'],
        answer: 'با اسنپ‌پی در چهار قسط.',
      },
    ];
    const s = createFaqSearch(entries);
    // The keyword counts for «اسنپ‌پی» as the answers write it, and the words apart still find it.
    expect(top('اسنپ‌پی', s)).toBe('fa-pay-later');
    expect(top('اسنپ پی', s)).toBe('fa-pay-later');
  });
  it('finds a Persian compound written with a half-space by any of its words', () => {
    const entries: FaqEntry[] = [
      { id: 'fa-outage', locale: 'fa', question: 'برق قطع شده، کجا خبر بدهم؟', answer: 'با ۱۲۱ تماس بگیرید.' },
      { id: 'fa-tamper', locale: 'fa', question: 'برق‌دزدی را کجا گزارش کنم؟', answer: 'در بخش گزارش‌ها.' },
      { id: 'fa-web', locale: 'fa', question: 'وب‌سایت شما باز نمی‌شود', answer: 'دوباره امتحان کنید.' },
    ];
    const s = createFaqSearch(entries);
    // «دزدی» (theft) alone, or a slip in it, as if the FAQ had written «برق دزدی».
    expect(top('دزدی', s)).toBe('fa-tamper');
    expect(top('گزارش دذدی', s)).toBe('fa-tamper');
    // The compound as one word still finds it.
    expect(top('برقدزدی', s)).toBe('fa-tamper');
    // A part of two letters says nothing alone: «وب» (web), finished, is no word of the FAQ's.
    expect(s.search('وب ')).toEqual([]);
  });
  it('keeps whole a compound led by a prefix, whose rest alone means something else', () => {
    const entries: FaqEntry[] = [
      { id: 'fa-invoice', locale: 'fa', question: 'فاکتور را کجا ببینم؟', answer: 'به‌صورت PDF در پنل، به‌روز و بی‌سیم.' },
      { id: 'fa-tamper', locale: 'fa', question: 'برق‌دزدی را کجا گزارش کنم؟', answer: 'در بخش گزارش‌ها.' },
    ];
    const s = createFaqSearch(entries);
    // «صورت» is a face, «روز» a day, «سیم» a wire: the answer says none of them.
    for (const word of ['صورت ', 'روز ', 'سیم ']) expect(s.search(word)).toEqual([]);
    // The compound itself, and a compound led by a word of its own, still find their entries.
    expect(top('بصورت pdf', s)).toBe('fa-invoice');
    expect(top('دزدی', s)).toBe('fa-tamper');
  });
  it('counts each word found in either version of a translated answer, the translation a little less', () => {
    // «اطلاعاتم» is "data", the English question's word; the Persian question says «داده‌هایم».
    expect(top('اطلاعاتم رو کجا نگه میدارید', devFaq('billing'))).toBe('fa-data-location');
    // "phone" is «موبایل», in the Persian version's keywords; the English one never says it.
    expect(top('pay at the store by scanning with my phone', devFaq('bank'))).toBe('en-qr-payment');
  });
  it('reads an English acronym spelt out in Persian letter names, with spaces or half-spaces', () => {
    const entries: FaqEntry[] = [
      { id: 'fa-api-keys', locale: 'fa', question: 'کلید API را از کجا پیدا کنم؟', answer: 'در تنظیمات بسازید.' },
      { id: 'fa-shortcuts', locale: 'fa', question: 'میانبرهای صفحه‌کلید دارید؟', answer: 'کلید ? را بزنید.' },
      { id: 'fa-invoice', locale: 'fa', question: 'فاکتور را چطور دانلود کنم؟', answer: 'از بخش فاکتورها، به‌صورت PDF.' },
      { id: 'fa-invoice-edit', locale: 'fa', question: 'فاکتور را چطور ویرایش کنم؟', answer: 'تا پرداخت نشده.' },
    ];
    const s = createFaqSearch(entries);
    // «ای» (A) after a word that ends in no silent «ه» is a letter, not the ending «‌ای».
    expect(top('کلید ای پی آی', s)).toBe('fa-api-keys');
    expect(top('کلید ای‌پی‌آی', s)).toBe('fa-api-keys');
    expect(top('فاکتور پی‌دی‌اف', s)).toBe('fa-invoice');
  });
  it('pairs Latin and Persian spellings of a loanword the FAQ writes in both scripts', () => {
    // Ids that do not pair the two as translations, so only the spellings can link them.
    const entries: FaqEntry[] = [
      { id: 'en-modem', locale: 'en', question: 'How do I restart my modem?', answer: 'Unplug it for ten seconds.' },
      { id: 'fa-restart', locale: 'fa', question: 'چطور مودم را ریست کنم؟', answer: 'ده ثانیه از برق بکشید.' },
      { id: 'fa-bill', locale: 'fa', question: 'قبض را چطور بپردازم؟', answer: 'از درگاه بانکی.' },
    ];
    // A Persian page searching "modem": the Persian entry writes «مودم».
    expect(top('modem', createFaqSearch(entries, { locale: 'fa' }))).toBe('fa-restart');
    expect(top('modem', createFaqSearch(entries, { locale: 'fa', vocabulary: false }))).toBe('en-modem');
    expect(top('reset مودم', createFaqSearch(entries))).toBe('fa-restart');
  });
  it('pairs spellings that sound alike only where the translations of the answers bear them out', () => {
    const entries: FaqEntry[] = [
      { id: 'en-send', locale: 'en', question: 'How do I send a parcel?', answer: 'Take it to a branch.' },
      { id: 'fa-send', locale: 'fa', question: 'چطور بسته بفرستم؟', answer: 'به شعبه ببرید.' },
      { id: 'en-deed', locale: 'en', question: 'Where is my title deed?', answer: 'At the land registry.' },
      { id: 'fa-deed', locale: 'fa', question: 'سند ملک کجاست؟', answer: 'در اداره ثبت.' },
      { id: 'en-modem', locale: 'en', question: 'How do I restart my modem?', answer: 'Unplug the modem.' },
      { id: 'fa-modem', locale: 'fa', question: 'چطور مودم را ریست کنم؟', answer: 'مودم را از برق بکشید.' },
    ];
    const groups = (list: FaqEntry[]): string[] =>
      (buildSearchIndex(toSearchDocs(list), { translations: pairTranslations(list) }).vocabulary ?? '').split(';');
    // "send" and «سند» (a deed) sound alike, but no answer that says one has the other in its translation.
    expect(groups(entries)).toContain('modem|مودم');
    expect(groups(entries)).not.toContain('send|سند');
    // Without translations there is nothing to go by: every pair that sounds alike is kept.
    const untranslated = entries.map((e) => ({ ...e, id: `${e.id}-${e.locale === 'en' ? 1 : 2}` }));
    expect(groups(untranslated)).toContain('send|سند');
  });
  it('counts a Latin term in a Persian query for the Persian answer whose English translation has it', () => {
    const entries: FaqEntry[] = [
      { id: 'fa-import', locale: 'fa', question: 'چطور داده‌ها را وارد کنم؟', answer: 'از تنظیمات بارگذاری کنید.' },
      { id: 'en-export', locale: 'en', question: 'Can I export my data?', answer: 'Download a CSV file from Settings.' },
      { id: 'fa-export', locale: 'fa', question: 'چطور از داده‌ها خروجی بگیرم؟', answer: 'از تنظیمات دانلود کنید.' },
    ];
    expect(top('CSV داده', createFaqSearch(entries, { locale: 'fa' }))).toBe('fa-export');
    // Named with `translationOf` rather than by id, the pair links the same way.
    const named = entries.map((e) => (e.id === 'en-export' ? { ...e, id: 'csv', translationOf: 'fa-export' } : e));
    expect(top('CSV داده', createFaqSearch(named, { locale: 'fa' }))).toBe('fa-export');
    // Unpaired, the two Persian answers share "داده" alike and the Latin word decides nothing.
    const unpaired = entries.map((e) => (e.id === 'en-export' ? { ...e, id: 'csv' } : e));
    const tie = createFaqSearch(unpaired, { locale: 'fa' }).search('CSV داده');
    expect(tie.find((h) => h.id === 'fa-export')?.score).toBe(tie.find((h) => h.id === 'fa-import')?.score);
    // An English query is not helped by the Persian side: the English answer ranks on its own words.
    expect(top('export CSV', createFaqSearch(entries))).toBe('en-export');
  });
  it("counts a Latin term found in an answer's English translation as fully as the Persian words the answer has", () => {
    // Each Latin word is in the English twin's question; at a discount, the Persian answer fell
    // below the bar and nothing was shown.
    expect(top('refund میدید اگه پلن سالانه گرفته باشم؟', devFaq('billing'))).toBe('fa-refund');
    expect(top('miles پرواز هفته پیشم هنوز تو account نیومده', devFaq('travel'))).toBe('fa-missing-miles');
  });
  it('reads a misspelt filler word as filler, not as a word the FAQ lacks', () => {
    // "doess" matches no entry; counted as an unknown word it would outweigh the rest.
    const plain = search.search('does the refund policy');
    expect(search.search('doess the refund policy')).toEqual(plain);
    expect(search.search('zzzzz the refund policy')[0]?.score ?? 1).toBeGreaterThan(plain[0]?.score ?? 1);
  });
  it('finds an "-ing" word with a slip inside its ending or a letter of it missing', () => {
    expect(top('trackign')).toBe('en-order-status');
    // Or without its "i".
    expect(top('portng my number out', devFaq('operator'))).toBe('en-porting-out');
    expect(
      devFaq('operator')
        .search('portng')
        .map((h) => h.id),
    ).toContain('en-number-porting-in');
    // Or without its "n", or its "g": "openig" and "openin" are "opening".
    expect(top('openig hours', devFaq('billing'))).toBe('en-support-hours');
    expect(top('openin hours', devFaq('billing'))).toBe('en-support-hours');
    expect(top('pricign')).toBe(top('pricing'));
    expect(top('pricign')).toBeDefined();
  });
  it('reads Persian typed in Latin letters (Finglish) as the Persian words it spells', () => {
    const fa = createFaqSearch(demo, { locale: 'fa' });
    expect(top('laghv eshterak', fa)).toBe('fa-cancel-subscription');
    expect(top('hazine ersal', fa)).toBe('fa-shipping-cost');
    expect(top('ramz oboor', fa)).toBe('fa-reset-password');
    // Without Persian entries the index carries no rules, so nothing is transliterated.
    const english = demo.filter((e) => e.locale === 'en');
    expect(buildSearchIndex(toSearchDocs(english)).latin).toBeUndefined();
    expect(createFaqSearch(english).search('laghv eshterak')).toEqual([]);
  });
  it('sends only the vocabulary groups with a member the FAQ has', () => {
    const entry: FaqEntry = { id: 'en-refund', locale: 'en', question: 'How do I get a refund?', answer: 'Within 14 days.' };
    const groups = (buildSearchIndex(toSearchDocs([entry])).vocabulary ?? '').split(';');
    // "money back" still finds the entry: its group has "refund", which the FAQ has.
    expect(groups.some((g) => g.split('|').includes('refund') && g.includes('money back'))).toBe(true);
    expect(groups.some((g) => g.split('|').includes('password'))).toBe(false);
    expect(top('money back', createFaqSearch([entry]))).toBe('en-refund');
  });
  it('reads spoken Persian verb endings as written ones', () => {
    expect(top('کی میرسه')).toBe('fa-shipping-time');
    expect(top('پولم کی برمیگرده')).toBe('fa-refund-policy');
  });
  it('finds a vocabulary phrase with other words between its words', () => {
    expect(top('how long until my money comes back')).toBe('en-refund-policy');
    const entries: FaqEntry[] = [
      { id: 'en-refund', locale: 'en', question: 'How do refunds work?', answer: 'We refund within 5 days.' },
    ];
    expect(top('money to come back', createFaqSearch(entries))).toBe('en-refund');
    expect(createFaqSearch(entries).search('back to my money')).toEqual([]);
  });
  it('reads a product as an item, a fender bender as an accident, «عابربانک» as «خودپرداز», and either spelling of «بلیت»', () => {
    const entries: FaqEntry[] = [
      { id: 'en-specs', locale: 'en', question: 'Where are the item specifications?', answer: 'On each page.' },
      { id: 'en-plans', locale: 'en', question: 'Which plan suits me?', answer: 'Compare them on Pricing.' },
      { id: 'fa-specs', locale: 'fa', question: 'مشخصات فنی کالا کجاست؟', answer: 'در صفحهٔ هر کالا.' },
      { id: 'fa-ticket', locale: 'fa', question: 'بلیت را چطور پس بدهم؟', answer: 'از بخش سفرها.' },
    ];
    const s = createFaqSearch(entries);
    expect(top('product', s)).toBe('en-specs');
    expect(top('goods', s)).toBe('en-specs');
    expect(top('محصول', s)).toBe('fa-specs');
    expect(top('بلیط', s)).toBe('fa-ticket');
    const more: FaqEntry[] = [
      { id: 'en-crash', locale: 'en', question: 'What do I do after a car accident?', answer: 'Call us first.' },
      { id: 'fa-atm', locale: 'fa', question: 'سقف برداشت از خودپرداز چقدر است؟', answer: 'روزانه دو میلیون.' },
      { id: 'fa-claim', locale: 'fa', question: 'چطور اعلام خسارت کنم؟', answer: 'از اپ.' },
    ];
    const m = createFaqSearch(more);
    expect(top('fender bender', m)).toBe('en-crash');
    expect(top('سقف عابربانک', m)).toBe('fa-atm');
    expect(top('ثبت خسارت', m)).toBe('fa-claim');
    // A flight is no plan, though "plane" would stem to one.
    expect(s.search('cheap flights')).toEqual([]);
  });
  it('finds a vocabulary phrase said with one-word synonyms of its words', () => {
    const entries: FaqEntry[] = [
      { id: 'en-upgrade', locale: 'en', question: 'How do I upgrade?', answer: 'Open Billing and choose a plan.' },
      { id: 'en-invoice', locale: 'en', question: 'Where is my invoice?', answer: 'Under Billing.' },
    ];
    const s = createFaqSearch(entries);
    // "bigger plan" is a phrase of the upgrade group; "package" is a one-word synonym of "plan".
    expect(top('bigger package', s)).toBe('en-upgrade');
    expect(top('bigger plan', s)).toBe('en-upgrade');
    expect(s.search('bigger package', 5)).toHaveLength(1);
  });
  it('reads the longest phrase of a vocabulary group the query has: «حساب کاربری» is one account', () => {
    // «حساب» alone is a member of the account group too; read as that, «کاربری» (user) was left
    // to match the one question that says it, about opening an account.
    expect(top('حذف حساب کاربری', devFaq('school'))).toBe('fa-delete-account');
  });
  it('splits a word typed without its space into the two words the FAQ has', () => {
    const entries: FaqEntry[] = [
      { id: 'en-sandbox', locale: 'en', question: 'Is there a test mode?', answer: 'Use sandbox keys.' },
      { id: 'en-dark-mode', locale: 'en', question: 'Does the app have a dark mode?', answer: 'Under Settings.' },
    ];
    const s = createFaqSearch(entries);
    // As one slot, "darkmode" counted "mode" for both entries alike, and "is there" decided.
    expect(top('is there a darkmode', s)).toBe('en-dark-mode');
    expect(top('is there a dark mode', s)).toBe('en-dark-mode');
  });
  it('weighs "where" and "when" as the filler they mostly are, and "wheres" as "where\'s"', () => {
    // Queries from a blind set of the dev FAQs: "where" counted as a rare word nothing covered.
    const school = devFaq('school');
    expect(top('where do i recieve a reciept', school)).toBe('en-receipt');
    expect(top('where do i enter the 12-character code', school)).toBe('en-certificate-verify');
    expect(top('wheres my refnud', devFaq('shop'))).toBe('en-refund-time');
  });
  it('reads colloquial Persian fillers as filler, and never as a misspelling of a word the FAQ has', () => {
    const entries: FaqEntry[] = [
      { id: 'fa-upload', locale: 'fa', question: 'چرا فایلم آپلود نمی‌شود؟', answer: 'حجم فایل باید زیر ۵۰ مگابایت باشد.' },
      { id: 'fa-always', locale: 'fa', question: 'آیا پشتیبانی همیشه پاسخ می‌دهد؟', answer: 'بله، همیشه.' },
    ];
    const s = createFaqSearch(entries);
    // «نمیشه» is no typo of «همیشه»; «مگ» is the «مگابایت» the answer writes.
    expect(s.search('فایل ۶۰ مگ آپلود نمیشه').map((h) => h.id)).toEqual(['fa-upload']);
    // «تو» is spoken «توی» (in).
    expect(top('تو آپلود فایل مشکل دارم', s)).toBe('fa-upload');
  });
  it('strips the spoken object ending of a Persian word: «گواهیمو» is «گواهی»', () => {
    const entries: FaqEntry[] = [
      { id: 'fa-linkedin', locale: 'fa', question: 'می‌توانم گواهی را به LinkedIn اضافه کنم؟', answer: 'بله.' },
      { id: 'fa-card', locale: 'fa', question: 'کارت بانکی را چطور عوض کنم؟', answer: 'در تنظیمات.' },
    ];
    const s = createFaqSearch(entries);
    expect(top('گواهیمو تو Linkedin بذارم', s)).toBe('fa-linkedin');
    expect(top('کارتمو عوض کنم', s)).toBe('fa-card');
  });
  it('takes Persian letters told apart only by their dots as a small typo: «غلظ» is «غلط»', () => {
    const entries: FaqEntry[] = [
      { id: 'fa-name', locale: 'fa', question: 'نام روی گواهی غلط است، چه کنم؟', answer: 'درخواست اصلاح بدهید.' },
      { id: 'fa-delete', locale: 'fa', question: 'چطور حسابم را حذف کنم؟', answer: 'در تنظیمات.' },
    ];
    const s = createFaqSearch(entries);
    expect(top('گواهی غلظ', s)).toBe('fa-name');
    expect(top('حضف حساب', s)).toBe('fa-delete');
  });
  it('reads «ب ج ز ک» as «پ چ ژ گ» typed on a keyboard without them, even in a word the FAQ has', () => {
    const entries: FaqEntry[] = [
      { id: 'fa-playback', locale: 'fa', question: 'چرا ویدیوها پخش نمی‌شوند؟', answer: 'مرورگر را به‌روز کنید.' },
      { id: 'fa-section', locale: 'fa', question: 'بخش تمرین‌ها کجاست؟', answer: 'در منوی دوره.' },
      { id: 'fa-quote', locale: 'fa', question: 'می‌توانم پیش‌فاکتور بفرستم؟', answer: 'بله، از فهرست فاکتورها.' },
      { id: 'fa-more', locale: 'fa', question: 'فاکتور بیش از یک ارز؟', answer: 'بله، هر فاکتور یک ارز.' },
    ];
    const s = createFaqSearch(entries);
    expect(top('ویدیو ها بخش نمیشن', s)).toBe('fa-playback');
    expect(top('بخش تمرین', s)).toBe('fa-section');
    expect(top('ارسال بیش فاکتور', s)).toBe('fa-quote');
  });
  it('looks up a finished word as a typo too when it only begins longer words: «رمض» is «رمز», not «رمضان»', () => {
    const entries: FaqEntry[] = [
      { id: 'fa-pin', locale: 'fa', question: 'رمز پویا چیست؟', answer: 'رمزی یک‌بار مصرف برای خرید اینترنتی.' },
      { id: 'fa-hours', locale: 'fa', question: 'ساعت کاری شعبه‌ها در ماه رمضان؟', answer: 'از ۸ تا ۱۳.' },
    ];
    const s = createFaqSearch(entries);
    expect(top('رمض پویا چیه', s)).toBe('fa-pin');
    // While it is still being typed, it is the beginning of the longer word.
    expect(top('ساعت رمض', s)).toBe('fa-hours');
  });
  it('reads the spoken plural «ا» for «ها» under a spoken ending: «گوشیاتون», «فاکتورامو»', () => {
    const entries: FaqEntry[] = [
      { id: 'fa-unlock', locale: 'fa', question: 'آیا گوشی‌ها با هر سیم‌کارتی کار می‌کنند؟', answer: 'بله، همه آزادند.' },
      { id: 'fa-invoice', locale: 'fa', question: 'فاکتور را چطور ویرایش کنم؟', answer: 'از فهرست فاکتورها.' },
      { id: 'fa-corner', locale: 'fa', question: 'گوشهٔ صفحه دکمه‌ای هست؟', answer: 'خیر.' },
    ];
    const s = createFaqSearch(entries);
    // «گوشیاتون» is «گوشی» + «ا» (plural) + «تون» (your); «فاکتورامو» is «فاکتور» + «ا» + «مو» (my).
    expect(top('گوشیاتون', s)).toBe('fa-unlock');
    expect(top('فاکتورامو', s)).toBe('fa-invoice');
  });
  it('reads a written plural under an ending: «مشتری‌هام» is «مشتری» + «ها» + «م»', () => {
    const entries: FaqEntry[] = [
      { id: 'fa-clients', locale: 'fa', question: 'مشتری جدید را چطور اضافه کنم؟', answer: 'از فهرست مشتریان.' },
      { id: 'fa-users', locale: 'fa', question: 'کاربر جدید را چطور اضافه کنم؟', answer: 'از تنظیمات تیم.' },
      {
        id: 'fa-remind',
        locale: 'fa',
        question: 'یادآوری پرداخت چطور کار می‌کند؟',
        answer: 'اگر مشتری‌هایم دیر کنند، یادآوری می‌رود.',
      },
    ];
    const s = createFaqSearch(entries);
    // Not only the answer that happens to write «مشتری‌هایم».
    expect(top('مشتریهام', s)).toBe('fa-clients');
    expect(s.search('مشتری‌هام جدید').map((h) => h.id)).toEqual(['fa-clients']);
  });
  it('reads a silent «ه» dropped before an ending: «خونمون» is «خونه» + «مون», «خونم» is «خونه‌ام»', () => {
    const cover = createFaqSearch([
      { id: 'fa-home', locale: 'fa', question: 'بیمهٔ خونه چه چیزهایی را می‌پوشاند؟', answer: 'آتش‌سوزی و آب‌گرفتگی.' },
      { id: 'fa-car', locale: 'fa', question: 'بیمهٔ ماشین چه چیزهایی را می‌پوشاند؟', answer: 'تصادف و سرقت.' },
    ]);
    expect(top('بیمه خونمون', cover)).toBe('fa-home');
    // «خون» (blood) is a word of the FAQ too: «خونم» is still the house as written.
    const claims = createFaqSearch([
      { id: 'fa-my-home', locale: 'fa', question: 'خونه‌ام آسیب دیده؛ خسارت را چطور اعلام کنم؟', answer: 'از بخش خسارت‌ها.' },
      { id: 'fa-blood', locale: 'fa', question: 'هزینهٔ آزمایش خون پرداخت می‌شود؟', answer: 'بله، با نسخهٔ پزشک.' },
    ]);
    expect(top('خونم', claims)).toBe('fa-my-home');
  });
  it('splits a word typed without its space even when one half is a filler word: «لغوکنم»', () => {
    const entries: FaqEntry[] = [
      { id: 'fa-cancel', locale: 'fa', question: 'چطور سفارش را لغو کنم؟', answer: 'تا پیش از ارسال.' },
      { id: 'fa-track', locale: 'fa', question: 'سفارش من کجاست؟', answer: 'در صفحهٔ پیگیری.' },
    ];
    expect(top('سفارشمو لغوکنم', createFaqSearch(entries))).toBe('fa-cancel');
  });
  it('counts a Persian verb the FAQ lacks as half an unknown word: «میشه اقساطی بخرم»', () => {
    const entries: FaqEntry[] = [
      { id: 'fa-later', locale: 'fa', question: 'امکان خرید اقساطی هست؟', answer: 'بله، در چهار قسط.' },
      { id: 'fa-methods', locale: 'fa', question: 'روش‌های پرداخت کدام‌اند؟', answer: 'کارت بانکی و کیف پول.' },
    ];
    const s = createFaqSearch(entries);
    // The subjunctive «بخرم» and the spoken «میدین» are no words of the FAQ's own.
    expect(top('میشه اقساطی بخرم', s)).toBe('fa-later');
    expect(top('اقساطی میدین؟', s)).toBe('fa-later');
    // A noun the FAQ lacks still counts in full: this is not a question the FAQ answers.
    expect(s.search('اقساطی بنزین ماشین')).toEqual([]);
  });
  it('finds the paraphrases of a misspelt word, and still those of the word as typed', () => {
    const entries: FaqEntry[] = [
      { id: 'en-track', locale: 'en', question: 'How can I track my order?', answer: 'Open My orders to see its status.' },
      {
        id: 'en-packaging',
        locale: 'en',
        question: 'Is your packaging recyclable?',
        answer: 'All boxes are recycled cardboard.',
      },
      { id: 'en-details', locale: 'en', question: 'How do I correct the details on my policy?', answer: 'Ask support.' },
      { id: 'en-sell', locale: 'en', question: 'Can I sell my old car?', answer: 'Trade it in.' },
    ];
    const s = createFaqSearch(entries);
    // "pakage" is "package", which the vocabulary knows as an order; "packaging" only looks like it.
    expect(top('where is my pakage', s)).toBe('en-track');
    expect(top('where is my package', s)).toBe('en-track');
    // "spelled" looks like "sell", but "spelled wrong" as typed is the vocabulary's "correct".
    expect(top('my name is spelled wrong', s)).toBe('en-details');
  });
  it('answers a question told as a whole story, and still nothing for a long story the FAQ cannot answer', () => {
    const entries: FaqEntry[] = [
      {
        id: 'en-damaged',
        locale: 'en',
        question: 'My order arrived damaged. What should I do?',
        answer: 'Send photos within 48 hours.',
      },
      {
        id: 'en-wrong-item',
        locale: 'en',
        question: 'I received the wrong item',
        answer: 'We collect it and send the right one.',
      },
      { id: 'en-return', locale: 'en', question: 'How do I return an order?', answer: 'Within 30 days, unused.' },
    ];
    const s = createFaqSearch(entries);
    // Most of its words are no FAQ's words; the two that are say which entry it is.
    expect(top('the tv i ordered arrived damaged, the box looked perfectly fine from outside, what now', s)).toBe('en-damaged');
    expect(s.search('my neighbour keeps parking his old blue van across our shared driveway every single evening')).toEqual([]);
  });
  it('reads a chat message up to its fortieth word, and passes over a "word" too long to be one', () => {
    const subscription = Array.from({ length: 39 }, () => 'subscription').join(' ');
    const marked = (query: string): number | undefined =>
      search.search(query).find((h) => h.id === 'en-cancel-subscription')?.matches[0]?.indices.length;
    // "cancel" as the fortieth word is read (and marked in the question); as the forty-first it is not.
    expect(marked(`${subscription} cancel`)).toBe(2);
    expect(marked(`${subscription} subscription cancel`)).toBe(1);
    // Words the FAQ has may weigh more than the most a query's words are counted as: still a score in [0, 1].
    const scores = search.search(`${subscription} cancel`).map((h) => h.score);
    expect(Math.min(...scores)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...scores)).toBeLessThanOrEqual(1);
    // A pasted run of letters with no space is no word of any FAQ, and no reason to find nothing.
    expect(top('refund')).toBe('en-refund-policy');
    expect(search.search(`refund ${'x'.repeat(4000)}`)).toEqual(search.search('refund'));
    expect(search.search(`استرداد وجه ${'س'.repeat(4000)}`)).toEqual(search.search('استرداد وجه'));
  });
  it('finds the question in a long chat message, however much story comes before or after it', () => {
    const story =
      'Hello there, I hope you are well. I have been a loyal customer for many years and I always recommend you to my friends and my whole family. Last week something happened that I did not expect at all, and I spent the weekend trying to sort it out myself.';
    const thanks =
      'Thank you so much in advance, I really hope you can help me quickly because this is urgent for me and my family. Please get back to me as soon as you can.';
    const message = (text: string): string | undefined => searchMessage(search, text)[0]?.id;
    // Past the fortieth word, or among many words no entry has, the question is read on its own.
    expect(message(`${story} When will I get my refund?`)).toBe('en-refund-policy');
    expect(message(`${story} How do I cancel my subscription? ${thanks}`)).toBe('en-cancel-subscription');
    expect(message(`I forgot my password. ${thanks}`)).toBe('en-reset-password');
    const dastan =
      'سلام وقتتون بخیر، امیدوارم حالتون خوب باشه. من چند ساله که مشتری شما هستم و همیشه شما رو به دوستا و همکارا و کل خانواده‌م معرفی کردم. هفته پیش یه اتفاقی افتاد که واقعا انتظارشو نداشتم و کل آخر هفته رو گذاشتم که خودم درستش کنم ولی نشد.';
    expect(message(`${dastan} چطور اشتراکم را لغو کنم؟`)).toBe('fa-cancel-subscription');
    // A short message is searched whole, as the search box searches it.
    expect(searchMessage(search, 'I forgot my password. Thanks!')).toEqual(search.search('I forgot my password. Thanks!'));
  });
  it('reads at most eighty words of a long message by sentence, beside its first forty searched whole', () => {
    // Each word the FAQ lacks costs a typo search: a message of many long sentences must not
    // cost six searches of forty words (an agent's suggestions search it on the server).
    let words = 0;
    const counting = {
      search: (q: string, limit?: number) => ((words += Math.min(40, tokenize(q).length)), search.search(q, limit)),
    };
    const sentence = (i: number): string => `${Array.from({ length: 45 }, (_, j) => `zq${i}x${j}`).join(' ')}.`;
    searchMessage(counting, Array.from({ length: 8 }, (_, i) => sentence(i)).join(' '));
    expect(words).toBeGreaterThan(40);
    expect(words).toBeLessThanOrEqual(40 + 80);
    // The question before a paragraph of thanks is still within reach.
    const thanks =
      'Thank you so much in advance, I really hope you can help me quickly because this is quite urgent for me and my family, and I have already lost a lot of time on it. Please get back to me as soon as you possibly can, I will be waiting for your answer all day.';
    const story =
      'Hello there, I hope you are doing well today. I have been a customer of yours for many years now and I always recommend you to my friends, my colleagues and my whole family.';
    expect(searchMessage(search, `${story} How do I cancel my subscription? ${thanks}`)[0]?.id).toBe('en-cancel-subscription');
  });
  it('weighs a contraction typed without its apostrophe, "possible", "anymore" and spoken «چجوری» as the filler they are', () => {
    const entries: FaqEntry[] = [
      { id: 'en-card', locale: 'en', question: 'Why was my card declined?', answer: 'Ask your bank.' },
      { id: 'en-font', locale: 'en', question: 'Can I change the invoice font?', answer: 'Under Branding.' },
      { id: 'fa-upload', locale: 'fa', question: 'چطوری فایل را آپلود کنم؟', answer: 'از منوی فایل‌ها.' },
    ];
    const s = createFaqSearch(entries);
    // "dont" is "don't", no misspelt "font"; «چجوری» is «چطوری».
    expect(s.search('i dont')).toEqual([]);
    expect(s.search('چجوری')).toEqual([]);
    expect(top('چجوری آپلود کنم', s)).toBe('fa-upload');
    // "is it possible" asks; "anymore" tells when: neither says what about.
    expect(top('declined, possible anymore?', s)).toBe('en-card');
  });
  it('finds the paraphrases of a Persian word the FAQ lacks in every form, read without its ending: «اکانتمو»', () => {
    const entries: FaqEntry[] = [
      { id: 'fa-delete', locale: 'fa', question: 'چطور حساب کاربری را حذف کنم؟', answer: 'از تنظیمات، گزینهٔ حذف.' },
      { id: 'fa-export', locale: 'fa', question: 'چطور از اطلاعات خروجی بگیرم؟', answer: 'از بخش گزارش‌ها.' },
    ];
    const s = createFaqSearch(entries);
    // «اکانت» (account) is the vocabulary's word for «حساب»; «دیتای» is «دیتا» (data) + ezafe.
    expect(top('اکانتمو پاک کنید', s)).toBe('fa-delete');
    expect(top('خروجی دیتای اکانت', s)).toBe('fa-export');
  });
  it('weighs spoken fillers as filler: «چیکار», «دارن», «نیستن», «ببینم», and a plural ending written apart («هاش»)', () => {
    const entries: FaqEntry[] = [
      { id: 'fa-unlock', locale: 'fa', question: 'آیا گوشی‌ها قفل اپراتور دارند؟', answer: 'خیر، همه آزادند و eSIM دارند.' },
      { id: 'fa-sold', locale: 'fa', question: 'اگر خودرو را بفروشم بیمه چه می‌شود؟', answer: 'بیمه به خریدار منتقل می‌شود.' },
      { id: 'fa-exam', locale: 'fa', question: 'نرم‌افزار نظارت در امتحان چه می‌کند؟', answer: 'وب‌کم را ضبط می‌کند.' },
    ];
    const s = createFaqSearch(entries);
    expect(top('گوشیا قفل نیستن؟ esim هم دارن؟', s)).toBe('fa-unlock');
    expect(top('خودرو فروختم بیمه هاش چی میشه', s)).toBe('fa-sold');
    expect(top('نظارت امتحان دقیقا چیکار میکنه', s)).toBe('fa-exam');
    // «ببینم» (let me see) says little: the hit scores nearly as it does without it.
    const score = (query: string): number => s.search(query)[0]?.score ?? 1;
    expect(score('نظارت امتحان ببینم') - score('نظارت امتحان')).toBeLessThan(0.1);
  });
  it('weighs a word in the other script above the words around it: the name a visitor switched script for', () => {
    // Dev FAQs: the Persian answer names the service in Latin letters, another entry's question
    // has the Persian words around it.
    const faq = (name: string) => createFaqSearch(loadFreshDev().find((f) => f.faq === name)?.entries ?? [], { locale: 'fa' });
    expect(top('پرداخت قبض گاز با ATM', faq('utility'))).toBe('fa-bank-card-payment');
    expect(top('Tourist SIM واسه دوستم که توریسته از کجا بخرم', faq('operator'))).toBe('fa-foreign-national-sim');
  });
  it('reads an English word in a Persian question as its Persian paraphrases: «اکانتم locked شده»', () => {
    const entries: FaqEntry[] = [
      { id: 'fa-blocked', locale: 'fa', question: 'چرا حساب کاربری من مسدود شده است؟', answer: 'پس از پنج بار رمز اشتباه.' },
      { id: 'fa-money-back', locale: 'fa', question: 'بازگشت وجه چند روز طول می‌کشد؟', answer: 'تا هفت روز کاری.' },
      { id: 'fa-close', locale: 'fa', question: 'چطور حساب کاربری را ببندم؟', answer: 'از تنظیمات.' },
    ];
    const s = createFaqSearch(entries);
    expect(top('اکانتم locked شده', s)).toBe('fa-blocked');
    expect(top('refund کی میاد', s)).toBe('fa-money-back');
  });
  it('takes no light verb of a vocabulary phrase for its meaning: «پاک» is «حذف کردن», not any «کردن»', () => {
    const entries: FaqEntry[] = [
      { id: 'fa-import', locale: 'fa', question: 'چطور مخاطبان را وارد کردن؟', answer: 'از فایل CSV.' },
      { id: 'fa-plans', locale: 'fa', question: 'پلن‌ها چه فرقی دارند؟', answer: 'پلن سالانه ارزان‌تر است و حذف تبلیغات دارد.' },
      { id: 'fa-export', locale: 'fa', question: 'خروجی گرفتن از گزارش‌ها', answer: 'از منوی گزارش، پیش از حذف.' },
    ];
    const s = createFaqSearch(entries);
    expect(s.search('پاک')).toEqual([]);
    expect(top('export گرفتن از گزارش', s)).toBe('fa-export');
  });
  it('takes "till" and "themselves" for the filler they are, not for "bill" or a word the FAQ lacks', () => {
    const entries: FaqEntry[] = [
      { id: 'en-bill', locale: 'en', question: 'How do I pay my bill?', answer: 'From the app.' },
      {
        id: 'en-lights',
        locale: 'en',
        question: 'Why do the lights turn on after a power cut?',
        answer: 'They restore their state.',
      },
    ];
    const s = createFaqSearch(entries);
    expect(s.search('till then')).toEqual([]);
    expect(top('lights turn themselves on', s)).toBe('en-lights');
  });
  it('takes "since" and "into" for the filler they are, as "from" and "until" are', () => {
    const s = createFaqSearch([
      { id: 'en-signal', locale: 'en', question: 'Why is there no signal on my phone?', answer: 'Restart it.' },
      { id: 'en-history', locale: 'en', question: 'Can I see the calls since my last bill?', answer: 'Go into the app.' },
    ]);
    expect(s.search('since then')).toEqual([]);
    expect(s.search('into it')).toEqual([]);
    expect(s.search('no signal since this morning').map((h) => h.id)).toEqual(['en-signal']);
  });
  it('weighs «کجا» (where) as the filler it mostly is, as "where" is', () => {
    const entries: FaqEntry[] = [
      { id: 'fa-policy-pdf', locale: 'fa', question: 'فایل بیمه‌نامه را کجا پیدا کنم؟', answer: 'در بخش مدارک اپ.' },
      { id: 'fa-claim-status', locale: 'fa', question: 'وضعیت خسارت را چطور پیگیری کنم؟', answer: 'در بخش خسارت‌ها.' },
    ];
    expect(top('کجا track کنم', createFaqSearch(entries))).toBe('fa-claim-status');
  });
  it('weighs «میکنه» and «می‌کند» (it does) as the filler «میکنید» is', () => {
    const entries: FaqEntry[] = [
      { id: 'fa-plagiarism', locale: 'fa', question: 'تکلیف‌ها از نظر سرقت ادبی بررسی می‌شوند؟', answer: 'بله، با Turnitin.' },
      { id: 'fa-abuse', locale: 'fa', question: 'چطور مزاحمت را گزارش کنم؟', answer: 'تیم ما آن را بررسی می‌کند.' },
    ];
    const s = createFaqSearch(entries);
    expect(top('turnitin بررسی میکنه؟', s)).toBe('fa-plagiarism');
    // Alone it says nothing, though an answer writes it.
    expect(s.search('میکنه')).toEqual([]);
    expect(s.search('می‌کند')).toEqual([]);
  });
  it('weighs «طول میکشه» (it takes) as filler: how long says when, not what about', () => {
    const entries: FaqEntry[] = [
      { id: 'fa-delivery-time', locale: 'fa', question: 'ارسال چند روز طول می‌کشد؟', answer: 'یک تا سه روز کاری.' },
      {
        id: 'fa-refund-time',
        locale: 'fa',
        question: 'پول مرجوعی کی برمی‌گردد؟',
        answer: 'ظرف هفت روز کاری.',
        keywords: ['استرداد', 'بازگشت وجه'],
      },
      { id: 'fa-exchange', locale: 'fa', question: 'تعویض کالا چند روز طول می‌کشد؟', answer: 'دو روز.' },
      { id: 'fa-warranty', locale: 'fa', question: 'گارانتی چند ماه است؟', answer: 'هجده ماه.' },
    ];
    expect(top('Refund چند روز طول میکشه', createFaqSearch(entries))).toBe('fa-refund-time');
  });
  it('finds «بار» (times) said as «دفعه»', () => {
    const entries: FaqEntry[] = [
      { id: 'fa-quiz', locale: 'fa', question: 'هر کوییز را چند بار می‌توانم بدهم؟', answer: 'سه بار در روز.' },
      { id: 'fa-grade', locale: 'fa', question: 'نمره کوییز کی اعلام می‌شود؟', answer: 'بلافاصله.' },
    ];
    expect(top('کوییز رو چند دفعه میشه داد', createFaqSearch(entries))).toBe('fa-quiz');
  });
  it('reads a Persian word with its ending as the bare word too, even where the FAQ has it with the ending', () => {
    const entries: FaqEntry[] = [
      {
        id: 'fa-missing-miles',
        locale: 'fa',
        question: 'مایل‌های پروازم ثبت نشده است',
        answer: 'درخواست مایل ثبت‌نشده را بزنید.',
      },
      { id: 'fa-flight-status', locale: 'fa', question: 'وضعیت پرواز را کجا ببینم؟', answer: 'در صفحه وضعیت پروازها.' },
      { id: 'fa-baggage', locale: 'fa', question: 'چند کیلو بار مجاز است؟', answer: 'بیست کیلو.' },
    ];
    // «پروازم» is a word of the miles entry; as «پرواز» + «my» it is the status entry's too.
    expect(top('وضعیت پروازم', createFaqSearch(entries))).toBe('fa-flight-status');
  });
  it('reads a number typed with its unit as two words: "5ghz" is "5 GHz"', () => {
    const entries: FaqEntry[] = [
      {
        id: 'en-wifi-band',
        locale: 'en',
        question: 'Why can my device not find my 5 GHz Wi-Fi network?',
        answer: 'Devices use 2.4 GHz only.',
      },
      {
        id: 'en-wifi-password',
        locale: 'en',
        question: 'I changed my Wi-Fi password. How do I reconnect?',
        answer: 'Open each device.',
      },
      { id: 'en-storage', locale: 'en', question: 'How much storage do cameras have?', answer: '32 GB of video.' },
    ];
    const s = createFaqSearch(entries);
    expect(top('device cant see 5ghz wifi', s)).toBe('en-wifi-band');
    expect(top('دستگاه Wi-Fi 5GHz مودم رو نمی‌بینه', s)).toBe('en-wifi-band');
  });
  it('takes a Persian word that lacks the last letter of a term, with a slip, for that term: «توافف» is «توافقی»', () => {
    const entries: FaqEntry[] = [
      { id: 'fa-agreement', locale: 'fa', question: 'تصادف جزئی را چطور توافقی حل کنم؟', answer: 'با فرم توافقی در اپ.' },
      { id: 'fa-claim', locale: 'fa', question: 'مدارک لازم برای خسارت تصادف چیست؟', answer: 'کارت ماشین و گواهینامه.' },
    ];
    expect(top('تصادف با توافف', createFaqSearch(entries))).toBe('fa-agreement');
  });
  it('knows «کیوآر» for QR, «افسر» (officer) for «پلیس» and "kilos" for "kg"', () => {
    const entries: FaqEntry[] = [
      { id: 'fa-qr', locale: 'fa', question: 'گوشی کد QR روی جعبه را نمی‌خواند', answer: 'نور را بیشتر کنید.' },
      { id: 'fa-box', locale: 'fa', question: 'جعبه دستگاه آسیب دیده است', answer: 'عکس بفرستید.' },
      { id: 'fa-small', locale: 'fa', question: 'تصادف کوچک را بدون پلیس چطور گزارش کنم؟', answer: 'با فرم توافقی.' },
      { id: 'fa-big', locale: 'fa', question: 'بعد از تصادف شدید چه کنم؟', answer: 'با اورژانس تماس بگیرید.' },
      { id: 'en-allowance', locale: 'en', question: 'What may I take into the cabin?', answer: 'One bag of up to 8 kg.' },
      { id: 'en-bag-size', locale: 'en', question: 'What size may my cabin bag be?', answer: '55 × 40 × 20 cm at most.' },
    ];
    const s = createFaqSearch(entries);
    expect(top('کیوآر جعبه', s)).toBe('fa-qr');
    expect(top('تصادف کردم افسر نیومد', s)).toBe('fa-small');
    expect(top('how many kilos in the cabin', s)).toBe('en-allowance');
  });
  it('looks past the first letter when it finds nothing closer than one edit: «فرمز» is «قرمز», not «فرمت»', () => {
    const entries: FaqEntry[] = [
      { id: 'fa-hub-red', locale: 'fa', question: 'چراغ هاب قرمز شده است', answer: 'هاب به اینترنت وصل نیست.' },
      { id: 'fa-format', locale: 'fa', question: 'فرمت ویدیوها چیست؟', answer: 'MP4 با کیفیت ۱۰۸۰.' },
      { id: 'fa-hub-blue', locale: 'fa', question: 'چراغ هاب آبی چشمک می‌زند', answer: 'هاب در حال راه‌اندازی است.' },
    ];
    const s = createFaqSearch(entries);
    expect(top('چراغ فرمز', s)).toBe('fa-hub-red');
    expect(top('هاب فرمز شده', s)).toBe('fa-hub-red');
  });
  it('knows everyday words for what FAQs name formally: surname, kitten, bigger, «فامیلی», «نمیتونه راه بره»', () => {
    const travel = devFaq('travel');
    expect(top('I typed my surname wrong when booking', travel)).toBe('en-change-name');
    expect(top('I need help getting to the gate, I cannot walk far', travel)).toBe('en-wheelchair');
    expect(top('فامیلیمو غلط تایپ کردم', travel)).toBe('fa-change-name');
    expect(top('مامانم نمیتونه راه بره تو فرودگاه کمک میکنین؟', travel)).toBe('fa-wheelchair');
    expect(top('can I swap these shoes for a bigger pair', devFaq('shop'))).toBe('en-exchange');
  });
  it('knows proof for a receipt and diabetes for a condition one had before', () => {
    expect(top('my landlord wants proof that i sent the rent', devFaq('bank'))).toBe('en-transfer-receipt');
    expect(top("I'm diabetic, will you pay for treatment related to it?", devFaq('insurance'))).toBe(
      'en-supplementary-pre-existing',
    );
  });
  it('weighs a Persian word found as typed by its own rarity, not by a rarer word it also begins', () => {
    // «خرید» (buy) is common in the airline FAQ; «خریده» is rare and had made it outweigh «قسطی».
    expect(top('خرید قسطی بلیط با SnappPay', devFaq('travel'))).toBe('fa-instalments');
    expect(top('با Apple Pay یا PayPal می‌تونم پول بلیت رو بدم؟', devFaq('travel'))).toBe('fa-payment-methods');
    expect(top('gift card رو چطوری استفاده کنم', devFaq('shop'))).toBe('fa-gift-cards');
  });
  it('reads a Persian word of three letters as one of four with a letter left out', () => {
    const billing = devFaq('billing');
    expect(top('قیت پلن‌ها', billing)).toBe('fa-plans');
    expect(top('کسل کردن', billing)).toBe('fa-cancel');
    expect(top('لگو', billing)).toBe('fa-branding');
    // «یرو» is «یورو» (euro), «سرت» is «سرعت» (speed).
    expect(top('پرداخت با یرو', billing)).toBe('fa-currency');
    expect(top('سرت پخش ویدیو رو چطوری عوض کنم', devFaq('school'))).toBe('fa-video-speed');
  });
  it('reads an English word of three letters as one of four with a letter left out, and a real short word as itself', () => {
    const billing = devFaq('billing');
    expect(top('stp subscription', billing)).toBe('en-cancel');
    expect(top('spm', billing)).toBe('en-email-delivery');
    expect(top('crd password', devFaq('bank'))).toBe('en-change-card-pin');
    // With a vowel it may be a word of its own, so it stands for the longer one only weakly,
    // but enough beside a word the entry has: "sow" is "slow", "pek" is "peak".
    expect(top('sow internet', devFaq('operator'))).toBe('en-slow-internet');
    expect(top('pek hours', devFaq('utility'))).toBe('en-peak-hours');
    // "car" and "vpn" are words as typed: "car" is too weak a "card" to show anything here.
    expect(billing.search('car insurance')).toEqual([]);
    expect(billing.search('vpn')).toEqual([]);
  });
  it('finds a word one letter short that the index holds without its ending: "pone" is "phone", "picing" "pricing"', () => {
    // The index holds stems: "phon", "pric". The typed word is compared with the ending put back.
    expect(top('new pone', devFaq('bank'))).toBe('en-new-phone-login');
    expect(top('picing', devFaq('billing'))).toBe('en-plans');
    expect(top('roaing rates', devFaq('operator'))).toBe('en-roaming-rates');
  });
  it('reads a word whose doubled last letter was typed once: "bil" is "bill", "cal" is "call"', () => {
    expect(top('bil history', devFaq('utility'))).toBe('en-view-bill');
    expect(top('cal centre', devFaq('operator'))).toBe('en-contact-channels');
  });
  it("shows the visitor's language's version of an answer whose translation covers the question better", () => {
    // Only the Persian version says «سرور» (server); both name Frankfurt.
    expect(top('are your servers in frankfurt', devFaq('billing'))).toBe('en-data-location');
    // The vocabulary reads «پیامک» as "sms" and «ناموفق» as "fail", words the English version uses.
    expect(top('پیامکام نمیره همش میزنه ناموفق', devFaq('operator'))).toBe('fa-sms-not-sending');
  });
  it('reads gigs as data, and a greeting, «همش» (all the time), «واسه» (for), «کرده» (done) or a light verb as filler', () => {
    expect(top('will the gigs i didnt use this month carry over', devFaq('operator'))).toBe('en-package-expiry');
    const ids = (query: string): string[] => search.search(query).map((h) => h.id);
    const unknown = search.search('زرشک لغو اشتراک')[0]?.score ?? 1;
    // «زدم», «دادم», «گرفتم» and «داشتم» carry a compound verb's tense, not its meaning.
    for (const filler of ['سلام', 'همش', 'یهو', 'مرسی', 'واسه', 'زدم', 'دادم', 'گرفتم', 'داشتم']) {
      expect(ids(`${filler} لغو اشتراک`)).toEqual(ids('لغو اشتراک'));
      // A word the FAQ lacks would count against every entry; filler barely does.
      expect(search.search(`${filler} لغو اشتراک`)[0]?.score).toBeLessThan(unknown);
    }
    // «کرده» (done) is filler like «کردم» and «شده», and no loanword of "card" (in a bank's FAQ
    // the two meet often enough to pass for one): "cards" no longer weighs as that rare word, and
    // a question about credit cards, which this bank does not issue, finds nothing.
    expect(devFaq('bank').search('Do you issue Visa or Mastercard credit cards I can use for shopping abroad?')).toEqual([]);
  });
  it('knows leftover for what remains and "in their seventies" for the elderly', () => {
    const leftover = 'My leftover gigabytes vanished when the month ended. Is there any way to keep them?';
    expect(top(leftover, devFaq('operator'))).toBe('en-package-expiry');
    expect(top('My parents are in their seventies. Will they pay more for trip cover?', devFaq('insurance'))).toBe(
      'en-travel-age-limits',
    );
  });
  it('reads «مدت» (duration) as asking how long, beside a word typed with a slip', () => {
    // «گارانطی» is «گارانتی» (warranty), which three entries ask about; «مدت» picks the one that asks how long.
    expect(top('مدت گارانطی', devFaq('shop'))).toBe('fa-warranty');
  });
  it('knows forgot to pay, what is left, and «به اسم» (in the name of) for «به نام»', () => {
    const operator = devFaq('operator');
    expect(top('forgot to pay last month and now i cant call anyone', operator)).toBe('en-unpaid-bill-disconnection');
    expect(top('how many gigs do i still have', operator)).toBe('en-remaining-data');
    expect(top('میخوام خطمو بدم به برادرم که به اسم خودش بشه', operator)).toBe('fa-change-sim-owner');
  });
  it('does not read «کار» (work, as in "how does it work") as a job: hiring questions find nothing', () => {
    expect(devFaq('utility').search('استخدام شرکت توزیع برق')).toEqual([]);
    expect(devFaq('smarthome').search('برای استخدام تکنسین نصب رزومه کجا بفرستم؟')).toEqual([]);
  });
  it('knows how visitors of a utility say a bill is high, a surge, saving energy and winter', () => {
    const utility = devFaq('utility');
    expect(top('my TV and fridge got fried when the voltage spiked, will you pay for them', utility)).toBe(
      'en-appliance-damage-compensation',
    );
    expect(top('tips to use less power and gas at home', utility)).toBe('en-energy-saving-tips');
    expect(top('این ماه قبض برقم سه برابر اومده چرا', utility)).toBe('fa-high-bill');
    expect(top('چرا زمستونا پول گاز اینقدر میره بالا', utility)).toBe('fa-winter-gas-bill');
  });
  it('weighs spoken «اگه» (if), «پیدا» of «پیدا کنم» (find) and «باشم» (be) as the filler they are', () => {
    const travel = devFaq('travel');
    expect(top('PNR رو کجا پیدا کنم', travel)).toBe('fa-pnr');
    expect(['fa-airport-checkin', 'fa-boarding-time']).toContain(top('ساعت چند باید فرودگاه باشم', travel));
  });
  it('honours the limit', () => {
    expect(search.search('order', 2).length).toBeLessThanOrEqual(2);
  });
});

describe('a searcher kept for many visitors (the server keeps one per site)', () => {
  it('remembers at most about 500 words of what it worked out per word, whatever it is sent', () => {
    const docs = toSearchDocs(demo);
    const view = openIndex(buildSearchIndex(docs), docs.length);
    for (let i = 0; i < 2000; i++) cover(view, [`zq${i.toString(36)}x`], [new Map()], false, () => false);
    expect(view.nearStop.size).toBeGreaterThan(0);
    expect(view.nearStop.size).toBeLessThanOrEqual(501);
  });
});

describe('searching the served payload (what the widget ships)', () => {
  const docs = toSearchDocs(demo);
  const index = JSON.parse(
    JSON.stringify(buildSearchIndex(docs, { answers: demo.map((e) => e.answer), translations: pairTranslations(demo) })),
  ) as unknown;

  it('ranks exactly as createFaqSearch over the entries does, once the typo matcher is loaded', () => {
    const widget = searchPayload(docs, { index, vocabulary: true, fuzzy: () => createTypoMatcher });
    for (const q of ['money back', 'کنسل اشتراک', 'pasword reset', 'سفارشم كجاست', 'how do I', 'tracki']) {
      expect(widget.search(q)).toEqual(search.search(q));
    }
  });
  it('finds every entry when searched the moment it loads', () => {
    const widget = searchPayload(docs, { index });
    const all = new Set(docs.map((d) => d.id));
    for (const d of docs) expect(widget.search(d.question, 3).map((h) => h.id)).toContain(d.id);
    expect(all.size).toBe(docs.length);
  });
  it('finds answer words the served docs do not carry, from the prebuilt postings', () => {
    const entries: FaqEntry[] = [
      {
        id: 'en-hours',
        locale: 'en',
        question: 'When are you open?',
        answer: 'Monday to Friday, 9:00–17:00. '.repeat(3) + 'Closed on Sunday.',
      },
    ];
    const served = toSearchDocs(entries);
    expect(served[0]?.excerpt).not.toContain('Sunday');
    const widget = searchPayload(served, { index: buildSearchIndex(served, { answers: entries.map((e) => e.answer) }) });
    expect(widget.search('sunday')[0]?.id).toBe('en-hours');
  });
  it('uses the vocabulary the index carries unless told not to', () => {
    const tiny = toSearchDocs([
      { id: 'en-refund', locale: 'en', question: 'How do refunds work?', answer: 'We refund within 5 days.' },
    ]);
    const tinyIndex = buildSearchIndex(tiny);
    expect(searchPayload(tiny, { index: tinyIndex }).search('money back')[0]?.id).toBe('en-refund');
    expect(searchPayload(tiny, { index: tinyIndex, vocabulary: false }).search('money back')).toEqual([]);
  });
  it('finds nothing from an index of another shape rather than misread it; createFaqSearch builds its own', () => {
    const old = { keys: [], records: [{ v: 'refund', i: 0, n: 1 }] };
    expect(searchPayload(docs, { index: old }).search('refund')).toEqual([]);
    expect(createFaqSearch(docs, { index: old }).search('money back')[0]?.id).toBe('en-refund-policy');
  });
});

describe('buildSearchIndex', () => {
  const en = toSearchDocs(demo.filter((e) => e.locale === 'en'));
  it('sends the sorted distinct terms fuse.js indexes', () => {
    const terms = openIndex(buildSearchIndex(en), en.length).sorted;
    expect(terms).toEqual([...new Set(terms)].sort());
    expect(terms).toContain('refund');
  });
  it('writes each term after the letters it shares with the one before, and reads them back', () => {
    const terms = ['2fa', '5g', '5ghz', 'international', 'internationally', 'internet', 'کتاب', 'کتابخانه'];
    expect(encodeTerms(terms)).toBe('02fa 05g 2hz 0international 9onally 6et 0کتاب 4خانه');
    const index = { v: INDEX_FORMAT, terms: encodeTerms(terms), postings: terms.map(() => '0').join(' '), sizes: '', stop: '' };
    expect(openIndex(index, 1).sorted).toEqual(terms);
  });
  it('writes postings without separators, small gaps in one character, and reads them back', () => {
    const lists = [[0], [3, 35, 1059, 40000], [8, 9, 10]];
    const encoded = encodePostings(lists);
    // 3 is one digit; 32 (35 − 3) and 1024 (1059 − 35) need two and three.
    expect(encoded.split(' ')[1]?.slice(0, 4)).toBe('3^0^');
    expect(encoded).not.toMatch(/[,"\\]/);
    const index = { v: INDEX_FORMAT, terms: encodeTerms(['a', 'b', 'c']), postings: encoded, sizes: '', stop: '' };
    const view = openIndex(index, 5000);
    expect(lists.map((_, id) => view.postingsOf(id))).toEqual(lists);
  });
  it("carries the stop words and vocabulary of the FAQ's locales only", () => {
    const index = buildSearchIndex(en);
    expect(index.vocabulary).toContain('money back');
    expect(index.stop.split(' ')).toContain('how');
    expect(`${index.vocabulary} ${index.stop}`).not.toMatch(/[\u0600-\u06FF]/);
    expect(buildSearchIndex(toSearchDocs(demo)).vocabulary).toMatch(/[\u0600-\u06FF]/);
  });
  it('leaves the vocabulary out when the site turns it off', () => {
    expect(buildSearchIndex(en, { vocabulary: false })).not.toHaveProperty('vocabulary');
  });
});

describe('toSearchDocs', () => {
  it('keeps what ranking needs and a short plain-text excerpt instead of the answer', () => {
    const [doc] = toSearchDocs([
      {
        id: 'en-x',
        locale: 'en',
        question: 'Q?',
        answer: 'See **[our page](https://x.y/z)** and\n\n- one\n- two',
        keywords: ['k'],
      },
    ]);
    expect(doc).toEqual({ id: 'en-x', locale: 'en', question: 'Q?', keywords: ['k'], excerpt: 'See our page and one two' });
  });
  it('cuts long answers at a word, to what one result line shows', () => {
    const [doc] = toSearchDocs([{ id: 'en-x', locale: 'en', question: 'Q?', answer: 'word '.repeat(80) }]);
    // Thirteen words of four letters and the spaces between them make 64 characters.
    expect(doc?.excerpt).toBe(`${'word '.repeat(13)}…`);
  });
  it('cuts a first word too long for the line', () => {
    const link = `https://example.com/${'a'.repeat(100)}`;
    const [doc] = toSearchDocs([{ id: 'en-x', locale: 'en', question: 'Q?', answer: `${link} explains it` }]);
    expect(doc?.excerpt).toBe(`${link.slice(0, 64)} …`);
  });
  it('cuts a long first word before an emoji that the cut would split in two', () => {
    const word = `${'a'.repeat(63)}😀${'b'.repeat(10)}`;
    const [doc] = toSearchDocs([{ id: 'en-x', locale: 'en', question: 'Q?', answer: word }]);
    expect(doc?.excerpt).toBe(`${'a'.repeat(63)} …`);
    // No lone half of a surrogate pair anywhere in it.
    expect(doc?.excerpt).not.toMatch(/[\uD800-\uDFFF]/);
  });
});
