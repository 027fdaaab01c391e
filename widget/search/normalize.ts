/**
 * One normaliser for the FAQ index and the visitor's query, in the browser and on the server.
 * Arabic and Persian spellings of the same word become the same string, and the
 * half-space (ZWNJ), its absence and a plain space all tokenise alike.
 *
 * Pure and small: the widget runs it on each query and the few questions it highlights, the
 * server over every doc when it builds the index; each code point is folded once.
 */

/** A token of the original text: its normalised form and where it came from. */
export interface TokenRange {
  token: string;
  /** Offset of the token's first UTF-16 unit in the original text. */
  start: number;
  /** Offset just past the token's last UTF-16 unit in the original text. */
  end: number;
}

const DROP = '';
const SPACE = ' ';

// Single code units whose matching form differs from themselves. Everything else in the
// Arabic block maps to itself; anything not a letter, digit or mark separates words.
const MAP = new Map<number, string>();
const put = (chars: string, to: string): void => {
  for (const ch of chars) MAP.set(ch.charCodeAt(0), to);
};
put('\u064A\u0649\u0626\u06CD\u06D0', '\u06CC'); // ي ى ئ → ی
put('\u0643\u06AA', '\u06A9'); // ك → ک
put('\u0629\u06C0\u06C1\u06BE\u06D5', '\u0647'); // ة ۀ ہ ھ → ه
put('\u0623\u0625\u0622\u0671', '\u0627'); // أ إ آ ٱ → ا
put('\u0624', '\u0648'); // ؤ → و
for (let d = 0; d < 10; d++) {
  MAP.set(0x06f0 + d, String(d)); // Persian digits
  MAP.set(0x0660 + d, String(d)); // Arabic-Indic digits
}
// Harakat, tanwin, shadda, sukun, hamza above/below, superscript alef, Quranic marks, tatweel.
for (let c = 0x064b; c <= 0x065f; c++) MAP.set(c, DROP);
for (let c = 0x06d6; c <= 0x06ed; c++) MAP.set(c, DROP);
put('\u0670\u0640', DROP);
// Joiners and direction marks are invisible: "می‌خواهم" and "میخواهم" are one word.
put('\u200B\u200C\u200D\u200E\u200F\u00AD\u2060\uFEFF', DROP);
// An apostrophe joins ("can't" = "cant") rather than splits.
put("'\u2019\u02BC", DROP);
// Arabic decimal and thousands separators read as their ASCII forms (٫ ٬).
put('\u066B', '.');
put('\u066C', ',');
// A percent sign is the word: "80%" is "80 percent", as a visitor may type it.
put('%\u066A\uFE6A\uFF05', ' percent ');

const PERSIAN_PREFIXES = new Set(['می', 'نمی']);
// Written detached by some, attached or with a half-space by others.
const PERSIAN_SUFFIXES = new Set([
  'ها',
  'های',
  'هایی',
  'هایم',
  'هایت',
  'هایش',
  'هایمان',
  'هایتان',
  'هایشان',
  'ام',
  'ات',
  'اش',
  'ای',
  'ایم',
  'اید',
  'اند',
  'تر',
  'ترین',
]);
const YEH = 'ی';
const HEH = 'ه';

const WORD = /[\p{L}\p{N}\p{M}]/u;

/**
 * The matching form of one code point: '' drops it, ' ' separates words. A letter the map
 * changes stays in its word whatever it becomes (٫ is the "." of "3.5"); the Arabic block is
 * already in NFKC, so only its punctuation separates and its Quranic signs drop.
 */
function fold(cp: string): string {
  const c = cp.charCodeAt(0);
  const m = MAP.get(c);
  if (m !== undefined) return m;
  // General punctuation (dashes, quotes, spaces) separates, even where NFKC makes it a mark.
  if (c >= 0x2000 && c <= 0x2060) return SPACE;
  if (c >= 0x0600 && c < 0x0700) {
    return c >= 0x0610 && c <= 0x061a ? DROP : c < 0x0620 || (c >= 0x066a && c <= 0x066d) || c === 0x06d4 ? SPACE : cp;
  }
  let out = '';
  for (const ch of cp.normalize('NFKC').toLowerCase()) {
    const mapped = MAP.get(ch.charCodeAt(0)) ?? ch;
    out += mapped === DROP || WORD.test(mapped) ? mapped : SPACE;
  }
  return out;
}

// A FAQ repeats a few hundred characters: fold each once.
const folded = new Map<number, string>();

/** Tokens and, when asked for, their ranges as parallel arrays: indexing makes no objects. */
export interface Scan {
  tokens: string[];
  starts?: number[];
  ends?: number[];
}

