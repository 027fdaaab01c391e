/**
 * What learning from use buys, on the dev FAQs the engine is tuned on (with all their query
 * sets): half of each entry's queries learned as an agent's answer card teaches them, the
 * other half asked (`npm run bench:learning -- --dev` prints the figures). Floors a little
 * below what the engine scores.
 */
import { describe, expect, it } from 'vitest';
import { learnedRanker, RANKERS } from '../../bench/lib/search-rankers.js';
import { BLIND_SETS, loadBlindDev, loadEval, loadFreshDev, VALIDATION_FAQS } from '../fixtures/search-eval/index.js';
import { evaluateLearning, mergeByFaq } from '../fixtures/search-eval/learning.js';

const faqs = mergeByFaq([loadEval('dev'), loadFreshDev(), ...BLIND_SETS.map((file) => loadBlindDev(file))]).filter(
  (faq) => !VALIDATION_FAQS.has(faq.faq),
);

describe('search that learns from use', () => {
  it(
    'finds more new wordings of what it learned, and shows little more for questions the FAQ cannot answer',
    { timeout: 60_000 },
    () => {
      const {
        learnedWordings,
        withoutLearning: before,
        withLearning: after,
      } = evaluateLearning(faqs, RANKERS.pasokhOnPage, learnedRanker);
      const rate = (report: typeof before, kind: string): number => report.byKind[kind]?.rate ?? NaN;
      expect(learnedWordings).toBeGreaterThan(1000);
      expect(after.top1.n).toBe(before.top1.n);
      expect(after.top1.rate).toBeGreaterThanOrEqual(before.top1.rate + 0.01);
      expect(rate(after, 'paraphrase')).toBeGreaterThanOrEqual(rate(before, 'paraphrase') + 0.04);
      expect(rate(after, 'typo')).toBeGreaterThanOrEqual(rate(before, 'typo'));
      // A learned wording's filler ("can you tell me when") is not indexed, so a question that
      // shares only filler with it finds nothing.
      expect(rate(after, 'out-of-scope')).toBeGreaterThanOrEqual(rate(before, 'out-of-scope') - 0.02);
    },
  );
});
