/**
 * Cross-site request forgery on the console API. The session cookie is SameSite=Lax, which still
 * lets another origin of the same site (a sibling subdomain) send it, and a
 * `<form enctype="text/plain">` needs no CORS preflight. So every state-changing request under
 * /api/ must come from this server's own pages and carry JSON (or no body at all). The widget's
 * public routes are called from the host page's origin and apply each site's origin rule instead.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from './errors.js';
import { isSameHost } from './origins.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Called from other origins by the widget; checked against the site's allowedOrigins there. */
export const WIDGET_WRITE_ROUTES: ReadonlySet<string> = new Set(['/api/events', '/api/visitors', '/api/attachments']);

/** Console routes whose body is a raw file rather than JSON; they still answer only this server's pages. */
const RAW_BODY_ROUTE = /^\/api\/conversations\/[^/]+\/attachments$/;

/**
 * Browsers send Origin on every POST, PUT, PATCH and DELETE; Sec-Fetch-Site is the fallback for
 * the odd one that does not. A request with neither is not from a browser page, which is not
 * what forgery needs, so it passes (the CLI's and tests' HTTP clients).
 */
function fromThisServer(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin !== undefined) return isSameHost(origin, request.host);
  const site = request.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function isJson(request: FastifyRequest): boolean {
  const type = request.headers['content-type'];
  if (type === undefined) return !hasBody(request);
  return type.split(';')[0]!.trim().toLowerCase() === 'application/json';
}

export function registerCsrfGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (!STATE_CHANGING.has(request.method)) return;
    const path = request.url.split('?')[0]!;
    if (!path.startsWith('/api/') || WIDGET_WRITE_ROUTES.has(path)) return;
    if (!fromThisServer(request)) throw new HttpError('origin_not_allowed', 'The console API answers only pages of this server.');
    if (!RAW_BODY_ROUTE.test(path) && !isJson(request))
      throw new HttpError('unsupported_media_type', 'Send the body as application/json.');
  });
}
