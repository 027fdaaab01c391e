/**
 * Webhook and Slack endpoints in the console, for admins: the config file's (read-only) and
 * those added here, which can be edited, deleted and sent a test event. A secret is returned
 * once, when it is made or set; lists never carry it. Every change goes to the audit log.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as v from 'valibot';
import {
  INTEGRATION_EVENTS,
  type WebhookEndpointView,
  type WebhookSaved,
  type WebhooksResponse,
  type WebhookTestResult,
} from '../../protocol/integrations.js';
import { describeIssues } from '../../protocol/schemas.js';
import { agentFromCookies } from '../auth/sessions.js';
import type { Config } from '../config.js';
import { siteName } from '../sites.js';
import type { AgentRecord, Store, WebhookEndpointRecord } from '../store/store.js';
import { displayUrl, newWebhookSecret, webhookInputSchema, type WebhookInput } from '../webhooks/settings.js';
import { sendTestEvent } from '../webhooks/test-event.js';
import { HttpError } from './errors.js';

function view(endpoint: WebhookEndpointRecord): WebhookEndpointView {
  return {
    id: endpoint.id,
    source: 'console',
    site: endpoint.site,
    type: endpoint.type,
    url: endpoint.type === 'slack' ? displayUrl(endpoint) : endpoint.url,
    events: endpoint.events,
    enabled: endpoint.enabled,
  };
}

function fromConfig(config: Config): WebhookEndpointView[] {
  return config.sites.flatMap((site) =>
    site.webhooks.map((endpoint) => ({
      id: null,
      source: 'config' as const,
      site: site.key,
      type: endpoint.type,
      url: displayUrl(endpoint),
      events: endpoint.events,
      enabled: true,
    })),
  );
}

/** What the audit log keeps of an endpoint: never its secret, nor a Slack URL's token. */
function auditDetail(endpoint: WebhookEndpointRecord): Record<string, unknown> {
  return {
    site: endpoint.site,
    type: endpoint.type,
    url: displayUrl(endpoint),
    events: endpoint.events,
    enabled: endpoint.enabled,
  };
}

export function registerWebhooksApi(app: FastifyInstance, deps: { store: Store; config: Config }): void {
  const { store, config } = deps;

  async function admin(request: FastifyRequest): Promise<AgentRecord> {
    const found = await agentFromCookies(store, request.headers.cookie);
    if (!found) throw new HttpError('unauthorized', 'Sign in first.');
    if (found.agent.role !== 'admin') throw new HttpError('forbidden', 'Only an admin can change webhooks.');
    return found.agent;
  }

  function input(body: unknown): WebhookInput {
    const parsed = v.safeParse(webhookInputSchema, body);
    if (!parsed.success) throw new HttpError('invalid_payload', describeIssues(parsed.issues));
    const site = config.sites.find((s) => s.key === parsed.output.site);
    if (!site) throw new HttpError('invalid_payload', `site: there is no site "${parsed.output.site}".`);
    const url = parsed.output.url;
    if (url && site.webhooks.some((e) => e.url === url && e.type === parsed.output.type))
      throw new HttpError('conflict', 'This URL is already an endpoint of the site in the config file.');
    // Each event once, in the catalogue's order, however the form listed them.
    return { ...parsed.output, events: INTEGRATION_EVENTS.filter((event) => parsed.output.events.includes(event)) };
  }

  async function existing(id: string): Promise<WebhookEndpointRecord> {
    const found = await store.getWebhookEndpoint(id);
    if (!found) throw new HttpError('not_found', 'No such webhook endpoint.');
    return found;
  }

  app.get('/api/console/webhooks', async (request): Promise<WebhooksResponse> => {
    await admin(request);
    return {
      sites: config.sites.map((site) => ({ key: site.key, name: siteName(site) })),
      events: INTEGRATION_EVENTS,
      endpoints: [...fromConfig(config), ...(await store.listWebhookEndpoints()).map(view)],
    };
  });

  app.post('/api/console/webhooks', async (request, reply): Promise<WebhookSaved> => {
    const me = await admin(request);
    const body = input(request.body);
    if (!body.url) throw new HttpError('invalid_payload', 'url: an endpoint needs a URL.');
    const secret = body.type === 'webhook' ? body.secret || newWebhookSecret() : null;
    const saved = await store.saveWebhookEndpoint({ ...body, url: body.url, secret });
    await store.recordAudit({ actor: me.email, action: 'webhook.add', target: saved.id, detail: auditDetail(saved) });
    reply.code(201);
    return { endpoint: view(saved), secret };
  });

  app.put<{ Params: { id: string } }>('/api/console/webhooks/:id', async (request): Promise<WebhookSaved> => {
    const me = await admin(request);
    const before = await existing(request.params.id);
    const body = input(request.body);
    const url = body.url || before.url;
    if (body.type !== before.type && !body.url)
      throw new HttpError('invalid_payload', 'url: give the URL again when changing the kind of endpoint.');
    const newSecret = body.type === 'webhook' ? body.secret || (before.secret ? null : newWebhookSecret()) : null;
    const secret = body.type === 'webhook' ? (newSecret ?? before.secret) : null;
    const saved = await store.saveWebhookEndpoint({ ...body, id: before.id, url, secret });
    const detail = { ...auditDetail(saved), ...(newSecret ? { secret: 'changed' } : {}) };
    await store.recordAudit({ actor: me.email, action: 'webhook.update', target: saved.id, detail });
    return { endpoint: view(saved), secret: newSecret };
  });

  app.delete<{ Params: { id: string } }>('/api/console/webhooks/:id', async (request, reply) => {
    const me = await admin(request);
    const before = await existing(request.params.id);
    await store.deleteWebhookEndpoint(before.id);
    await store.recordAudit({ actor: me.email, action: 'webhook.remove', target: before.id, detail: auditDetail(before) });
    reply.code(204);
  });

  app.post<{ Params: { id: string } }>('/api/console/webhooks/:id/test', async (request): Promise<WebhookTestResult> => {
    await admin(request);
    const endpoint = await existing(request.params.id);
    const site = config.sites.find((s) => s.key === endpoint.site);
    return sendTestEvent(endpoint, site ? siteName(site) : endpoint.site);
  });
}
