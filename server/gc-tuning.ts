/**
 * Tuning, not a default: how far V8 lets the old generation grow past what survived the last
 * major collection before it starts the next one. Unset (0), V8 chooses, as for any Node
 * program; that is what a site gets.
 *
 * Why a relay at full load may want more: relaying a message allocates ~60 KB on the server's
 * thread, and at 2,000 messages/s ~1–3 MB/s of it reaches the old generation. With V8's own
 * factor (~1.1–1.7) that started a major collection every 1.7 s, each holding up the messages
 * in flight for ~35 ms, which set p99 near that rate. At 300% the same 90 s had 1–2 major
 * collections and a p99 of ~7.5 ms, at the cost of 2–3× the memory while busy (garbage kept
 * longer) and a rare long pause when a collection finally comes over a large old generation.
 * bench/README.md has the measurements; `npm run bench:relay -- --heap-growth 300` runs with it.
 *
 * Only the command that owns the process sets it (`pasokh serve`, the bench's server entry),
 * at start: a V8 flag changes every isolate in the process, so library code (`startServer`)
 * never does.
 */
import v8 from 'node:v8';

/** 0: V8's own choice. */
export const DEFAULT_HEAP_GROWTH_PERCENT = 0;
export const MAX_HEAP_GROWTH_PERCENT = 1000;

/**
 * Applies to every isolate in the process, the SQLite thread's too. V8 reads this flag each
 * time it sets the next collection's limit, so it takes effect from the next major collection.
 */
export function tuneOldGenerationGrowth(percent: number, setFlags: (flags: string) => void = v8.setFlagsFromString): void {
  if (percent > 0) setFlags(`--heap-growing-percent=${percent}`);
}
