/**
 * FAQ analytics (search, view, helpful) sent with navigator.sendBeacon as text/plain JSON: no
 * CORS preflight, and it survives the page being closed. Events are batched for a moment and
 * flushed when the page is hidden.
 */
import type { FaqEventKind, Locale } from '../../protocol/types.js';

export interface BeaconEvent {
  kind: FaqEventKind;
  query?: string;
  hits?: number;
  articleId?: string;
  helpful?: boolean;
  locale?: Locale;
}

export interface Reporter {
  report(event: BeaconEvent): void;
  flush(): void;
}

const FLUSH_MS = 2000;
const MAX_BATCH = 50;

/** Creates the reporter for one site; `token()` reads the visitor token when there is one. */
export function createReporter(origin: string, site: string, token: () => string | null): Reporter {
  let queue: BeaconEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  function flush(): void {
    clearTimeout(timer);
    timer = undefined;
    while (queue.length) {
      const events = queue.slice(0, MAX_BATCH);
      queue = queue.slice(MAX_BATCH);
      const visitorToken = token();
      const body = JSON.stringify({ site, ...(visitorToken ? { token: visitorToken } : {}), events });
      const url = `${origin}/api/events`;
      try {
        if (!navigator.sendBeacon?.(url, new Blob([body], { type: 'text/plain' }))) {
          void fetch(url, { method: 'POST', body, keepalive: true, credentials: 'omit', headers: { 'Content-Type': 'text/plain' } }).catch(() => {});
        }
      } catch {
        // Analytics must never break the widget.
      }
    }
  }

  addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && flush());
  addEventListener('pagehide', flush);

  return {
    report(event) {
      queue.push(event);
      timer ??= setTimeout(flush, FLUSH_MS);
    },
    flush,
  };
}
