/**
 * Search for a chat message, which may be long: the chat box searches the visitor's draft for
 * answers ("These may answer it"), the server the sent message for the agent's suggestions.
 * Someone writing to a person often tells a story before the question, or thanks them after
 * it. Searched whole, the question is drowned by the story's words or, past the fortieth word,
 * not read at all; so a long message is also searched a sentence at a time.
 */
import type { FaqHit } from '../../protocol/faq.js';
import { MAX_WORDS, type FaqSearch } from './faq-search.js';
import { tokenize } from './normalize.js';

/** All a message search needs of the FAQ's search. */
type Searcher = Pick<FaqSearch, 'search'>;

/**
 * A message of more words than this is also searched by sentence. A shorter one is searched
 * whole only: its sentences need each other ("My daughter is 13. Can she have her own number?").
 */
const STORY_WORDS = 20;
/** How many sentences of a long message are searched, from its end, where a draft grows. */
const MAX_SENTENCES = 6;
/**
 * The most words those sentences may have together, each counted up to the forty a search
 * reads: a word the FAQ lacks costs a typo search, and six sentences of forty words would
 * cost six times what the whole message does. Eighty still reach a question followed by a
 * paragraph of thanks.
 */
const MAX_SENTENCE_WORDS = 80;
const SENTENCE_END = /(?<=[.!?؟\n])\s+/;

/** Per searcher, each sentence's hits: typing a long message changes only its last sentence. */
const bySentence = new WeakMap<Searcher, Map<string, FaqHit[]>>();

/** The hits of `sentence`, kept for the next keystroke. */
function sentenceHits(search: Searcher, sentence: string, limit: number): FaqHit[] {
  let kept = bySentence.get(search);
  if (!kept) bySentence.set(search, (kept = new Map()));
  const key = `${limit}\n${sentence}`;
  let hits = kept.get(key);
  if (!hits) {
    if (kept.size >= 50) kept.clear();
    kept.set(key, (hits = search.search(sentence, limit)));
  }
  return hits;
}

/**
 * The sentences of `message` to search on their own, in order: its last ones, within
 * `MAX_SENTENCES` and `MAX_SENTENCE_WORDS`; none when it is one sentence.
 */
function lastSentences(message: string): string[] {
  const sentences = message.split(SENTENCE_END).filter((s) => /[\p{L}\p{N}]/u.test(s));
  const last: string[] = [];
  if (sentences.length < 2) return last;
  for (let i = sentences.length - 1, words = 0; i >= 0 && last.length < MAX_SENTENCES; i--) {
    words += Math.min(MAX_WORDS, tokenize(sentences[i] as string).length);
    if (words > MAX_SENTENCE_WORDS) break;
    last.unshift(sentences[i] as string);
  }
  return last;
}

/**
 * The hits of whichever reads best, the whole message (its first forty words) or one of its
 * last sentences: the one whose first hit covers the most of what it asks.
 */
export function searchMessage(search: Searcher, message: string, limit = 5): FaqHit[] {
  const whole = search.search(message, limit);
  if (tokenize(message).length <= STORY_WORDS) return whole;
  return lastSentences(message).reduce((best, sentence) => {
    const hits = sentenceHits(search, sentence, limit);
    return hits[0] && (!best[0] || hits[0].score < best[0].score) ? hits : best;
  }, whole);
}
