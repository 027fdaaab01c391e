/**
 * What a visitor's wording becomes when search learns it: the text an owner reads (trimmed,
 * whitespace collapsed, capped, as its writer meant it) and the matching form one phrasing is
 * kept per.
 */
import { ANSWERS } from '../../protocol/answers.js';
import type { FaqEntry } from '../../protocol/types.js';
import { tellsLayout } from '../../widget/search/faq-search.js';
import { otherKeyboard } from '../../widget/search/keyboard.js';
import { normalize, tokenize } from '../../widget/search/normalize.js';
import { plainText } from '../../widget/search/search-index.js';
import { informativeWords, STOP } from './words.js';

export interface Phrasing {
  text: string;
  wording: string;
}

/**
 * `text` as its writer meant it: typed with the keyboard on the other language when none of
 * its words of three letters or more is one of `words` (informative, stemmed: an entry's or a
 * whole FAQ's) and some of what its keys type on the other layout are, as search reads it. An
 * owner then reads «لغو اشتراک», not "gy, hajvh;", and search learns the words.
 */
export function asMeant(text: string, words: ReadonlySet<string>): string {
  const shares = (t: string): boolean => tokenize(t).some((w) => tellsLayout(w, STOP, words));
  if (shares(text)) return text;
  const other = otherKeyboard(text);
  return shares(other) ? other : text;
}

/** The informative words of entries' questions, answers and keywords, stemmed: what `asMeant` reads text against. */
export const entryWords = (entries: readonly Pick<FaqEntry, 'question' | 'answer' | 'keywords'>[]): Set<string> =>
  informativeWords(entries.map((e) => [e.question, ...plainText(e.answer), ...(e.keywords ?? [])].join(' ')).join(' '));

/**
 * The wording to learn from `text` for `entry`, or null when there is nothing to learn: too
 * short, too long to be a query, or the same words as the entry's own question.
 */
export function phrasingOf(text: string, entry: Pick<FaqEntry, 'question' | 'answer' | 'keywords'>): Phrasing | null {
  const typed = text.replace(/\s+/g, ' ').trim();
  if (typed.length > ANSWERS.maxText) return null;
  const shown = asMeant(typed, entryWords([entry]));
  const wording = normalize(shown);
  if (wording.length < 3 || wording === normalize(entry.question)) return null;
  return { text: shown, wording };
}
