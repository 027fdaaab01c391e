/**
 * FAQ search benchmark (issue 3). Run: `npx tsx bench/search.ts` (or `npm run bench:search`).
 * Prints JSON: quality on the dev set (tests/fixtures/search-eval.json over demo/faq.json),
 * per-keystroke latency and index load time at 500 / 2,000 / 10,000 generated entries, and
 * the search payload's gzip size against the whole FAQ's, each beside plain fuse.js with
 * default options over question + answer, measured in the same process.
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { gzipSync } from 'node:zlib';
import Fuse from 'fuse.js';
import type { FaqEntry } from '../protocol/types.js';
import { buildFaqPayload } from '../server/faq/payload.js';
import { createFaqSearch } from '../widget/search/index.js';

interface EvalCase { query: string; expect: string[]; kind: string }

const root = new URL('..', import.meta.url);
const demo = JSON.parse(readFileSync(new URL('demo/faq.json', root), 'utf8')) as FaqEntry[];
const evals = JSON.parse(readFileSync(new URL('tests/fixtures/search-eval.json', root), 'utf8')) as EvalCase[];

/** Deterministic PRNG (mulberry32) so every run generates the same FAQ. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A FAQ of `size` entries in the demo FAQ's two languages: questions are demo questions with
 * words swapped for others of the same locale, answers ~80 words stitched from runs of demo
 * answer text (so word pairs stay plausible), keywords drawn from the demo's keywords.
 */
