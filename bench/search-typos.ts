/**
 * Synthetic typos benchmark. Run: `npm run bench:typos`. Prints JSON: top-1 on every keyword
 * of the dev FAQs as written and with one slip in one word (tests/fixtures/search-eval/
 * synthetic-typos.ts), for Pasokh, minisearch (BM25, prefix and fuzzy on, our normaliser) and
 * plain fuse.js in the same process, per locale.
 * `tuning` is the dev FAQs tuning may look at, `validation` the ones read as aggregates only.
 */
import { evaluate, loadEval, loadFreshDev, VALIDATION_FAQS, type EvalFaq } from '../tests/fixtures/search-eval/index.js';
import { keywordQueries } from '../tests/fixtures/search-eval/synthetic-typos.js';
import { RANKERS } from './lib/search-rankers.js';

const all = [...loadEval('dev'), ...loadFreshDev()];

function report(faqs: EvalFaq[]): unknown {
  const { clean, typo } = keywordQueries(faqs);
  return {
    faqs: faqs.map((f) => f.faq),
    queries: typo.reduce((n, f) => n + f.queries.length, 0),
    ...Object.fromEntries(
      Object.entries(RANKERS).map(([name, make]) => {
        const slipped = evaluate(typo, make);
        return [
          name,
          {
            asWritten: evaluate(clean, make).top1.rate,
            oneSlip: slipped.top1.rate,
            oneSlipByLocale: Object.fromEntries(Object.entries(slipped.byLocale).map(([l, r]) => [l, r.top1.rate])),
          },
        ];
      }),
    ),
  };
}

console.log(
  JSON.stringify(
    {
      command: 'npm run bench:typos',
      tuning: report(all.filter((f) => !VALIDATION_FAQS.has(f.faq))),
      validation: report(all.filter((f) => VALIDATION_FAQS.has(f.faq))),
    },
    null,
    2,
  ),
);
