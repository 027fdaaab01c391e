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

/**
 * Creates the reporter for one site. The server takes events only with a visitor token:
 * `token()` reads the one this browser keeps; when there is none yet, one is asked for once
 * (POST /api/visitors) and handed to `keep`, so a later chat continues as the same visitor.
 */
export function createReporter(
  origin: string,
  site: string,
  token: () => string | null,
  keep: (token: string) => void,
): Reporter {
  let queue: BeaconEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asking: Promise<string | null> | undefined;

  const post = (path: string, body: string) =>
    fetch(origin + path, {
      method: 'POST',
      body,
      keepalive: true,
      credentials: 'omit',
      headers: { 'Content-Type': 'text/plain' },
    });

  function visitorToken(): Promise<string | null> {
    return (asking ??= post('/api/visitors', JSON.stringify({ site }))
      .then((response) => (response.ok ? response.json() : {}))
      .then(({ token: given }: { token?: string }) => {
        // The chat may have been given one meanwhile: that one wins.
        const kept = token();
        if (kept || !given) return kept;
        keep(given);
        return given;
      })
      .catch(() => null)
      .finally(() => (asking = undefined)));
  }

  function send(visitorToken: string, events: BeaconEvent[]): void {
    const body = JSON.stringify({ site, token: visitorToken, events });
    try {
      if (!navigator.sendBeacon?.(origin + '/api/events', new Blob([body], { type: 'text/plain' })))
        void post('/api/events', body).catch(() => {});
    } catch {
      // Analytics must never break the widget.
    }
  }

  function flush(): void {
    clearTimeout(timer);
    timer = undefined;
    while (queue.length) {
      const events = queue.slice(0, MAX_BATCH);
      queue = queue.slice(MAX_BATCH);
      const known = token();
      if (known) send(known, events);
      else void visitorToken().then((given) => given && send(given, events));
    }
  }

  addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && flush());
  addEventListener('pagehide', flush);

  return {
    report(event) {
      queue.push(event);
      // Asked for now, so the token is there when the page is hidden and the batch must go at once.
      if (!token()) void visitorToken();
      timer ??= setTimeout(flush, FLUSH_MS);
    },
    flush,
  };
}
