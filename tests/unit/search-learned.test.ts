import { describe, expect, it } from 'vitest';
import type { FaqEntry } from '../../protocol/types.js';
import { buildFaqPayload } from '../../server/faq/payload.js';
import { createFaqSearch } from '../../widget/search/faq-search.js';
import type { FaqPayload } from '../../protocol/faq.js';

const entries: FaqEntry[] = [
  { id: 'en-refund', locale: 'en', question: 'What is the refund policy?', answer: 'Within 14 days of purchase.' },
  { id: 'en-wallet', locale: 'en', question: 'How do I get my cash back into my wallet?', answer: 'Open the wallet page.' },
  { id: 'en-shipping', locale: 'en', question: 'How long does shipping take?', answer: 'Three to five days.' },
];

/** The widget's search over the payload the server would serve. */
function served(learned?: Map<string, string[]>) {
  const payload = JSON.parse(buildFaqPayload('default', entries, true, learned).body) as FaqPayload;
  return { payload, search: createFaqSearch(payload.docs, { index: payload.index, vocabulary: payload.vocabulary }) };
}

describe('learned phrasings in the search index', () => {
  it('finds an entry by a wording visitors taught it, which its own text does not have', () => {
    expect(served().search.search('parcel arrive late')).toEqual([]);
    const { search } = served(new Map([['en-shipping', ['when will my parcel arrive']]]));
    expect(search.search('parcel arrive late')[0]?.id).toBe('en-shipping');
  });

  it('ranks a learned match below an entry whose own question matches', () => {
    const { search } = served(new Map([['en-refund', ['how do i get my cash back']]]));
    const ids = search.search('get my cash back').map((h) => h.id);
    expect(ids.slice(0, 2)).toEqual(['en-wallet', 'en-refund']);
    const [own, learned] = search.search('get my cash back');
    expect(own!.score).toBeLessThan(learned!.score);
  });

  it('counts a learned wording above the answer text but below the question', () => {
    // "purchase" is in the refund answer; the same word learned for shipping counts more.
    const { search } = served(new Map([['en-shipping', ['purchase']]]));
    expect(search.search('purchase').map((h) => h.id)[0]).toBe('en-shipping');
  });

  it("learns a visitor's words, not the filler around them", () => {
    const { search } = served(new Map([['en-shipping', ['hi can you tell me when my parcel will be here please']]]));
    expect(search.search('when will my parcel be here')[0]?.id).toBe('en-shipping');
    // Only "can you tell me when … will be here" in common: nothing the FAQ answers.
    expect(search.search('can you tell me when the bitcoin will be here')).toEqual([]);
  });

  it('changes the version (and so the ETag) when what was learned changes, and ships no wording text', () => {
    const plain = served().payload;
    const taught = served(new Map([['en-refund', ['money returned']]])).payload;
    expect(taught.version).not.toBe(plain.version);
    expect(served(new Map()).payload.version).toBe(plain.version);
    expect(JSON.stringify(taught.docs)).not.toContain('money returned');
  });
});
