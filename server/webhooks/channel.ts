/**
 * Webhooks and Slack as a delivery channel: which endpoints of the event's site want it, and
 * one attempt at one of them. The endpoints are read from the config at each attempt, so a
 * secret changed in the config applies to retries too.
 */
import type { IntegrationEvent } from '../../protocol/integrations.js';
import type { SiteConfig } from '../config.js';
import type { ClaimedDelivery, NewDelivery, Store } from '../store/store.js';
import type { DeliveryChannel } from '../outbox/worker.js';
import { sendJson, sendWebhook } from './send.js';
import { displayUrl, endpointKey, type WebhookEndpoint } from './settings.js';
import { slackMessage } from './slack.js';

export interface WebhookChannelDeps {
  sites: () => readonly SiteConfig[];
  store: Pick<Store, 'getVisitor'>;
  /** The console's page for a conversation, for links in Slack. */
  conversationUrl: (conversationId: string) => string;
}

function endpointsOf(deps: WebhookChannelDeps, site: string): WebhookEndpoint[] {
  return deps.sites().find((s) => s.key === site)?.webhooks ?? [];
}

export function createWebhookChannel(deps: WebhookChannelDeps): DeliveryChannel {
  return {
    targets: ['webhook', 'slack'],
    route(event: IntegrationEvent): NewDelivery[] {
      return endpointsOf(deps, event.site)
        .filter((endpoint) => endpoint.events.includes(event.type))
        .map((endpoint) => ({
          endpoint: endpointKey(event.site, endpoint),
          target: endpoint.type,
          destination: displayUrl(endpoint),
        }));
    },
    async send(delivery: ClaimedDelivery) {
      const { event } = delivery;
      const endpoint = endpointsOf(deps, event.site).find((e) => endpointKey(event.site, e) === delivery.endpoint);
      if (endpoint === undefined)
        return { ok: false, permanent: true, responseCode: null, error: 'The endpoint is no longer in the config.' };
      if (endpoint.type === 'webhook') return sendWebhook(endpoint.url, endpoint.secret, event);
      const visitor = await deps.store.getVisitor(event.data.visitorId);
      return sendJson(endpoint.url, slackMessage(event, visitor, deps.conversationUrl(event.data.conversationId)));
    },
  };
}
