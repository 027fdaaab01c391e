/**
 * "Send test event" in the console: one attempt, now, outside the outbox (nothing is stored or
 * retried), so an admin sees at once whether the endpoint answers and checks the signature.
 */
import { WEBHOOK_TEST_EVENT, type WebhookTestResult } from '../../protocol/integrations.js';
import { newId } from '../store/ids.js';
import type { WebhookEndpointRecord } from '../store/store.js';
import { sendJson, sendWebhook } from './send.js';
import { slackEscape } from './slack.js';

export function sendTestEvent(endpoint: WebhookEndpointRecord, siteName: string): Promise<WebhookTestResult> {
  if (endpoint.type === 'slack')
    return sendJson(endpoint.url, {
      text: `*Test from Pasokh* · ${slackEscape(siteName)}\nThis channel will get: ${endpoint.events.join(', ')}`,
    });
  return sendWebhook(endpoint.url, endpoint.secret ?? '', {
    id: newId(),
    type: WEBHOOK_TEST_EVENT,
    createdAt: new Date().toISOString(),
    site: endpoint.site,
    data: { endpointId: endpoint.id, events: endpoint.events },
  });
}
