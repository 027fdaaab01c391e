/**
 * Synthetic typos benchmark. Run: `npm run bench:typos`. Prints JSON: top-1 on every keyword
 * of the dev FAQs as written and with one slip in one word (tests/fixtures/search-eval/
 * synthetic-typos.ts), for Pasokh, minisearch (BM25, prefix and fuzzy on, our normaliser) and
 * plain fuse.js in the same process, per locale. Then `otherLayout`: every written dev query
 * typed with the keyboard on the other language (tests/fixtures/search-eval/other-layout.ts),
 * top-1 and out-of-scope no-hit per locale against the same queries typed right (their
 * keystroke time at 2,000 entries is in `npm run bench:search`).
 * `tuning` is the dev FAQs tuning may look at, `validation` the ones read as aggregates only.
 */
import {
  BLIND_SETS,
  evaluate,
  loadBlindDev,
  loadEval,
  loadFreshDev,
  VALIDATION_FAQS,
  type EvalFaq,
} from '../tests/fixtures/search-eval/index.js';
import { otherLayoutQueries } from '../tests/fixtures/search-eval/other-layout.js';
import { keywordQueries } from '../tests/fixtures/search-eval/synthetic-typos.js';
import { RANKERS } from './lib/search-rankers.js';

const all = [...loadEval('dev'), ...loadFreshDev()];
// Every written dev query set, the blind ones too: the other layout retypes written queries.
const written = [...all, ...BLIND_SETS.flatMap((file) => loadBlindDev(file))];

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

function otherLayout(faqs: EvalFaq[]): unknown {
  const { asTyped, otherLayout: retyped } = otherLayoutQueries(faqs);
  const rates = (set: EvalFaq[]) => evaluate(set, RANKERS.pasokhOnPage).byLocale;
  return {
    queries: retyped.reduce((n, f) => n + f.queries.length, 0),
    asTyped: rates(asTyped),
    otherLayout: rates(retyped),
  };
}

console.log(
  JSON.stringify(
    {
      command: 'npm run bench:typos',
      tuning: report(all.filter((f) => !VALIDATION_FAQS.has(f.faq))),
      validation: report(all.filter((f) => VALIDATION_FAQS.has(f.faq))),
      otherLayout: {
        tuning: otherLayout(written.filter((f) => !VALIDATION_FAQS.has(f.faq))),
        validation: otherLayout(written.filter((f) => VALIDATION_FAQS.has(f.faq))),
      },
    },
    null,
    2,
  ),
);
