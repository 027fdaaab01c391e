/**
 * How far V8 lets the old generation grow past what survived the last major collection before
 * it starts the next one (issue 4's tail latency).
 *
 * Relaying a message allocates ~60 KB on the server's thread (twenty agents' frames, the
 * store's reply), and per-socket objects that a socket replaces with each of its messages live
 * about as long as the time between two young-generation collections, so ~1–3 MB/s reach the
 * old generation at 2,000 messages/s. With V8's own adaptive factor (about 1.7 here) that
 * started a major collection every few seconds, and each one — incremental marking, helper
 * threads on both cores, a 3–15 ms pause — held up every message for ~35 ms: 70–80 messages
 * over 15 ms per collection, as many as the p99 of a 4-second phase allows. These slow
 * clusters lined up with the major collections in every run we traced. At 300% (a factor of
 * 4, the top of V8's own range) no major collection fell in the bench's latency phases.
 *
 * The cost is memory under sustained load, not at rest: garbage waits longer in the old
 * generation (bench RSS during the latency phases ~520 MB instead of ~360 MB). Memory per idle
 * visitor is measured after a full collection and did not change. Set
 * PASOKH_HEAP_GROWTH_PERCENT=0 on a small machine to leave V8's choice.
 */
import v8 from 'node:v8';

export const DEFAULT_HEAP_GROWTH_PERCENT = 300;
export const MAX_HEAP_GROWTH_PERCENT = 1000;

/**
 * Applies to every isolate in the process, the SQLite thread's too. V8 reads this flag each
 * time it sets the next collection's limit, so it takes effect from the next major collection.
 */
export function tuneOldGenerationGrowth(percent: number, setFlags: (flags: string) => void = v8.setFlagsFromString): void {
  if (percent > 0) setFlags(`--heap-growing-percent=${percent}`);
}
