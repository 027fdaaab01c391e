/**
 * `createApp(deps)` wires HTTP routes and the Socket.IO relay onto one server and never listens:
 * `main.ts` listens on the configured port, tests on port 0.
 */
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import { Server, type Namespace, type ServerOptions } from 'socket.io';
import { ERRORS } from '../protocol/errors.js';
import type { Config, SiteConfig } from './config.js';
import type { FaqLibrary } from './faq/index.js';
import { registerInsightsApi } from './http/insights-api.js';
import { registerAssets } from './http/assets.js';
import { registerConsoleApi } from './http/console-api.js';
import { registerDeliveriesApi } from './http/deliveries-api.js';
import { registerWebhooksApi } from './http/webhooks-api.js';
import { registerPasswordResetApi } from './http/password-reset-api.js';
import { registerPrivacyApi } from './http/privacy-api.js';
import { registerAttachmentsApi } from './http/attachments-api.js';
import { createAttachments } from './attachments/service.js';
import { openAttachmentStorage } from './attachments/storage.js';
import { registerReopenRoute } from './http/reopen-route.js';
import { registerTranscriptApi } from './http/transcript-api.js';
import { registerCsrfGuard } from './http/csrf.js';
import { registerHistoryApi } from './http/history-api.js';
import { HttpError } from './http/errors.js';
import { registerFaqAdmin } from './http/faq-admin.js';
import { registerLearnedApi } from './http/learned-api.js';
import { registerGapsApi } from './http/gaps-api.js';
import { registerHelpCentre } from './http/help-centre.js';
import { createMetrics, type Metrics } from './http/metrics.js';
import { metricsAccess } from './http/metrics-access.js';
import { proxyTrust } from './http/trust-proxy.js';
import { registerWidgetApi } from './http/widget-api.js';
import { registerAgentNamespace } from './relay/agent.js';
import { createAllowRequest } from './relay/allow-request.js';
import { containFailures } from './relay/containment.js';
import { DEFAULT_LIMITS, type AgentNamespace, type RelayDeps, type RelayLimits, type VisitorNamespace } from './relay/deps.js';
import { memoryLimiters, type LimiterFactory } from './rate-limits.js';
import { createPresenceTracker } from './relay/presence.js';
import { createSummaries } from './relay/summaries.js';
import { createUpdateNotifier } from './relay/updates.js';
import { registerVisitorNamespace } from './relay/visitor.js';
import { batchSocketWrites, installedVersions } from './relay/write-batching.js';
import { isOriginAllowed } from './sites.js';
import { createAnswers } from './answers/index.js';
import type { Store } from './store/store.js';

export interface AppDeps {
  config: Config;
  store: Store;
  /** FAQ per site key. */
  faqs: Map<string, FaqLibrary>;
  logger?: Logger;
  limits?: Partial<RelayLimits>;
  /** A Socket.IO adapter (Redis streams when scaled out); the in-memory one otherwise. */
  adapter?: ServerOptions['adapter'];
  /** Where rate limits count (Redis when scaled out). @default in this process */
  limiters?: LimiterFactory;
  /** Where the built widget and console are. @default <project>/dist */
  distDir?: string;
  /**
   * One writev per socket per turn of the event loop (relay/write-batching.ts). Benchmarks turn
   * it off to measure what it is worth. @default true
   */
  batchWrites?: boolean;
  /** See RelayDeps.afterCommit: a test entry's hook, none in production. */
  afterCommit?: RelayDeps['afterCommit'];
}

export interface App {
  http: FastifyInstance;
  io: Server;
  metrics: Metrics;
  /** Starts listening; returns the bound port (useful with port 0). */
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting, disconnects sockets, closes HTTP. The store is the caller's to close. */
  close(): Promise<void>;
}

