/**
 * What the server prebuilds for the browser's search: the docs the payload carries
 * in place of full answers, and the index that goes with them. Server-side work, but pure, so
 * `createFaqSearch(entries)` can build the same index in Node when it is given no payload.
 */
import type { FaqSearchDoc } from '../../protocol/faq.js';
import type { FaqEntry, Locale } from '../../protocol/types.js';
import { FIELD_ANSWER, FIELD_LEARNED, FIELD_QUESTION, INDEX_FORMAT, type SearchIndex } from './index-view.js';
import { isPersian, normalize, scan, tokenize, type Scan } from './normalize.js';
import { stem } from './stem.js';
import { scriptPairs } from './transliterate.js';
import { ALIKE_LETTERS, FINGLISH, SCRIPT_BRIDGE, STOP_WORDS, VOCABULARY } from './vocabulary.js';

/**
 * The result row shows its excerpt on one line, cut with an ellipsis: some 50 to 60 characters
 * at the panel's width. More would be sent to every visitor and never seen.
 */
const EXCERPT_CHARS = 64;

/** An answer's Markdown as plain words: links keep their text, markup and HTML go. */
export function plainText(markdown: string): string[] {
  return markdown
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, ' ')
    .replace(/^\s*(?:[-*+]|\d+\.|#+|>)\s+/gm, '')
    .replace(/[*_`~]+/g, '')
    .split(/\s+/)
    .filter(Boolean);
}

/** The answer's first words as plain text, as many as fit in `chars`: the result snippet. */
export function excerptOf(markdown: string, chars = EXCERPT_CHARS): string {
  let excerpt = '';
  for (const word of plainText(markdown)) {
    const next = excerpt ? `${excerpt} ${word}` : word;
    // A first word too long to fit (a link, say) is cut, never between the halves of an emoji's
    // surrogate pair; a later one waits for the article.
    if (next.length > chars) return `${excerpt || word.slice(0, chars).replace(/[\uD800-\uDBFF]$/, '')} …`;
    excerpt = next;
  }
  return excerpt;
}

/** The Latin words joined by hyphens in `text`, each written as one word. */
const compounds = (text: string): string =>
  (text.match(/[a-z0-9]+(?:-[a-z0-9]+)+/gi) ?? []).map((c) => c.replace(/-/g, '')).join(' ');

/**
 * The words of the Persian compounds in `text` written with a half-space, each written apart:
 * «برق‌دزدی» (electricity theft) is also «دزدی», as it would be had the FAQ put a space there.
 * A compound led by a word of one or two letters is a word with a prefix («به‌صورت», «بی‌سیم»,
 * «می‌خواهم») or a name («لپ‌تاپ»): its rest alone means something else («صورت», face), so
 * it stays whole.
 */
const compoundParts = (text: string): string[] =>
  (text.match(/(?<![\u0600-\u06ff\u200c])[\u0600-\u06ff]{3,}(?:\u200c[\u0600-\u06ff]+)+/g) ?? []).flatMap((c) =>
    tokenize(c.replace(/\u200c/g, ' ')),
  );

/** The texts of one doc's fields, in `FIELD_WEIGHT` order; the excerpt stands in for a missing answer. */
const fieldsOf = (doc: FaqSearchDoc, answer?: string): string[][] => [
  [doc.question],
  [...(doc.keywords ?? []), ...(doc.synonyms ?? [])],
  doc.category ? [doc.category] : [],
  [answer ?? doc.excerpt],
  doc.learned ?? [],
];

/** Two neighbouring words written as one, and the posting where they are written apart. */
type Pair = [word: string, posting: number];

/**
 * The Persian neighbours in `tokens` from `from` on, joined: a keyword «اسنپ پی» is also the
 * word «اسنپ‌پی» when the FAQ writes it so elsewhere, and is found by it.
 */
function persianPairs(tokens: readonly string[], from: number, posting: number, out: Pair[]): void {
  for (let i = from; i < tokens.length - 1; i++) {
    const a = tokens[i] as string;
    const b = tokens[i + 1] as string;
    if (isPersian(a) && isPersian(b)) out.push([a + b, posting]);
  }
}

/** Adds `posting` to a doc-ordered list, keeping one posting per doc, the earlier field's. */
function addPosting(list: number[], posting: number): void {
  const i = list.findIndex((p) => p >> 3 >= posting >> 3);
  if (i < 0) list.push(posting);
  else if ((list[i] as number) >> 3 !== posting >> 3) list.splice(i, 0, posting);
  else if ((list[i] as number) > posting) list[i] = posting;
}

/**
 * The inverted index of the docs: sorted distinct stemmed terms and, for each, the docs it
 * occurs in as `doc * 8 + field`, the best (first) field only. `answers` are the docs' whole
 * answers as plain text; without them the excerpt is indexed in their place. Words in `stop`
 * are left out of answers.
 */
export function indexDocs(
  docs: readonly FaqSearchDoc[],
  answers?: readonly string[],
  stop?: ReadonlySet<string>,
): { terms: string[]; lists: number[][]; sizes: string } {
  const byTerm = new Map<string, number[]>();
  const stems = new Map<string, string>();
  const out: Scan = { tokens: [] };
  const pairs: Pair[] = [];
  let sizes = '';
  docs.forEach((doc, d) => {
    fieldsOf(doc, answers?.[d]).forEach((texts, f) => {
      out.tokens.length = 0;
      for (const text of texts) {
        const from = out.tokens.length;
        scan(text, out);
        if (f !== FIELD_ANSWER) persianPairs(out.tokens, from, d * 8 + f, pairs);
      }
      if (f === FIELD_QUESTION) sizes += Math.min(35, out.tokens.length).toString(36);
      // "pre-order", "Wi-Fi", "USB-C" are also typed as one word: index the joined form too.
      for (const text of texts) scan(compounds(text), out);
      // A compound's parts of two letters («وب» of «وب‌سایت», web site) or filler say nothing alone.
      for (const part of texts.flatMap(compoundParts)) if (part.length > 2 && !stop?.has(part)) out.tokens.push(part);
      for (const token of out.tokens) {
        // Every answer has its "the" and "را", and a visitor's wording its "how can I": their
        // postings would cost bytes and say nothing, and filler learned from visitors would
        // let any question that shares it cover part of the entry.
        if ((f === FIELD_ANSWER || f === FIELD_LEARNED) && stop?.has(token)) continue;
        let term = stems.get(token);
        if (term === undefined) stems.set(token, (term = stem(token)));
        let list = byTerm.get(term);
        if (!list) byTerm.set(term, (list = []));
        if ((list[list.length - 1] ?? -8) >> 3 !== d) list.push(d * 8 + f);
      }
    });
  });
  // A pair of words the FAQ also writes as one word elsewhere is that word here too.
  for (const [word, posting] of pairs) {
    const term = stems.get(word);
    if (term !== undefined) addPosting(byTerm.get(term) as number[], posting);
  }
  const terms = [...byTerm.keys()].sort();
  return { terms, lists: terms.map((t) => byTerm.get(t) as number[]), sizes };
}

/** A number in base 32, its last digit from «0»–«O» and the others from «]»–«|» (`SearchIndex.postings`). */
function encodeGap(gap: number): string {
  let out = String.fromCharCode(48 + (gap % 32));
  for (let rest = Math.floor(gap / 32); rest; rest = Math.floor(rest / 32)) out = String.fromCharCode(93 + (rest % 32)) + out;
  return out;
}

/** `indexDocs`'s postings as `SearchIndex.postings`. */
export const encodePostings = (lists: readonly number[][]): string =>
  lists.map((list) => list.map((p, i) => encodeGap(p - (i ? (list[i - 1] as number) : 0))).join('')).join(' ');

/** Sorted terms as `SearchIndex.terms`: each after how many letters it shares with the one before. */
export function encodeTerms(terms: readonly string[]): string {
  return terms
    .map((term, i) => {
      const before = terms[i - 1] ?? '';
      let shared = 0;
      while (shared < 9 && term[shared] !== undefined && term[shared] === before[shared]) shared++;
      return shared + term.slice(shared);
    })
    .join(' ');
}

/** What the search payload carries for each entry: no full answer. */
export function toSearchDocs(entries: readonly FaqEntry[]): FaqSearchDoc[] {
  return entries.map((e) => {
    const doc: FaqSearchDoc = { id: e.id, locale: e.locale, question: e.question, excerpt: excerptOf(e.answer) };
    if (e.keywords?.length) doc.keywords = e.keywords;
    if (e.synonyms?.length) doc.synonyms = e.synonyms;
    if (e.category) doc.category = e.category;
    return doc;
  });
}

export interface SearchIndexOptions {
  /** Include the built-in support vocabulary. @default true */
  vocabulary?: boolean;
  /**
   * The docs' whole answers (Markdown), in the order of the docs: every word of them is
   * indexed, below the question and keywords. Without them only the excerpt is.
   */
  answers?: readonly string[];
  /** Doc id → the id of the same answer in the other locale (`pairTranslations`). */
  translations?: ReadonlyMap<string, string>;
}

/** For each doc, the position of its translation among `docs`, if it has one there. */
const twinsOf = (docs: readonly FaqSearchDoc[], translations: ReadonlyMap<string, string>): (number | undefined)[] => {
  const at = new Map(docs.map((doc, d) => [doc.id, d]));
  return docs.map((doc) => at.get(translations.get(doc.id) ?? ''));
};

/** `SearchIndex.twins`: for each doc, how far on its translation is, in base 36. */
const encodeTwins = (twins: readonly (number | undefined)[]): string =>
  twins.map((twin, d) => (twin === undefined ? '' : (twin - d).toString(36))).join(',');

/**
 * Whether a Persian term is the loanword a Latin one is: most answers that use it have the
 * Latin word too, in the same doc or in its translation. "modem" and «مودم» go together;
 * "open" and «پایان» (end) sound alike and meet in one answer about opening hours, not in most.
 */
function loanwordTest(
  terms: readonly string[],
  lists: readonly number[][],
  twin: readonly (number | undefined)[],
): (latin: string, persian: string) => boolean {
  const ids = new Map(terms.map((t, i) => [t, i]));
  const docsOf = (term: string): number[] => (lists[ids.get(term) as number] ?? []).map((p) => p >> 3);
  return (latin, persian) => {
    const withLatin = new Set(docsOf(latin));
    const uses = docsOf(persian);
    return uses.filter((d) => withLatin.has(d) || withLatin.has(twin[d] as number)).length * 2 >= uses.length;
  };
}

/** The names Persian gives the Latin letters, spelling out an acronym: «پی دی اف» is PDF. */
const LETTER_NAMES = new Set(
  'ای بی سی دی اف جی اچ آی کی ال ام ان او پی کیو آر اس تی یو وی دبلیو ایکس وای زد'.split(' ').map(normalize),
);

/**
 * A vocabulary member and, if it is an acronym spelt out, the same as one word: it is mostly
 * written with half-spaces («پی‌دی‌اف»), and one word once they are dropped.
 */
function withSpeltJoined(member: string): string[] {
  const words = member.split(' ');
  return words.length > 1 && words.every((w) => LETTER_NAMES.has(normalize(w))) ? [member, words.join('')] : [member];
}

/**
 * Prebuilds the index `createFaqSearch` loads: the FAQ's distinct terms, sorted (what fuse.js
 * indexes for fuzzy matching, so the browser builds only the few per-letter pieces a typo
 * needs), the inverted index over question, keywords, category and whole answer, and, for the
 * locales the FAQ has, the stop words and — unless turned off — the support vocabulary,
 * already normalised and stemmed.
 */
export function buildSearchIndex(docs: readonly FaqSearchDoc[], options: SearchIndexOptions = {}): SearchIndex {
  const locales = (['en', 'fa'] as const).filter((l: Locale) => docs.some((d) => d.locale === l));
  const words = (text: string): string => tokenize(text).join(' ');
  const stop = locales.map((l) => words(STOP_WORDS[l])).join(' ');
  const stopWords = new Set(stop.split(' '));
  const { terms, lists, sizes } = indexDocs(
    docs,
    options.answers?.map((a) => plainText(a).join(' ')),
    stopWords,
  );
  // A group leads a query to the FAQ only through a member the FAQ has (all of its words): the
  // others would find nothing, so they are not sent.
  const has = new Set(terms);
  const index: SearchIndex = { v: INDEX_FORMAT, terms: encodeTerms(terms), postings: encodePostings(lists), sizes, stop };
  const twins = options.translations?.size ? twinsOf(docs, options.translations) : undefined;
  if (twins) index.twins = encodeTwins(twins);
  // Every ordered pair of each group, so the typo matcher tells an alike swap by one lookup.
  if (locales.includes('fa')) {
    index.alike = ALIKE_LETTERS.split(' ')
      .flatMap((group) => [...group].flatMap((x) => [...group].filter((y) => y !== x).map((y) => x + y)))
      .join(' ');
    index.latin = FINGLISH;
  }
  if (options.vocabulary !== false) {
    index.vocabulary = locales
      .flatMap((l) => (l === 'fa' ? `${VOCABULARY.fa};${SCRIPT_BRIDGE}` : VOCABULARY[l]).split(';'))
      .map((group) =>
        group
          .split('|')
          .flatMap(withSpeltJoined)
          .map((member) => tokenize(member).map(stem)),
      )
      .filter((group) => group.some((member) => member.every((t) => has.has(t))))
      .map((group) => group.map((member) => member.join(' ')).join('|'))
      .concat(scriptPairs(terms, stopWords, twins && loanwordTest(terms, lists, twins)))
      .join(';');
  }
  return index;
}
