/**
 * Floors on the development evaluation set (issue 3): 180 queries as visitors type them,
 * written before the ranking was tuned. `npx tsx bench/search.ts` prints the full figures.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FaqEntry } from '../../protocol/types.js';
import { createFaqSearch } from '../../widget/search/index.js';

interface EvalCase { query: string; expect: string[]; kind: string; clean?: string }

const read = <T>(path: string): T => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as T;
const demo = read<FaqEntry[]>('../../demo/faq.json');
const cases = read<EvalCase[]>('../fixtures/search-eval.json');
const search = createFaqSearch(demo);

const topIsRight = (query: string, expected: string[]): boolean => {
  const first = search.search(query)[0]?.id;
  return first !== undefined && expected.includes(first);
};
const rate = (list: boolean[]): number => list.filter(Boolean).length / list.length;

describe('search on the development evaluation set', () => {
  it('has at least 150 queries, about half Persian, and 25 a FAQ cannot answer', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    const persian = cases.filter((c) => /[\u0600-\u06FF]/.test(c.query)).length;
    expect(persian / cases.length).toBeGreaterThan(0.4);
    expect(cases.filter((c) => c.kind === 'out-of-scope').length).toBeGreaterThanOrEqual(25);
  });

  it('ranks an acceptable answer first for at least 92% of answerable queries', () => {
    const answerable = cases.filter((c) => c.expect.length);
    expect(rate(answerable.map((c) => topIsRight(c.query, c.expect)))).toBeGreaterThanOrEqual(0.92);
  });

  it('shows nothing for at least 85% of the queries the FAQ cannot answer', () => {
    const outOfScope = cases.filter((c) => c.kind === 'out-of-scope');
    expect(rate(outOfScope.map((c) => search.search(c.query).length === 0))).toBeGreaterThanOrEqual(0.85);
  });

  it('finds Persian written with Arabic letters, diacritics or without half-spaces as well as clean Persian', () => {
    const variants = cases.filter((c) => c.kind === 'persian-variant');
    const variantRate = rate(variants.map((c) => topIsRight(c.query, c.expect)));
    const cleanRate = rate(variants.map((c) => topIsRight(c.clean ?? c.query, c.expect)));
    expect(variants.length).toBeGreaterThanOrEqual(20);
    expect(variantRate).toBeGreaterThanOrEqual(cleanRate - 0.05);
  });
});
