/**
 * Who may read /metrics (message rates, socket counts, failed logins): with a token set, only a
 * request bearing it; without one, only a request made on this machine directly, not one a
 * reverse proxy on this machine forwarded from the internet.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { HttpError } from './errors.js';

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;
const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** An onRequest hook for the /metrics route. */
export function metricsAccess(token: string | undefined): (request: FastifyRequest) => Promise<void> {
  return async (request) => {
    if (token !== undefined) {
      if (!bearerMatches(request.headers.authorization, token))
        throw new HttpError('unauthorized', 'Send the metrics token as "Authorization: Bearer …".');
      return;
    }
    const direct =
      LOOPBACK.test(request.socket.remoteAddress ?? '') &&
      FORWARDING_HEADERS.every((name) => request.headers[name] === undefined);
    if (!direct) throw new HttpError('forbidden', 'Set PASOKH_METRICS_TOKEN to read /metrics from another machine.');
  };
}
