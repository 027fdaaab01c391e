/**
 * Reading an `Origin` header safely. Browsers send `null` from sandboxed iframes and file://
 * pages, and anyone can send garbage: neither may ever throw, and neither is any site's origin.
 */

/** The `host[:port]` of an Origin header, or null when it is `null`, empty or not a URL. */
export function originHost(origin: string | undefined): string | null {
  if (!origin || origin === 'null') return null;
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.host : null;
  } catch {
    return null;
  }
}

/** Whether a page at `origin` was served by this server, reached as `host` (the Host header). */
export function isSameHost(origin: string | undefined, host: string | undefined): boolean {
  const from = originHost(origin);
  return from !== null && host !== undefined && from === host.toLowerCase();
}
