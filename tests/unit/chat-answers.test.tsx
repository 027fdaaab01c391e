/**
 * The chat's answer suggestions search the FAQ once per draft, not on each render of the chat
 * view (every message, typing indicator and presence change re-renders it), and again when the
 * FAQ source changes (fuse.js arriving, a new FAQ version).
 */
import { describe, expect, it } from 'vitest';
import type { FaqPayload } from '../../protocol/faq.js';
import type { FaqEntry } from '../../protocol/types.js';
import { buildFaqPayload } from '../../server/faq/payload.js';
import { createChatAnswers } from '../../widget/app/chat-answers.js';
import type { FaqIndex, FaqSource } from '../../widget/app/faq-source.js';
import { createStore, type UiState } from '../../widget/app/state.js';
import { createFaqSearch } from '../../widget/search/faq-search.js';

const entries: FaqEntry[] = [
  { id: 'en-refund', locale: 'en', question: 'What is the refund policy?', answer: 'Within 14 days of purchase.' },
  { id: 'en-shipping', locale: 'en', question: 'How long does shipping take?', answer: 'Three to five days.' },
];

/** The widget's real search over the payload the server would serve, counting its searches. */
function countedIndex(): { index: FaqIndex; searches: string[] } {
  const payload = JSON.parse(buildFaqPayload('default', entries, true).body) as FaqPayload;
  const search = createFaqSearch(payload.docs, { index: payload.index, vocabulary: payload.vocabulary });
  const searches: string[] = [];
  const counted: typeof search = {
    ...search,
    search: (query, limit) => {
      searches.push(query);
      return search.search(query, limit);
    },
  };
  return { index: { search: counted, docs: new Map(payload.docs.map((d) => [d.id, d])), popular: [] }, searches };
}

function setUp() {
  const { index, searches } = countedIndex();
  const listeners = new Set<() => void>();
  const faq: FaqSource = {
    status: () => 'ready',
    index: () => index,
    retry: () => {},
    revalidate: () => {},
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
  const store = createStore<UiState>({
    open: true,
    view: 'chat',
    query: '',
    articleId: null,
    locale: 'en',
    user: undefined,
    focusTick: 0,
    unread: 0,
  });
  const answers = createChatAnswers(store, faq, { report: () => {}, flush: () => {} });
  return { answers, searches, changed: () => listeners.forEach((l) => l()) };
}

describe('answer suggestions in the chat', () => {
  it('searches once per draft however often the chat view renders, and again when the FAQ changes', () => {
    const { answers, searches, changed } = setUp();
    for (let i = 0; i < 5; i++) expect(answers.Suggestions({ draft: 'refund policy' })).not.toBeNull();
    expect(searches).toEqual(['refund policy']);
    answers.Suggestions({ draft: 'refund policy ' }); // the same words
    answers.Suggestions({ draft: 'shipping' });
    answers.Suggestions({ draft: 'shipping' });
    expect(searches).toEqual(['refund policy', 'shipping']);
    changed();
    answers.Suggestions({ draft: 'shipping' });
    expect(searches).toEqual(['refund policy', 'shipping', 'shipping']);
  });
});
