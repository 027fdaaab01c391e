/**
 * Turns keystrokes into one "search" event per query the visitor settled on: the final query and
 * its hit count, after a pause in typing or when they open a result. Also feeds the page session
 * so the agent later sees what was searched.
 */
import type { Locale } from '../../protocol/types.js';
import type { Reporter } from './beacon.js';
import type { PageSession } from './session.js';

export interface SearchTracker {
  /** Called on every change of the query with the number of hits shown. */
  typed(query: string, hits: number, locale: Locale): void;
  /** Records the pending query now (the visitor acted on the results). */
  flush(): void;
}

const SETTLE_MS = 1200;

export function createSearchTracker(reporter: Reporter, session: PageSession): SearchTracker {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: { query: string; hits: number; locale: Locale } | null = null;
  let last = '';

  function flush(): void {
    clearTimeout(timer);
    const entry = pending;
    pending = null;
    if (!entry || entry.query === last) return;
    last = entry.query;
    reporter.report({ kind: 'search', query: entry.query.slice(0, 200), hits: Math.min(entry.hits, 1000), locale: entry.locale });
    session.addSearch(entry.query, entry.hits);
  }

  return {
    typed(query, hits, locale) {
      clearTimeout(timer);
      const trimmed = query.trim();
      pending = trimmed.length >= 2 ? { query: trimmed, hits, locale } : null;
      if (pending) timer = setTimeout(flush, SETTLE_MS);
    },
    flush,
  };
}
