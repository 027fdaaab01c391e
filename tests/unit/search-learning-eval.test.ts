/**
 * What learning from use buys, on the dev FAQs the engine is tuned on (with all their query
 * sets): half of each entry's queries learned as an agent's answer card teaches them, the
 * other half asked (`npm run bench:learning -- --dev` prints the figures). Floors a little
 * below what the engine scores.
 */
import { describe, expect, it } from 'vitest';
import type { FaqEntry } from '../../protocol/types.js';
import { learnedRanker, RANKERS } from '../../bench/lib/search-rankers.js';
import { BLIND_SETS, evaluate, loadBlindDev, loadEval, loadFreshDev, VALIDATION_FAQS } from '../fixtures/search-eval/index.js';
import { learningFolds, mergeByFaq } from '../fixtures/search-eval/learning.js';

const faqs = mergeByFaq([loadEval('dev'), loadFreshDev(), ...BLIND_SETS.map((file) => loadBlindDev(file))]).filter(
  (faq) => !VALIDATION_FAQS.has(faq.faq),
);

describe('search that learns from use', () => {
  it(
    'finds more new wordings of what it learned, and shows little more for questions the FAQ cannot answer',
    { timeout: 60_000 },
    () => {
      const folds = learningFolds(faqs);
      const learned = new Map<readonly FaqEntry[], Map<string, string[]>>(folds.map((f) => [f.faq.entries, f.learned]));
      const asked = folds.map((f) => f.faq);
      const before = evaluate(asked, RANKERS.pasokhOnPage);
      const after = evaluate(
        asked,
        learnedRanker((entries) => learned.get(entries)),
      );
      const rate = (report: typeof before, kind: string): number => report.byKind[kind]?.rate ?? NaN;
      expect(folds.every((f) => f.learned.size > 0)).toBe(true);
      expect(after.top1.rate).toBeGreaterThanOrEqual(before.top1.rate + 0.01);
      expect(rate(after, 'paraphrase')).toBeGreaterThanOrEqual(rate(before, 'paraphrase') + 0.04);
      expect(rate(after, 'typo')).toBeGreaterThanOrEqual(rate(before, 'typo'));
      // A learned wording's filler ("can you tell me when") is not indexed, so a question that
      // shares only filler with it finds nothing.
      expect(rate(after, 'out-of-scope')).toBeGreaterThanOrEqual(rate(before, 'out-of-scope') - 0.02);
    },
  );
});
