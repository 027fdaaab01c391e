/**
 * Webhooks and Slack as a delivery channel: which endpoints of the event's site want it, and
 * one attempt at one of them. Endpoints come from the config file and from the console; both
 * are read again at each attempt, so a secret changed in either applies to retries too.
 */
import type { IntegrationEvent } from '../../protocol/integrations.js';
import type { SiteConfig } from '../config.js';
import type { ClaimedDelivery, NewDelivery, Store, WebhookEndpointRecord } from '../store/store.js';
import type { AttemptOutcome, DeliveryChannel } from '../outbox/worker.js';
import { sendJson, sendWebhook } from './send.js';
import { consoleEndpointId, consoleEndpointKey, displayUrl, endpointKey, type WebhookEndpoint } from './settings.js';
import { slackMessage } from './slack.js';

export interface WebhookChannelDeps {
  sites: () => readonly SiteConfig[];
  store: Pick<Store, 'getVisitor' | 'listWebhookEndpoints' | 'getWebhookEndpoint'>;
  /** The console's page for a conversation, for links in Slack. */
  conversationUrl: (conversationId: string) => string;
}

function endpointsOf(deps: WebhookChannelDeps, site: string): WebhookEndpoint[] {
  return deps.sites().find((s) => s.key === site)?.webhooks ?? [];
}

/** One endpoint, wherever it was set: what an attempt needs. */
type Target = Pick<WebhookEndpointRecord, 'type' | 'url' | 'secret'>;

async function targetOf(deps: WebhookChannelDeps, delivery: ClaimedDelivery): Promise<Target | string> {
  const id = consoleEndpointId(delivery.endpoint);
  if (id === undefined) {
    const site = delivery.event.site;
    const found = endpointsOf(deps, site).find((e) => endpointKey(site, e) === delivery.endpoint);
    if (found === undefined) return 'The endpoint is no longer in the config.';
    return { type: found.type, url: found.url, secret: found.type === 'webhook' ? found.secret : null };
  }
  const found = await deps.store.getWebhookEndpoint(id);
  if (found === null) return 'The endpoint was deleted in the console.';
  if (!found.enabled) return 'The endpoint was turned off in the console.';
  return found;
}

export function createWebhookChannel(deps: WebhookChannelDeps): DeliveryChannel {
  return {
    targets: ['webhook', 'slack'],
    async route(event: IntegrationEvent): Promise<NewDelivery[]> {
      const fromConfig = endpointsOf(deps, event.site)
        .filter((endpoint) => endpoint.events.includes(event.type))
        .map((endpoint) => ({
          endpoint: endpointKey(event.site, endpoint),
          target: endpoint.type,
          destination: displayUrl(endpoint),
        }));
      const fromConsole = (await deps.store.listWebhookEndpoints({ site: event.site, enabledOnly: true }))
        .filter((endpoint) => endpoint.events.includes(event.type))
        .map((endpoint) => ({
          endpoint: consoleEndpointKey(endpoint),
          target: endpoint.type,
          destination: displayUrl(endpoint),
        }));
      return [...fromConfig, ...fromConsole];
    },
    async send(delivery: ClaimedDelivery): Promise<AttemptOutcome> {
      const { event } = delivery;
      const target = await targetOf(deps, delivery);
      if (typeof target === 'string') return { ok: false, permanent: true, responseCode: null, error: target };
      if (target.type === 'webhook') return sendWebhook(target.url, target.secret ?? '', event);
      const visitor = await deps.store.getVisitor(event.data.visitorId);
      return sendJson(target.url, slackMessage(event, visitor, deps.conversationUrl(event.data.conversationId)));
    },
  };
}
