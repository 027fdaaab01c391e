/**
 * Synthetic typos benchmark. Run: `npm run bench:typos`. Prints JSON: top-1 on every keyword
 * of the dev FAQs as written and with one slip in one word (tests/fixtures/search-eval/
 * synthetic-typos.ts), for Pasokh, minisearch (BM25, prefix and fuzzy on, our normaliser) and
 * plain fuse.js in the same process, per locale and by the length of the word that slipped.
 * `tuning` is the dev FAQs tuning may look at, `validation` the ones read as aggregates only.
 */
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { createFaqSearch, tokenize } from '../widget/search/index.js';
import { evaluate, loadEval, loadFreshDev, type EvalFaq, type RankerFactory } from '../tests/fixtures/search-eval/index.js';
import { keywordQueries } from '../tests/fixtures/search-eval/synthetic-typos.js';

const VALIDATION = new Set(['travel', 'food', 'hosting', 'post']);
const all = [...loadEval('dev'), ...loadFreshDev()];

const RANKERS: Record<string, RankerFactory> = {
  pasokh: (entries) => {
    const search = createFaqSearch(entries);
    return (q) => search.search(q).map((h) => h.id);
  },
  minisearch: (entries) => {
    const mini = new MiniSearch({
      fields: ['question', 'answer'],
      tokenize,
      processTerm: (t) => t,
      searchOptions: { prefix: true, fuzzy: 0.2 },
    });
    mini.addAll(entries);
    return (q) => mini.search(q).map((r) => r.id as string);
  },
  fuseDefault: (entries) => {
    const fuse = new Fuse(entries, { keys: ['question', 'answer'] });
    return (q) => fuse.search(q).map((r) => r.item.id);
  },
};

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
      tuning: report(all.filter((f) => !VALIDATION.has(f.faq))),
      validation: report(all.filter((f) => VALIDATION.has(f.faq))),
    },
    null,
    2,
  ),
);
