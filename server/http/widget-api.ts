/**
 * What the widget calls over HTTP from the host page: its config, the FAQ search payload, one
 * answer, and the analytics beacon. CORS is granted per site to its allowed origins.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import * as v from 'valibot';
import { describeIssues, faqEventsBodySchema } from '../../protocol/schemas.js';
import type { FaqEvent } from '../../protocol/types.js';
import { hashToken, looksLikeToken } from '../auth/tokens.js';
import type { SiteConfig } from '../config.js';
import type { FaqLibrary } from '../faq/index.js';
import type { RelayDeps } from '../relay/deps.js';
import { isOriginAllowed, siteName, siteNames } from '../sites.js';
import { createCompressedBodies } from './compressed-body.js';
import { HttpError } from './errors.js';
import { createOriginRefusals, type OriginRefusals } from './origin-refusals.js';

export interface WidgetApiDeps extends RelayDeps {
  faq(site: string): FaqLibrary | undefined;
}

type SiteFrom = (request: FastifyRequest, reply: FastifyReply, key: unknown) => SiteConfig;

/** The site a widget request names, once its page's origin is allowed to use it. */
function siteLookup(deps: WidgetApiDeps, refusals: OriginRefusals): SiteFrom {
  return (request, reply, key) => {
    if (typeof key !== 'string' || key === '') throw new HttpError(400, 'invalid_payload', 'Add ?site=KEY (the data-site of the script tag).');
    const site = deps.site(key);
    if (!site) throw new HttpError(404, 'unknown_site', `There is no site "${key}" on this server.`);
    const origin = request.headers.origin;
    if (origin && !isOriginAllowed(site, origin, request.headers.host)) throw refusals.refuse(reply, site, origin);
    return site;
  };
}

/** Lets the calling page read the response; only called after the origin was allowed. */
function allowCors(request: FastifyRequest, reply: FastifyReply): void {
  const origin = request.headers.origin;
  if (!origin) return;
  reply.header('Access-Control-Allow-Origin', origin);
  reply.header('Vary', 'Origin');
}

export function registerWidgetApi(app: FastifyInstance, deps: WidgetApiDeps): void {
  const beaconLimiter = new RateLimiterMemory({ points: deps.limits.beaconsPerMinute, duration: 60 });
  const faqBodies = createCompressedBodies();
  const siteFrom = siteLookup(deps, createOriginRefusals({ logger: deps.logger }));

  // The beacon is sent as text/plain so that no preflight is needed; the body is still JSON.
  app.addContentTypeParser('text/plain', { parseAs: 'string', bodyLimit: 32 * 1024 }, (_request, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(new HttpError(400, 'invalid_payload', 'The body must be JSON.'), undefined);
    }
  });

  app.get('/api/widget-config', async (request, reply) => {
    const site = siteFrom(request, reply, (request.query as Record<string, unknown>).site);
    allowCors(request, reply);
    reply.header('Cache-Control', 'no-cache');
    return {
      site: site.key,
      name: siteName(site),
      names: siteNames(site),
      locale: site.locale,
      color: site.color,
      position: site.position,
      ...(site.label ? { label: site.label } : {}),
      ...(site.logo ? { logo: site.logo } : {}),
      presence: await deps.presence.forSite(site),
    };
  });

  app.get('/api/faq', async (request, reply) => {
    const site = siteFrom(request, reply, (request.query as Record<string, unknown>).site);
    const library = deps.faq(site.key);
    if (!library) throw new HttpError(404, 'not_found', 'This site has no FAQ.');
    allowCors(request, reply);
    const { body, etag } = library.payload();
    reply.header('ETag', etag);
    reply.header('Cache-Control', 'no-cache');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    reply.type('application/json; charset=utf-8');
    const encoded = faqBodies.encode(`${site.key}\n${etag}`, body, request.headers['accept-encoding']);
    reply.header('Vary', 'Origin, Accept-Encoding');
    if (encoded.encoding) reply.header('Content-Encoding', encoded.encoding);
    return reply.send(encoded.body);
  });

  app.get('/api/faq/:id', async (request, reply) => {
    const site = siteFrom(request, reply, (request.query as Record<string, unknown>).site);
    const { id } = request.params as { id: string };
    const article = deps.faq(site.key)?.article(id);
    if (!article) throw new HttpError(404, 'not_found', `There is no FAQ answer "${id}".`);
    allowCors(request, reply);
    reply.header('Cache-Control', 'public, max-age=60');
    return article;
  });

  app.options('/api/events', async (request, reply) => {
    const origin = request.headers.origin;
    if (origin) {
      reply.header('Access-Control-Allow-Origin', origin);
      reply.header('Access-Control-Allow-Methods', 'POST');
      reply.header('Access-Control-Allow-Headers', 'Content-Type');
      reply.header('Vary', 'Origin');
    }
    return reply.code(204).send();
  });

  app.post('/api/events', { bodyLimit: 32 * 1024 }, async (request, reply) => {
    const parsed = v.safeParse(faqEventsBodySchema, request.body);
    if (!parsed.success) {
      deps.metrics.inc('pasokh_rejected_payloads_total');
      throw new HttpError(400, 'invalid_payload', describeIssues(parsed.issues));
    }
    const site = siteFrom(request, reply, parsed.output.site);
    try {
      await beaconLimiter.consume(request.ip);
    } catch {
      throw new HttpError(429, 'rate_limited', 'Too many events from this address; slow down.');
    }
    allowCors(request, reply);
    const token = parsed.output.token;
    const visitor = looksLikeToken(token) ? await deps.store.findVisitorByTokenHash(site.key, hashToken(token)) : null;
    const at = new Date().toISOString();
    const events: FaqEvent[] = parsed.output.events.map((event) => ({
      ...event,
      site: site.key,
      ...(visitor ? { visitorId: visitor.id } : {}),
      at,
    }));
    await deps.store.recordFaqEvents(events);
    deps.metrics.inc('pasokh_faq_events_total', events.length);
    return reply.code(202).send({ ok: true, stored: events.length });
  });
}
