/**
 * Webhook endpoints of a site, as the config file lists them:
 * `"webhooks": [{ "url": "https://…", "secret": "…", "events": ["message.created"] }]`, and
 * `{ "type": "slack", "url": "https://hooks.slack.com/…", "events": [...] }` for Slack.
 */
import { createHash } from 'node:crypto';
import * as v from 'valibot';
import { INTEGRATION_EVENTS } from '../../protocol/integrations.js';

const events = v.pipe(
  v.array(v.picklist(INTEGRATION_EVENTS, `must be among ${INTEGRATION_EVENTS.join(', ')}`)),
  v.minLength(1, 'must name at least one event'),
);
const url = v.pipe(v.string(), v.regex(/^https?:\/\/[^\s]+$/, 'must be an http:// or https:// URL'), v.maxLength(2048));

export const webhookSchema = v.variant('type', [
  v.strictObject({
    type: v.optional(v.literal('webhook'), 'webhook'),
    url,
    /** Signs every body (X-Pasokh-Signature); the receiver checks it with the same secret. */
    secret: v.pipe(v.string(), v.minLength(16, 'must be at least 16 characters')),
    events,
  }),
  v.strictObject({
    type: v.literal('slack'),
    /** A Slack incoming-webhook URL; the URL itself is the credential. */
    url,
    events,
  }),
]);

export type WebhookEndpoint = v.InferOutput<typeof webhookSchema>;

/**
 * A stable key per site, kind and URL: deliveries are unique per event and key, so listing an
 * endpoint twice or restarting never sends an event twice to one URL.
 */
export function endpointKey(site: string, endpoint: Pick<WebhookEndpoint, 'type' | 'url'>): string {
  return `${endpoint.type}:${createHash('sha256').update(`${site}\n${endpoint.url}`).digest('hex').slice(0, 24)}`;
}

/** The URL as the console may show it: no user, password, query or fragment (Slack puts its token in the path, so that goes too). */
export function displayUrl(endpoint: Pick<WebhookEndpoint, 'type' | 'url'>): string {
  const parsed = new URL(endpoint.url);
  return endpoint.type === 'slack' ? `${parsed.origin}/…` : `${parsed.origin}${parsed.pathname}`;
}
