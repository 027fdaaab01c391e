/**
 * The informative words of a text, as the server's answer features compare texts: normalised,
 * filler of both locales left out, stemmed as the search index has them.
 */
import { tokenize } from '../../widget/search/normalize.js';
import { stem } from '../../widget/search/stem.js';
import { STOP_WORDS } from '../../widget/search/vocabulary.js';

/** The filler words of both locales, normalised. */
export const STOP: ReadonlySet<string> = new Set(tokenize(`${STOP_WORDS.en} ${STOP_WORDS.fa}`));

/** The informative words of a text, stemmed. */
export const informativeWords = (text: string): Set<string> =>
  new Set(
    tokenize(text)
      .filter((w) => !STOP.has(w))
      .map(stem),
  );
