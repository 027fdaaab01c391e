/**
 * Webhook endpoints of a site, as the config file lists them:
 * `"webhooks": [{ "url": "https://…", "secret": "…", "events": ["message.created"] }]`, and
 * `{ "type": "slack", "url": "https://hooks.slack.com/…", "events": [...] }` for Slack.
 */
import { createHash, randomBytes } from 'node:crypto';
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

/**
 * What the console may add: the config's rules, and no user or password in the URL (it would
 * be shown in the console and written to logs as part of the URL).
 */
const consoleUrl = v.pipe(
  url,
  v.check((value) => {
    try {
      const parsed = new URL(value);
      return parsed.username === '' && parsed.password === '';
    } catch {
      return false;
    }
  }, 'must be a valid URL without a user name or password in it'),
);

export const webhookInputSchema = v.strictObject({
  site: v.pipe(v.string(), v.maxLength(100)),
  type: v.picklist(['webhook', 'slack'], 'must be "webhook" or "slack"'),
  /** Blank when editing keeps the URL (a Slack URL is never sent back to the console). */
  url: v.optional(v.union([v.literal(''), consoleUrl])),
  secret: v.optional(
    v.union([v.literal(''), v.pipe(v.string(), v.minLength(16, 'must be at least 16 characters'), v.maxLength(200))]),
  ),
  events,
  enabled: v.optional(v.boolean(), true),
});

export type WebhookInput = v.InferOutput<typeof webhookInputSchema>;

/** A secret for an endpoint added without one. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

/** The endpoint key of one added in the console: its id, so editing its URL keeps its deliveries. */
export function consoleEndpointKey(endpoint: { type: 'webhook' | 'slack'; id: string }): string {
  return `${endpoint.type}:console:${endpoint.id}`;
}

/** The console endpoint's id in a delivery's endpoint key, or undefined for a config one. */
export function consoleEndpointId(key: string): string | undefined {
  return /^(?:webhook|slack):console:(.+)$/.exec(key)?.[1];
}