/** Appends the tokens of `text` to `out`. */
export function scan(text: string, out: Scan): Scan {
  const first = out.tokens.length;
  let tok = '';
  let start = -1;
  let end = 0;
  // Length of `tok` right after a dropped joiner: tells "هزینه‌ی" (ezafe) from "ماهی".
  let joinAt = -1;
  // The script of `tok`'s last letter.
  let was = 0;
  for (let i = 0; i <= text.length; i++) {
    const code = text.codePointAt(i) ?? 32;
    const width = code > 0xffff ? 2 : 1;
    let f = folded.get(code);
    if (f === undefined) folded.set(code, (f = fold(String.fromCodePoint(code))));
    if (code === 0x200c) joinAt = tok.length;
    for (const ch of f) {
      if (ch === SPACE) {
        if (tok) push(out, first, ezafe(tok, joinAt), start, end);
        tok = '';
        start = -1;
        joinAt = -1;
      } else {
        // "PDFها", "SIMکارت": a word changes script where a space was left out.
        const is = script(ch);
        if (tok && is * was === 2) {
          push(out, first, ezafe(tok, joinAt), start, end);
          tok = '';
          start = -1;
          joinAt = -1;
        }
        was = is;
        if (start < 0) start = i;
        tok += ch;
        end = i + width;
      }
    }
    i += width - 1;
  }
  return out;
}

/** 1 for a Latin letter, 2 for a Persian one, 0 for a digit (by code, not by comparing strings: it runs per letter). */
const script = (ch: string): number => {
  const c = ch.charCodeAt(0);
  return c > 0x5ff ? 2 : c >= 97 ? 1 : 0;
};

/** Drops an ezafe "ی" written after a half-space and a final ه: "هزینه‌ی" is "هزینه". */
const ezafe = (tok: string, joinAt: number): string =>
  joinAt === tok.length - 1 && tok.endsWith('\u0647\u06CC') ? tok.slice(0, -1) : tok;

/**
 * Adds a token, joining Persian detached affixes ("می خواهم", "سفارش ها") to their word and
 * dropping an ezafe "ی" written apart after a final ه ("هزینه ی" = "هزینهٔ").
 */
function push(out: Scan, first: number, token: string, start: number, end: number): void {
  const last = out.tokens.length - 1;
  const prev = last >= first ? out.tokens[last] : undefined;
  // "PDF ها" is "PDF" with a plural ending, as "PDFها" is; "loginمو" is "my login" spoken.
  const persian = isPersian(token);
  if (persian && prev !== undefined && !isPersian(prev) && (PERSIAN_SUFFIXES.has(token) || /^[مشت]و?ن?$/.test(token))) return;
  if (persian && prev !== undefined && isPersian(prev)) {
    // «ای» written apart is an ending only after a silent «ه» («خانه ای»); elsewhere it is the
    // letter A or I of an acronym spelt out («کلید ای پی آی», an API key).
    if (PERSIAN_PREFIXES.has(prev) || (PERSIAN_SUFFIXES.has(token) && (token !== 'ای' || prev.endsWith(HEH))) || token === YEH) {
      const ezafe = token === YEH && prev.endsWith(HEH);
      out.tokens[last] = ezafe ? prev : prev + token;
      if (out.ends) out.ends[last] = end;
      return;
    }
  }
  out.tokens.push(token);
  out.starts?.push(start);
  out.ends?.push(end);
}

/** Normalised tokens with where each starts and ends (exclusive) in the original text. */
export const scanRanges = (text: string): Required<Scan> => scan(text, { tokens: [], starts: [], ends: [] }) as Required<Scan>;

/** Splits text into normalised tokens with their ranges in the original text. */
export function tokenizeWithRanges(text: string): TokenRange[] {
  const { tokens, starts, ends } = scanRanges(text);
  return tokens.map((token, i) => ({ token, start: starts[i] as number, end: ends[i] as number }));
}

/** Whether a normalised token is written in Persian (Arabic-block) letters. */
export const isPersian = (token: string): boolean => {
  const c = token.charCodeAt(0);
  return c >= 0x0600 && c <= 0x06ff;
};

/** Normalised tokens of a text, for indexing and querying. */
export function tokenize(text: string): string[] {
  return scan(text, { tokens: [] }).tokens;
}

/**
 * The matching form of a text: NFKC, case-folded, Arabic letters unified with Persian,
 * diacritics and tatweel removed, digits in ASCII, punctuation as single spaces, joiners
 * removed and Persian detached affixes joined.
 * @example normalize('مي‌خواهم «كتاب» ۲۰') === 'میخواهم کتاب 20'
 */
export function normalize(text: string): string {
  return tokenize(text).join(' ');
}

/**
 * Which locale a query is written for, to choose the locale ranked first: any Persian letter
 * makes it Persian (a Persian query names Latin products and file types: "خروجی CSV").
 */
export function detectLocale(text: string): 'fa' | 'en' | undefined {
  return /[\u0600-\u06ff\ufb50-\ufeff]/.test(text) ? 'fa' : /[a-z]/i.test(text) ? 'en' : undefined;
}
