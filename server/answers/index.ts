/** Answers at the last step: search learned from use, and the console's suggested answers. */
import type { AnswerCard, SuggestedAnswer } from '../../protocol/answers.js';
import { visitorLocale } from '../relay/auto-ack.js';
import type { ConversationRecord } from '../store/store.js';
import { createAnswerLearning, entryOf, type AnswerLearning, type AnswerLearningDeps } from './learning.js';
import { createSuggester, latestVisitorText } from './suggest.js';

export type { AnswerLearning } from './learning.js';

export interface Answers {
  learning: AnswerLearning;
  /** FAQ entries and saved replies for the visitor's latest message (`query`). */
  suggest(conversation: ConversationRecord): Promise<{ query: string; answers: SuggestedAnswer[] }>;
  /** The card of a site's entry, or undefined for an entry the site's FAQ does not have. */
  card(site: string, entryId: string): AnswerCard | undefined;
  /** The agent sent `card` in the conversation: its visitor's latest message becomes a phrasing. */
  linked(conversation: ConversationRecord, card: AnswerCard, agentId: string): Promise<void>;
}

export function createAnswers(deps: AnswerLearningDeps): Answers {
  const learning = createAnswerLearning(deps);
  const suggester = createSuggester(deps.store);
  return {
    learning,
    async suggest(conversation) {
      const query = await latestVisitorText(deps.store, conversation);
      const library = deps.faq(conversation.site);
      const built = library ? await learning.payload(conversation.site, library) : undefined;
      // The language of the page the visitor wrote from: "PDF?" from a Persian page is asked in Persian.
      const site = deps.site(conversation.site);
      const locale = site && visitorLocale(conversation.context.locale, site.locale);
      return { query, answers: await suggester.suggest(conversation.site, built, query, locale) };
    },
    card(site, entryId) {
      const entry = entryOf(deps, site, entryId);
      return entry && { entryId: entry.id, title: entry.question };
    },
    async linked(conversation, card, agentId) {
      const text = await latestVisitorText(deps.store, conversation);
      if (text) await learning.learnFromCard(conversation.site, card.entryId, text, agentId);
    },
  };
}
