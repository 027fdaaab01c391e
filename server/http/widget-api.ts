/**
 * What the widget calls over HTTP from the host page: its config, the FAQ search payload, one
 * answer, and the analytics beacon. CORS is granted per site to its allowed origins.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as v from 'valibot';
import { describeIssues, faqEventsBodySchema } from '../../protocol/schemas.js';
import type { FaqEvent } from '../../protocol/types.js';
import { hashToken, looksLikeToken, newToken } from '../auth/tokens.js';
import type { SiteConfig } from '../config.js';
import { withPopular, type FaqLibrary } from '../faq/index.js';
import type { RelayDeps } from '../relay/deps.js';
import { isOriginAllowed, siteName, siteNames } from '../sites.js';
import { createCompressedBodies } from './compressed-body.js';
import { HttpError } from './errors.js';
import { createOriginRefusals, type OriginRefusals } from './origin-refusals.js';

export interface WidgetApiDeps extends RelayDeps {
  faq(site: string): FaqLibrary | undefined;
}

export type SiteFrom = (request: FastifyRequest, reply: FastifyReply, key: unknown) => SiteConfig;

/** The site a widget request names, once its page's origin is allowed to use it. */
export function siteLookup(deps: Pick<RelayDeps, 'site'>, refusals: OriginRefusals): SiteFrom {
  return (request, reply, key) => {
    if (typeof key !== 'string' || key === '')
      throw new HttpError('invalid_payload', 'Add ?site=KEY (the data-site of the script tag).');
    const site = deps.site(key);
    if (!site) throw new HttpError('unknown_site', `There is no site "${key}" on this server.`);
    const origin = request.headers.origin;
    if (origin && !isOriginAllowed(site, origin, request.headers.host)) throw refusals.refuse(reply, site, origin);
    return site;
  };
}

/** Lets the calling page read the response; only called after the origin was allowed. */
export function allowCors(request: FastifyRequest, reply: FastifyReply): void {
  const origin = request.headers.origin;
  if (!origin) return;
  reply.header('Access-Control-Allow-Origin', origin);
  reply.header('Vary', 'Origin');
}

/**
 * The site a widget write (`/api/events`, `/api/visitors`) is for. These come from a browser
 * page, which always sends Origin with a POST: without one the request is not the widget's.
 */
function siteOfPage(siteFrom: SiteFrom, request: FastifyRequest, reply: FastifyReply, key: unknown): SiteConfig {
  if (!request.headers.origin) throw new HttpError('origin_not_allowed', 'Only a page of an allowed origin may send this.');
  return siteFrom(request, reply, key);
}

/** The most viewed answers the payload lists: of the last 30 days, at most 20, refreshed every 10 minutes. */
const POPULAR = { days: 30, limit: 20, ttlMs: 10 * 60_000 };

export function registerWidgetApi(app: FastifyInstance, deps: WidgetApiDeps): void {
  const popular = new Map<string, { at: number; ids: string[] }>();
  /** A site's most viewed entry ids from the insights, cached; [] when the store cannot say. */
  const popularIds = async (site: string): Promise<string[]> => {
    const cached = popular.get(site);
    if (cached && Date.now() - cached.at < POPULAR.ttlMs) return cached.ids;
    const since = new Date(Date.now() - POPULAR.days * 24 * 3600 * 1000).toISOString();
    const ids = await deps.store.faqInsights(site, since, POPULAR.limit).then(
      (insights) => insights.views.map((view) => view.articleId),
      () => cached?.ids ?? [],
    );
    popular.set(site, { at: Date.now(), ids });
    return ids;
  };

  const eventLimiter = deps.limiter('events', deps.limits.beaconsPerMinute, 60);
  const newVisitorLimiter = deps.limiter('new-visitor', deps.limits.connectionsPerMinute, 60);
  const faqBodies = createCompressedBodies();
  const siteFrom = siteLookup(deps, createOriginRefusals({ logger: deps.logger }));

  // The beacon is sent as text/plain so that no preflight is needed; the body is still JSON.
  app.addContentTypeParser('text/plain', { parseAs: 'string', bodyLimit: 32 * 1024 }, (_request, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(new HttpError('invalid_payload', 'The body must be JSON.'), undefined);
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
      email: deps.config.mail.transport.kind !== 'off',
    };
  });

  app.get('/api/faq', async (request, reply) => {
    const site = siteFrom(request, reply, (request.query as Record<string, unknown>).site);
    const library = deps.faq(site.key);
    if (!library) throw new HttpError('not_found', 'This site has no FAQ.');
    allowCors(request, reply);
    const built = deps.answers ? await deps.answers.learning.payload(site.key, library) : library.payload();
    const { body, etag } = withPopular(built, await popularIds(site.key));
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
    if (!article) throw new HttpError('not_found', `There is no FAQ answer "${id}".`);
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

  // A visitor who only searches still needs a token for the beacon: the widget asks for one here
  // (the same token the chat would give it, so a later chat continues as this visitor).
  app.post('/api/visitors', { bodyLimit: 1024 }, async (request, reply) => {
    const site = siteOfPage(siteFrom, request, reply, (request.body as { site?: unknown } | null)?.site);
    await newVisitorLimiter.consume(request.ip).catch(() => {
      throw new HttpError('rate_limited', 'Too many new visitors from this address; wait a minute.');
    });
    const token = newToken();
    await deps.store.createVisitor({ site: site.key, tokenHash: hashToken(token) });
    allowCors(request, reply);
    return reply.code(201).send({ token });
  });

  app.post('/api/events', { bodyLimit: 32 * 1024 }, async (request, reply) => {
    const parsed = v.safeParse(faqEventsBodySchema, request.body);
    if (!parsed.success) {
      deps.metrics.inc('pasokh_rejected_payloads_total');
      throw new HttpError('invalid_payload', describeIssues(parsed.issues));
    }
    const site = siteOfPage(siteFrom, request, reply, parsed.output.site);
    allowCors(request, reply);
    const token = parsed.output.token;
    const visitor = looksLikeToken(token) ? await deps.store.findVisitorByTokenHash(site.key, hashToken(token)) : null;
    if (!visitor) throw new HttpError('unauthorized', 'Send the visitor token the widget was given.');
    const library = deps.faq(site.key);
    // Only articles the site has: a made-up id must not reach the insights.
    const known = parsed.output.events.filter((event) =>
      event.articleId === undefined ? event.kind === 'search' : library?.article(event.articleId) !== undefined,
    );
    await eventLimiter.consume(visitor.id, Math.max(1, known.length)).catch(() => {
      throw new HttpError('rate_limited', 'Too many analytics events from this visitor; slow down.');
    });
    const at = new Date().toISOString();
    const events: FaqEvent[] = known.map((event) => ({ ...event, site: site.key, visitorId: visitor.id, at }));
    // Before storing them: a vote teaches the query typed before it, in this batch or earlier.
    await deps.answers?.learning
      .learnFromVotes(site, visitor.id, events)
      .catch((error: unknown) => deps.logger.warn({ err: error, site: site.key }, 'learning a phrasing failed'));
    if (events.length > 0) await deps.store.recordFaqEvents(events);
    deps.metrics.inc('pasokh_faq_events_total', events.length);
    return reply.code(202).send({ ok: true, stored: events.length, dropped: parsed.output.events.length - events.length });
  });
}
