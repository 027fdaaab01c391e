/**
 * FAQ answers inside the chat, a lazy chunk fetched with the chat's: up to three answers matching
 * what the visitor is typing in the message box ("These may answer it"), and the answer cards an
 * agent sends. Either opens the article; opening a suggestion is recorded as a deflection. It
 * searches with the FAQ index the panel already loaded, so it costs no request.
 */
import type { FunctionComponent } from 'preact';
import type { AnswerCard } from '../../protocol/answers.js';
import type { FaqSearchDoc } from '../../protocol/faq.js';
import { answerStrings } from '../i18n/answer-strings.js';
import { addStrings, t } from '../i18n/runtime.js';
import { searchMessage } from '../search/message.js';
import type { Reporter } from './beacon.js';
import type { FaqIndex, FaqSource } from './faq-source.js';
import type { Store, UiState } from './state.js';
import css from './chat-answers.css?inline';

addStrings(answerStrings);

/** The stylesheet, added to the shadow root with the chat's. */
export { css };

/** What the chat view renders from this chunk. */
export interface ChatAnswers {
  /** Up to three answers for the message box's draft, in the panel's language. */
  Suggestions: FunctionComponent<{ draft: string }>;
  /** A message's answer card (the message itself is its props). */
  Card: FunctionComponent<{ card?: AnswerCard }>;
}

/** Suggestions shown at most, and the shortest draft that gets any. */
const MAX_SUGGESTIONS = 3;
const MIN_DRAFT = 3;

export function createChatAnswers(store: Store<UiState>, faq: FaqSource, reporter: Reporter): ChatAnswers {
  // The article's Back returns to the chat the visitor opened it from.
  const open = (articleId: string) =>
    store.set({ view: 'article', articleId, back: 'chat', focusTick: store.get().focusTick + 1 });
  // The chat view re-renders on every message, typing indicator and presence change: the last
  // draft's answers are kept for its index (one per locale and FAQ version), and dropped when
  // the FAQ source changes (fuse.js arriving finds typos the first search could not).
  let last: { query: string; index: FaqIndex | null; docs: FaqSearchDoc[] } | undefined;
  faq.subscribe(() => (last = undefined));
  return {
    Suggestions({ draft }) {
      const { locale } = store.get();
      const query = draft.trim();
      const index = query.length >= MIN_DRAFT ? faq.index(locale) : null;
      if (last?.query !== query || last.index !== index) {
        const docs = index
          ? searchMessage(index.search, query, MAX_SUGGESTIONS).flatMap((hit) => index.docs.get(hit.id) ?? [])
          : [];
        last = { query, index, docs };
      }
      const { docs } = last;
      if (!docs.length) return null;
      return (
        <section class="may-answer" aria-labelledby="pasokh-may-answer">
          <h3 id="pasokh-may-answer" class="title">
            {t(locale, 'mayAnswer')}
          </h3>
          <ul class="results">
            {docs.map((doc) => (
              <li key={doc.id}>
                <a
                  href={`#faq-${doc.id}`}
                  lang={doc.locale}
                  dir="auto"
                  onClick={(event) => {
                    event.preventDefault(); // The href only makes it a link; the host page's URL stays.
                    reporter.report({ kind: 'deflect', query: query.slice(0, 200), articleId: doc.id, locale });
                    open(doc.id);
                  }}
                >
                  {doc.question}
                </a>
              </li>
            ))}
          </ul>
        </section>
      );
    },
    Card({ card }) {
      if (!card) return null;
      return (
        <button type="button" class="answer-card" dir="auto" onClick={() => open(card.entryId)}>
          {card.title}
        </button>
      );
    },
  };
}
