/**
 * Per-site runtime: its config, its FAQ library, and the origin rule the HTTP API and the
 * socket handshake both apply.
 */
import type { SiteConfig } from './config.js';

/**
 * Whether a page at `origin` may use `site`'s widget. The server's own origin (the demo page,
 * same-origin embeds) is always allowed; a request without an Origin header comes from a
 * non-browser client, which an Origin check cannot stop anyway.
 */
export function isOriginAllowed(site: SiteConfig, origin: string | undefined, host: string | undefined): boolean {
  if (!origin) return true;
  if (site.allowedOrigins.includes('*')) return true;
  if (site.allowedOrigins.includes(origin)) return true;
  if (host) {
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  }
  return false;
}
