/**
 * The Engine.IO gate, before any session exists: a browser page may open a polling or WebSocket
 * session only from an origin some site allows, or from this server itself (the console, the
 * demo page). Namespace middleware still decides which site a page may use.
 */
import type { IncomingMessage } from 'node:http';
import type { SiteConfig } from '../config.js';
import { isSameHost, originHost } from '../http/origins.js';

export type AllowRequest = (
  request: IncomingMessage,
  callback: (error: string | null | undefined, success: boolean) => void,
) => void;

/** Whether a handshake with this Origin header may get an Engine.IO session. */
export function isHandshakeOriginAllowed(
  sites: readonly SiteConfig[],
  origin: string | undefined,
  host: string | undefined,
): boolean {
  // No Origin: not a browser page (socket.io-client in Node, a server-to-server bridge, the
  // tests). Browsers always send Origin on WebSocket handshakes and on cross-origin requests,
  // so refusing its absence would protect no page and break every non-browser client.
  if (origin === undefined) return true;
  // `null` (sandboxed iframes, file:// pages) and garbage are nobody's origin, even with "*".
  if (originHost(origin) === null) return false;
  if (isSameHost(origin, host)) return true;
  return sites.some((site) => site.allowedOrigins.includes('*') || site.allowedOrigins.includes(origin));
}

export function createAllowRequest(sites: () => readonly SiteConfig[]): AllowRequest {
  return (request, callback) => {
    const allowed = isHandshakeOriginAllowed(sites(), request.headers.origin, request.headers.host);
    callback(allowed ? null : 'origin_not_allowed', allowed);
  };
}