function generateFaq(size: number, seed = 42): FaqEntry[] {
  const rand = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const byLocale = { en: demo.filter((e) => e.locale === 'en'), fa: demo.filter((e) => e.locale === 'fa') };
  const words = {
    en: byLocale.en.flatMap((e) => e.answer.split(/\s+/)),
    fa: byLocale.fa.flatMap((e) => e.answer.split(/\s+/)),
  };
  const out: FaqEntry[] = [];
  for (let k = 0; k < size; k++) {
    const locale = k % 2 ? 'fa' : 'en';
    const base = pick(byLocale[locale]);
    const pool = words[locale];
    const q = base.question.split(' ');
    for (let s = 0; s < 2; s++) q.splice(Math.floor(rand() * q.length), 1, pick(pool).replace(/[*_[\]()#]/g, ''));
    const answer: string[] = [];
    while (answer.length < 80) {
      const at = Math.floor(rand() * pool.length);
      answer.push(...pool.slice(at, at + 6 + Math.floor(rand() * 8)));
    }
    const entry: FaqEntry = { id: `${locale}-gen-${k}`, locale, question: q.join(' '), answer: answer.slice(0, 80).join(' ') };
    if (rand() < 0.5) entry.keywords = [pick(byLocale[locale]).keywords?.[0] ?? 'help', pick(pool)];
    if (base.category) entry.category = base.category;
    out.push(entry);
  }
  return out;
}

/** Every prefix a visitor types on the way to each dev-set query. */
const keystrokes = evals.flatMap((e) => [...e.query].map((_, i) => e.query.slice(0, i + 1)).filter((s) => s.trim()));
/** The same deterministic sample for both engines, since the baseline is slow. */
const sample = keystrokes.filter((_, i) => i % Math.ceil(keystrokes.length / 150) === 0);

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

function stats(samples: number[]): { mean: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  return { mean: round(mean, 4), p95: round(sorted[Math.floor(sorted.length * 0.95)] ?? 0, 4) };
}

const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;

type Ranker = (query: string) => string[];

function quality(rank: Ranker): { top1: number; recallAt3: number; outOfScopeNoHit: number } {
  let top1 = 0;
  let recall = 0;
  let inScope = 0;
  let noHit = 0;
  let outOfScope = 0;
  for (const e of evals) {
    const ids = rank(e.query);
    if (!e.expect.length) {
      outOfScope++;
      if (!ids.length) noHit++;
      continue;
    }
    inScope++;
    if (ids[0] && e.expect.includes(ids[0])) top1++;
    if (ids.slice(0, 3).some((id) => e.expect.includes(id))) recall++;
  }
  return { top1: round(top1 / inScope), recallAt3: round(recall / inScope), outOfScopeNoHit: round(noHit / outOfScope) };
}

const BASELINE_KEYS = ['question', 'answer'];

function devSet(): unknown {
  const pasokh = createFaqSearch(demo);
  const fuse = new Fuse(demo, { keys: BASELINE_KEYS });
  const ours = quality((q) => pasokh.search(q).map((h) => h.id));
  const plain = quality((q) => fuse.search(q).map((r) => r.item.id));
  return {
    entries: demo.length,
    queries: evals.length,
    pasokh: ours,
    fuseDefault: plain,
    ratio: { top1: round(ours.top1 / plain.top1, 2), outOfScopeNoHit: round(ours.outOfScopeNoHit / Math.max(plain.outOfScopeNoHit, 0.001), 2) },
  };
}

function atSize(size: number): unknown {
  const entries = generateFaq(size);
  const payload = buildFaqPayload('bench', entries, true);
  const body = payload.body;
  const baselineIndex = JSON.stringify(Fuse.createIndex(BASELINE_KEYS, entries).toJSON());

  // Load as the browser does: parse the served JSON, then build the searcher from it.
  let pasokh = createFaqSearch([]);
  const loads: number[] = [];
  for (let i = 0; i < 6; i++) {
    loads.push(time(() => {
      const p = JSON.parse(body) as { docs: never[]; index: unknown };
      pasokh = createFaqSearch(p.docs, { index: p.index });
    }));
  }
  let fuse = new Fuse(entries, { keys: BASELINE_KEYS });
  const baseLoads: number[] = [];
  for (let i = 0; i < 5; i++) {
    baseLoads.push(time(() => {
      fuse = new Fuse(entries, { keys: BASELINE_KEYS }, Fuse.parseIndex(JSON.parse(baselineIndex)));
    }));
  }
  // The first load also compiles the code: reported apart as pasokhFirst.
  const cold = loads.shift() as number;
  // Warm the JIT on one instance, then measure fresh ones, so no query finds its words cached.
  for (const q of keystrokes) pasokh.search(q);
  const parsed = JSON.parse(body) as { docs: never[]; index: unknown };
  const fresh = createFaqSearch(parsed.docs, { index: parsed.index });
  const ours = stats(keystrokes.map((q) => time(() => fresh.search(q))));
  const again = createFaqSearch(parsed.docs, { index: parsed.index });
  const oursSample = stats(sample.map((q) => time(() => again.search(q))));
  for (const q of sample.slice(0, 5)) fuse.search(q);
  const plain = stats(sample.map((q) => time(() => fuse.search(q))));
  const loadOurs = stats(loads);
  const loadPlain = stats(baseLoads);
  const result: Record<string, unknown> = {
    entries: size,
    latencyMs: {
      pasokh: { ...ours, queries: keystrokes.length },
      pasokhSample: { ...oursSample, queries: sample.length },
      fuseDefault: { ...plain, queries: sample.length },
      speedup: { mean: round(plain.mean / oursSample.mean, 1), p95: round(plain.p95 / oursSample.p95, 1) },
    },
    indexLoadMs: { pasokh: loadOurs.mean, pasokhFirst: round(cold, 2), fuseDefault: loadPlain.mean, ratio: round(loadPlain.mean / loadOurs.mean, 2) },
  };
  if (size === 2000) {
    const payloadGzip = gzipSync(body).length;
    const wholeGzip = gzipSync(JSON.stringify(entries)).length;
    result.payloadGzipBytes = { payload: payloadGzip, wholeFaq: wholeGzip, ratio: round(payloadGzip / wholeGzip), target: 0.4 };
  }
  return result;
}

const report = {
  command: 'npx tsx bench/search.ts',
  machine: { node: process.version, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length },
  devSet: devSet(),
  sizes: [500, 2000, 10000].map(atSize),
};
console.log(JSON.stringify(report, null, 2));