export async function createApp(deps: AppDeps): Promise<App> {
  const { config, store } = deps;
  const logger = deps.logger ?? pino({ level: config.logLevel });
  const limits: RelayLimits = { ...DEFAULT_LIMITS, ...deps.limits };
  const metrics = createMetrics();
  const sites = new Map<string, SiteConfig>(config.sites.map((s) => [s.key, s]));
  const site = (key: string) => sites.get(key);
  const presence = createPresenceTracker({ store, sites: () => config.sites, scaledOut: deps.adapter !== undefined });
  const limiter = deps.limiters ?? memoryLimiters;
  const attachments = createAttachments({
    store,
    storage: openAttachmentStorage(config, store),
    maxBytes: config.attachmentMaxBytes,
  });
  const answers = createAnswers({ store, site, faq: (key) => deps.faqs.get(key) });
  const relayDeps: RelayDeps = {
    answers,
    config,
    store,
    logger,
    limits,
    metrics,
    site,
    presence,
    limiter,
    attachments,
    ...(deps.afterCommit ? { afterCommit: deps.afterCommit } : {}),
  };

  const http = Fastify({
    // Request lines would drown the log at info; errors still come through.
    loggerInstance: logger.child({ part: 'http' }, { level: 'warn' }) as FastifyBaseLogger,
    bodyLimit: 64 * 1024,
    trustProxy: proxyTrust(config.trustProxy),
  });
  await http.register(fastifyCookie);
  // JSON and the demo page, compressed per response; built assets are compressed at build time.
  await http.register(fastifyCompress, { encodings: ['br', 'gzip'] });

  http.setErrorHandler((error, request, reply) => {
    if (error instanceof HttpError) return reply.code(error.status).send({ error: { code: error.code, message: error.message } });
    const status = (error as { statusCode?: number }).statusCode;
    if (status === ERRORS.too_large.status)
      return reply.code(status).send({ error: { code: 'too_large', message: 'The request body is too large.' } });
    if (status && status >= 400 && status < 500) {
      metrics.inc('pasokh_rejected_payloads_total');
      return reply
        .code(status)
        .send({ error: { code: 'invalid_payload', message: error instanceof Error ? error.message : 'Bad request.' } });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(ERRORS.internal.status).send({ error: { code: 'internal', message: ERRORS.internal.message } });
  });
  http.setNotFoundHandler((request, reply) =>
    reply
      .code(ERRORS.not_found.status)
      .send({ error: { code: 'not_found', message: `Nothing at ${request.method} ${request.url.split('?')[0]}.` } }),
  );
  http.addHook('onSend', async (_request, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'strict-origin-when-cross-origin');
  });

  registerCsrfGuard(http);
  let agentNamespace: AgentNamespace | undefined;
  registerWidgetApi(http, { ...relayDeps, faq: (key) => deps.faqs.get(key) });
  registerAttachmentsApi(http, relayDeps);
  // Before the console API: its hook logs the agent changes made there.
  registerPrivacyApi(http, { store, storage: attachments.storage });
  registerConsoleApi(http, { ...relayDeps, agents: () => agentNamespace! });
  registerDeliveriesApi(http, { store, config });
  registerWebhooksApi(http, { store, config });
  registerReopenRoute(http, { store, config });
  registerTranscriptApi(http, { store, config });
  registerPasswordResetApi(http, { store, config, log: (error) => logger.warn({ err: error }, 'password reset email failed') });
  registerHistoryApi(http, relayDeps);
  registerInsightsApi(http, { ...relayDeps, faq: (key) => deps.faqs.get(key) });
  await registerAssets(http, deps.distDir ? { distDir: deps.distDir } : {});
  registerHelpCentre(http, { sites: config.sites, faq: (key) => deps.faqs.get(key), store });
  registerFaqAdmin(http, { sites: config.sites, faq: (key) => deps.faqs.get(key), store });
  registerGapsApi(http, { sites: config.sites, faq: (key) => deps.faqs.get(key), store });
  registerLearnedApi(http, { sites: config.sites, faq: (key) => deps.faqs.get(key), store, learning: answers.learning });

  http.get('/healthz', async (_request, reply) => {
    try {
      await store.listAgents();
      return { ok: true };
    } catch {
      return reply
        .code(ERRORS.unavailable.status)
        .send({ ok: false, error: { code: 'unavailable', message: 'The database does not answer.' } });
    }
  });
  http.get('/metrics', { onRequest: metricsAccess(config.metricsToken) }, async (_request, reply) =>
    reply.type('text/plain; version=0.0.4').send(metrics.render()),
  );

  await http.ready();

  const io = new Server(http.server, {
    maxHttpBufferSize: 64 * 1024,
    serveClient: false,
    pingInterval: 20_000,
    pingTimeout: 20_000,
    // Cross-origin polling needs CORS; which site a page may use is decided per handshake.
    cors: {
      origin: (origin, callback) =>
        callback(null, !origin || config.sites.some((s) => isOriginAllowed(s, origin, undefined)) ? (origin ?? true) : false),
      credentials: false,
    },
    allowRequest: createAllowRequest(() => config.sites),
    ...(deps.adapter ? { adapter: deps.adapter } : {}),
  });
  if (deps.batchWrites !== false && !batchSocketWrites(io)) {
    logger.info(
      installedVersions(),
      'socket writes are not batched: engine.io or ws is a version the batching was not written for',
    );
  }
  const visitors = io.of('/visitor') as unknown as VisitorNamespace;
  const agents = io.of('/agent') as unknown as AgentNamespace;
  agentNamespace = agents;
  containFailures(visitors as unknown as Namespace, logger);
  containFailures(agents as unknown as Namespace, logger);
  presence.attach({ agents, visitors });
  const summaries = createSummaries(store);
  // One notifier for both namespaces: a summary window opened by either covers messages from both.
  const updates = createUpdateNotifier({ agents, store, logger: relayDeps.logger, summaries });
  registerVisitorNamespace(visitors, agents, relayDeps, updates);
  registerAgentNamespace(agents, visitors, relayDeps, summaries, updates);

  return {
    http,
    io,
    metrics,
    async listen(port, host = '127.0.0.1') {
      await http.listen({ port, host });
      return (http.server.address() as AddressInfo).port;
    },
    async close() {
      io.disconnectSockets(true);
      await new Promise<void>((resolveClose) => io.close(() => resolveClose()));
      await http.close().catch(() => {});
    },
  };
}
