import { describe, expect, it } from 'vitest';
import { detectLocale, normalize, scan, tokenize, tokenizeWithRanges, type Scan } from '../../widget/search/normalize.js';
import { highlight } from '../../widget/search/highlight.js';

describe('normalize', () => {
  it('applies NFKC, so presentation forms and full-width letters match their plain forms', () => {
    expect(normalize('\uFEFB')).toBe('لا');
    expect(normalize('Ｆｕｌｌ')).toBe('full');
  });
  it('folds case', () => {
    expect(normalize('Refund POLICY')).toBe('refund policy');
  });
  it('turns Arabic yeh forms ي ى ئ into Persian ی', () => {
    expect(normalize('\u0639\u0644\u064A')).toBe('علی');
    expect(normalize('\u0645\u0635\u0637\u0641\u0649')).toBe('مصطفی');
    expect(normalize('\u0645\u0633\u0626\u0644\u0647')).toBe('مسیله');
    expect(normalize('هزين\u0647')).toBe(normalize('هزینه'));
  });
  it('turns Arabic kaf ك into Persian ک', () => {
    expect(normalize('\u0643\u062A\u0627\u0628')).toBe('کتاب');
  });
  it('turns teh marbuta ة into ه', () => {
    expect(normalize('\u0645\u062F\u0631\u0633\u0629')).toBe('مدرسه');
  });
  it('turns alef forms أ إ آ into ا and ؤ into و', () => {
    expect(normalize('\u0623\u0625\u0622')).toBe('ااا');
    expect(normalize('\u0645\u0624\u0633\u0633\u0647')).toBe('موسسه');
  });
  it('strips Arabic diacritics and tatweel', () => {
    expect(normalize('مَرجوعیِ')).toBe('مرجوعی');
    expect(normalize('\u0634\u0651\u0652\u064B\u0670')).toBe('ش');
    expect(normalize('فاکـــتور')).toBe('فاکتور');
  });
  it('matches a half-space, no space and a plain space alike', () => {
    const forms = ['می\u200Cخواهم', 'میخواهم', 'می خواهم'];
    expect(new Set(forms.map(normalize)).size).toBe(1);
    expect(normalize('سفارش\u200Cها')).toBe(normalize('سفارش ها'));
    expect(normalize('کرده\u200Cام')).toBe(normalize('کرده ام'));
  });
  it('reads the ezafe written as ی, ‌ی or ٔ the same', () => {
    expect(new Set(['هزینهٔ ارسال', 'هزینه\u200Cی ارسال', 'هزینه ی ارسال'].map(normalize)).size).toBe(1);
  });
  it('keeps a word that merely ends in ی', () => {
    expect(normalize('ماهی')).toBe('ماهی');
  });
  it('turns Persian and Arabic-Indic digits into ASCII', () => {
    expect(normalize('۱۲۳۴۵۶۷۸۹۰')).toBe('1234567890');
    expect(normalize('٣٠ روز')).toBe('30 روز');
  });
  it('reads Persian punctuation as spaces', () => {
    expect(normalize('سلام،خوبی؟«بله»؛')).toBe('سلام خوبی بله');
  });
});

describe('tokenize', () => {
  it('splits on punctuation and spaces and joins apostrophes', () => {
    expect(tokenize("Can't find my order-status!")).toEqual(['cant', 'find', 'my', 'order', 'status']);
  });
  it('reads a percent sign, Latin or Persian, as the word "percent"', () => {
    expect(tokenize('below 80%')).toEqual(['below', '80', 'percent']);
    expect(tokenize('۲۰٪ تخفیف')).toEqual(['20', 'percent', 'تخفیف']);
    const text = 'fee 2.9%';
    expect(tokenizeWithRanges(text).map((t) => text.slice(t.start, t.end))).toEqual(['fee', '2', '9', '%']);
  });
  it('gives the ranges of tokens in the original text', () => {
    const text = 'مي‌خواهم «كتاب»';
    const tokens = tokenizeWithRanges(text);
    expect(tokens.map((t) => t.token)).toEqual(['میخواهم', 'کتاب']);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(['مي‌خواهم', 'كتاب']);
  });
  it('appends to earlier tokens without joining a Persian affix across texts', () => {
    const out: Scan = { tokens: [] };
    scan('سفارش', out);
    scan('ها را', out);
    expect(out.tokens).toEqual(['سفارش', 'ها', 'را']);
    expect(tokenize('سفارش ها را')).toEqual(['سفارشها', 'را']);
  });
  it('joins «ای» written apart only after a silent «ه», where it is an ending', () => {
    expect(tokenize('خانه ای')).toEqual(['خانهای']);
    expect(tokenize('رفته ای')).toEqual(['رفتهای']);
    // Elsewhere it is the letter A or I of an acronym spelt out: «ای پی آی» is "API".
    expect(tokenize('کلید ای پی آی')).toEqual(['کلید', 'ای', 'پی', 'ای']);
  });
  it('splits a word where it changes script, as if typed with its space', () => {
    expect(tokenize('SIMکارت')).toEqual(['sim', 'کارت']);
    expect(tokenize('خروجیCSV')).toEqual(['خروجی', 'csv']);
    const text = 'eSIMکارت';
    expect(tokenizeWithRanges(text).map((t) => text.slice(t.start, t.end))).toEqual(['eSIM', 'کارت']);
  });
  it('drops a Persian ending written after a Latin word, attached or apart', () => {
    expect(tokenize('فایل PDF‌ها')).toEqual(['فایل', 'pdf']);
    expect(tokenize('PDFهای فاکتور')).toEqual(['pdf', 'فاکتور']);
    expect(tokenize('webhook ها')).toEqual(['webhook']);
    // Spoken "my" and "your": «loginمو» is "my login".
    expect(tokenize('loginمو عوض کنم')).toEqual(['login', 'عوض', 'کنم']);
    expect(tokenize('appتون')).toEqual(['app']);
    // A Persian word after a Latin one stays.
    expect(tokenize('PDF فاکتور')).toEqual(['pdf', 'فاکتور']);
  });
  it('returns nothing for text without words', () => {
    expect(tokenize('  ?!، ')).toEqual([]);
  });
});

describe('detectLocale', () => {
  it('reads the script of a query', () => {
    expect(detectLocale('refund')).toBe('en');
    expect(detectLocale('بازگشت وجه')).toBe('fa');
    expect(detectLocale('123')).toBeUndefined();
  });
  it('reads a Persian query with Latin product names and file types as Persian', () => {
    expect(detectLocale('eSIM دارد')).toBe('fa');
    expect(detectLocale('Zapier وصل کنم')).toBe('fa');
  });
});

describe('highlight', () => {
  it('splits a question into matched and plain runs', () => {
    expect(highlight('Where is my order?', [[12, 16]])).toEqual([
      { text: 'Where is my ', hit: false },
      { text: 'order', hit: true },
      { text: '?', hit: false },
    ]);
  });
  it('merges overlapping ranges and ignores ranges outside the text', () => {
    expect(
      highlight('abcdef', [
        [1, 2],
        [2, 3],
        [10, 12],
      ]),
    ).toEqual([
      { text: 'a', hit: false },
      { text: 'bcd', hit: true },
      { text: 'ef', hit: false },
    ]);
  });
  it('keeps markup in the text as text', () => {
    const parts = highlight('<b>x</b>', [[0, 2]]);
    expect(parts.map((p) => p.text).join('')).toBe('<b>x</b>');
  });
});
