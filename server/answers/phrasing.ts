/**
 * What a visitor's wording becomes when search learns it: the text an owner reads (trimmed,
 * whitespace collapsed, capped) and the matching form one phrasing is kept per.
 */
import { ANSWERS } from '../../protocol/answers.js';
import { normalize } from '../../widget/search/normalize.js';

export interface Phrasing {
  text: string;
  wording: string;
}

/**
 * The wording to learn from `text`, or null when there is nothing to learn: too short, too
 * long to be a query, or the same words as the entry's own question.
 */
export function phrasingOf(text: string, question: string): Phrasing | null {
  const shown = text.replace(/\s+/g, ' ').trim();
  if (shown.length > ANSWERS.maxText) return null;
  const wording = normalize(shown);
  if (wording.length < 3 || wording === normalize(question)) return null;
  return { text: shown, wording };
}
