/**
 * How far V8 lets the old generation grow past what survived the last major collection before
 * it starts the next one (issue 4's tail latency).
 *
 * Relaying a message allocates ~60 KB on the server's thread (twenty agents' frames, the
 * store's reply), and ~1–3 MB/s of it lives long enough to reach the old generation at
 * 2,000 messages/s. With the growth factor V8 chose here (~1.1–1.7) that started a major
 * collection every 1.7 s, and each one (incremental marking, helper threads on both cores, a
 * 3–10 ms pause) held up the messages in flight for ~35 ms: 70–80 of them over 15 ms per
 * collection. Over 90 s at 2,000 msg/s that made p99 20.7 ms.
 *
 * At 300% (a factor of 4, the top of V8's own adaptive range) the same 90 s had 1–2 major
 * collections and p99 7.3–7.6 ms, and every bench run met p99 ≤ 15 ms. The cost is memory
 * while busy: bench RSS at the end of the 2,000 msg/s phase ~470–700 MB against ~300–360 MB,
 * and a collection that finally comes over a large old generation once paused 97 ms. 100%
 * keeps most of the gain (90 s: 5 collections, p99 8.2 ms) for ~35 MB, but missed the target
 * in 1 run of 6. Memory per idle visitor is measured after a full collection and stays within
 * the bare relay's range either way. PASOKH_HEAP_GROWTH_PERCENT=100 suits a small machine; 0
 * leaves V8's own choice.
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
