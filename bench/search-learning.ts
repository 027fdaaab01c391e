/**
 * What search learning from use buys. Run: `npx tsx bench/search-learning.ts` (or
 * `npm run bench:learning`). Of each entry's answerable evaluation queries every other one is
 * learned, as an agent's answer card teaches it, and the others are asked as new visitors'
 * wordings; then the halves swap (tests/fixtures/search-eval/learning.ts). Prints JSON: top-1
 * per kind of the held-out queries, and out-of-scope no-hit (asked with each half learned),
 * without and with the learned wordings, searched as the widget searches (the page's locale).
 * The test split by default; `--dev` every dev FAQ with all its query sets, the FAQs tuned on
 * and the validation FAQs apart.
 */
import { learnedRanker, RANKERS } from './lib/search-rankers.js';
import {
  BLIND_SETS,
  loadBlindDev,
  loadEval,
  loadFreshDev,
  VALIDATION_FAQS,
  type EvalFaq,
  type EvalReport,
} from '../tests/fixtures/search-eval/index.js';
import { evaluateLearning, mergeByFaq } from '../tests/fixtures/search-eval/learning.js';

/** A report's figures, without the misses. */
const figures = ({ top1, byKind }: EvalReport): Pick<EvalReport, 'top1' | 'byKind'> => ({ top1, byKind });

/** Held-out top-1 per kind and out-of-scope no-hit over `faqs`, without and with learning. */
function measure(faqs: readonly EvalFaq[]): object {
  const { learnedWordings, withoutLearning, withLearning } = evaluateLearning(faqs, RANKERS.pasokhOnPage, learnedRanker);
  return {
    faqs: faqs.map((f) => f.faq),
    learnedWordings,
    withoutLearning: figures(withoutLearning),
    withLearning: figures(withLearning),
  };
}

const dev = process.argv.includes('--dev');
const report = dev
  ? (() => {
      const all = mergeByFaq([loadEval('dev'), loadFreshDev(), ...BLIND_SETS.map((file) => loadBlindDev(file))]);
      return {
        split: 'dev',
        tuning: measure(all.filter((f) => !VALIDATION_FAQS.has(f.faq))),
        validation: measure(all.filter((f) => VALIDATION_FAQS.has(f.faq))),
      };
    })()
  : { split: 'test', ...measure(loadEval('test')) };
console.log(JSON.stringify({ command: `npm run bench:learning${dev ? ' -- --dev' : ''}`, ...report }, null, 2));
