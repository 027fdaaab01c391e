import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pairTranslations } from '../../protocol/translations.js';
import type { FaqEntry } from '../../protocol/types.js';
import { createFaqSearch as searchPayload, type TypoMatcherFactory } from '../../widget/search/faq-search.js';
import { createTypoMatcher } from '../../widget/search/fuzzy.js';
import { buildSearchIndex, createFaqSearch, toSearchDocs } from '../../widget/search/index.js';

const entries = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../demo/faq.json'), 'utf8')) as FaqEntry[];
const docs = toSearchDocs(entries);
// Built as the server builds the payload's index: with the entries' translations paired.
const index = buildSearchIndex(docs, { vocabulary: true, translations: pairTranslations(entries) });

describe('fuse.js on the first typo (the widget’s search path)', () => {
  it('finds correctly typed words without fuse.js and asks for it only when a typo needs it', () => {
    let asked = 0;
    const search = searchPayload(docs, { index, fuzzy: () => undefined, onFuzzyNeeded: () => asked++ });
    expect(search.search('refund')[0]?.id).toMatch(/refund/);
    expect(asked).toBe(0);
    expect(search.search('refnud')).toEqual([]);
    expect(asked).toBeGreaterThan(0);
  });

  it('does not fetch fuse.js for a filler word the FAQ does not have', () => {
    let asked = 0;
    const search = searchPayload(docs, { index, locale: 'fa', fuzzy: () => undefined, onFuzzyNeeded: () => asked++ });
    // «نمیشه» (spoken "can't") is filler, not a misspelling to look up.
    expect(search.search('لغو اشتراک نمیشه')[0]?.id).toBe('fa-cancel-subscription');
    expect(asked).toBe(0);
  });

  it('answers the same typo once fuse.js has arrived, with no stale cached miss', () => {
    let matcher: TypoMatcherFactory | undefined;
    const search = searchPayload(docs, { index, fuzzy: () => matcher });
    expect(search.search('refnud')).toEqual([]);
    matcher = createTypoMatcher;
    const late = search.search('refnud').map((hit) => hit.id);
    expect(late).toEqual(
      createFaqSearch(entries)
        .search('refnud')
        .map((hit) => hit.id),
    );
    expect(late[0]).toMatch(/refund/);
  });

  it('keeps the public createFaqSearch synchronous and typo-tolerant from the first call', () => {
    expect(createFaqSearch(entries).search('shiping cost')[0]?.id).toBe('en-shipping-cost');
  });
});
