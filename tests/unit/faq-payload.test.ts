/**
 * The search payload's budget: a large FAQ must not make every visitor download every answer;
 * at 2,000 entries the payload (docs for the result list plus the inverted index over every
 * word of every answer) is at most 70% of the whole FAQ's gzip size.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { FaqPayload } from '../../protocol/faq.js';
import type { FaqEntry } from '../../protocol/types.js';
import { buildFaqPayload } from '../../server/faq/payload.js';
import { createFaqSearch } from '../../widget/search/faq-search.js';
import { generateFaq } from '../fixtures/generate-faq.js';
import { allEvalEntries } from '../fixtures/search-eval/index.js';

const entries = generateFaq(2000);

/** The payload's gzip size as a share of the whole FAQ's. */
const shareOfFaq = (faq: readonly FaqEntry[], body: string): number =>
  gzipSync(body).length / gzipSync(JSON.stringify(faq)).length;

describe('search payload at 2,000 entries', () => {
  const { body } = buildFaqPayload('test', entries, true);

  it('is at most 70% of the whole FAQ gzipped', () => {
    expect(shareOfFaq(entries, body)).toBeLessThanOrEqual(0.7);
  });
  it('is at most 70% of the whole FAQ gzipped for text people wrote, not generated', () => {
    // The evaluation FAQs together: 1,702 entries in fourteen domains, each word less common
    // than in generated text, so the index has more terms to send.
    const real = allEvalEntries();
    expect(real.length).toBeGreaterThan(1600);
    expect(shareOfFaq(real, buildFaqPayload('test', real, true).body)).toBeLessThanOrEqual(0.7);
  });
  it('loads into a search that finds a generated entry by its question', () => {
    const payload = JSON.parse(body) as FaqPayload;
    const search = createFaqSearch(payload.docs, { index: payload.index, vocabulary: payload.vocabulary });
    const doc = payload.docs[1234];
    expect(search.search(doc?.question ?? '', 10).map((h) => h.id)).toContain(doc?.id);
  });
  it('sends the vocabulary only when the site has it on', () => {
    const off = JSON.parse(buildFaqPayload('test', entries.slice(0, 50), false).body) as FaqPayload;
    const on = JSON.parse(buildFaqPayload('test', entries.slice(0, 50), true).body) as FaqPayload;
    expect(off.index).not.toHaveProperty('vocabulary');
    expect(on.index).toHaveProperty('vocabulary');
    expect(off.vocabulary).toBe(false);
  });
});
