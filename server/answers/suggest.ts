/**
 * Suggested answers for the agent: FAQ entries the site's own search finds for the visitor's
 * latest message (learned phrasings included), then saved replies sharing its words.
 */
import { ANSWERS, type SuggestedAnswer } from '../../protocol/answers.js';
import type { FaqPayload } from '../../protocol/faq.js';
import type { Locale } from '../../protocol/types.js';
import type { ConversationRecord, SavedReplyRecord, Store } from '../store/store.js';
import { createFaqSearch, searchMessage, type FaqSearch } from '../../widget/search/index.js';
import type { BuiltPayload } from '../faq/payload.js';
import { informativeWords } from './words.js';

const FAQ_SUGGESTIONS = 3;
/** A saved reply is suggested when it shares this many of the message's informative words (fewer if the message has fewer). */
const REPLY_SHARED_WORDS = 2;

/** The text of the visitor's newest message in the conversation, or '' when there is none yet. */
export async function latestVisitorText(store: Store, conversation: ConversationRecord): Promise<string> {
  const recent = await store.listMessages(conversation.id, {
    afterSeq: Math.max(0, conversation.lastSeq - 30),
    includeInternal: false,
  });
  return recent.filter((m) => m.author.kind === 'visitor').pop()?.text ?? '';
}

/** Saved replies of the site (or of every site) sharing the message's informative words, most first. */
function matchingReplies(replies: readonly SavedReplyRecord[], site: string, text: string): SuggestedAnswer[] {
  const words = [...informativeWords(text)];
  const needed = Math.min(REPLY_SHARED_WORDS, words.length);
  if (!needed) return [];
  return replies
    .filter((r) => r.site === null || r.site === site)
    .map((r) => {
      const own = informativeWords(`${r.title} ${r.text}`);
      return { r, shared: words.filter((w) => own.has(w)).length };
    })
    .filter(({ shared }) => shared >= needed)
    .sort((a, b) => b.shared - a.shared)
    .map(({ r }) => ({ kind: 'reply', id: r.id, title: r.title, text: r.text }));
}

export function createSuggester(store: Store) {
  const searches = new Map<string, { version: string; search: FaqSearch; byId: Map<string, FaqPayload['docs'][number]> }>();

  /**
   * The site's search over the payload visitors get, with the visitor's page locale as the
   * widget searches, built once per payload version and locale.
   */
  function searchOf(site: string, built: BuiltPayload, locale: Locale | undefined) {
    const key = `${site}\n${locale ?? ''}`;
    const cached = searches.get(key);
    if (cached?.version === built.version) return cached;
    const payload = JSON.parse(built.body) as FaqPayload;
    const next = {
      version: built.version,
      byId: new Map(payload.docs.map((d) => [d.id, d])),
      search: createFaqSearch(payload.docs, { index: payload.index, vocabulary: payload.vocabulary, locale }),
    };
    searches.set(key, next);
    return next;
  }

  return {
    /**
     * FAQ entries first (those in the visitor's `locale` ahead of the others), then saved
     * replies; at most ANSWERS.suggestions.
     */
    async suggest(site: string, built: BuiltPayload | undefined, text: string, locale?: Locale): Promise<SuggestedAnswer[]> {
      if (!text.trim()) return [];
      const faq: SuggestedAnswer[] = [];
      if (built) {
        const { search, byId } = searchOf(site, built, locale);
        for (const hit of searchMessage(search, text, FAQ_SUGGESTIONS)) {
          const doc = byId.get(hit.id);
          if (doc) faq.push({ kind: 'faq', id: doc.id, title: doc.question, text: doc.excerpt, locale: doc.locale });
        }
      }
      const replies = matchingReplies(await store.listSavedReplies(null), site, text);
      return [...faq, ...replies].slice(0, ANSWERS.suggestions);
    },
  };
}

export type Suggester = ReturnType<typeof createSuggester>;
