/**
 * One HTTP attempt: a signed webhook or a Slack post. Redirects are not followed (a webhook
 * URL that moved is the owner's to fix) and a slow endpoint is cut off.
 */
import type { IntegrationEvent } from '../../protocol/integrations.js';
import { signature } from './sign.js';

/** @default 10 s */
export const SEND_TIMEOUT_MS = 10_000;

export interface AttemptResult {
  ok: boolean;
  responseCode: number | null;
  error: string | null;
}

async function post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<AttemptResult> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'user-agent': 'Pasokh-Webhooks/1', ...headers },
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    const ok = response.status >= 200 && response.status < 300;
    return { ok, responseCode: response.status, error: ok ? null : `HTTP ${response.status}` };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { ok: false, responseCode: null, error: cause ?? (error instanceof Error ? error.name : 'request failed') };
  }
}

/** What a webhook body carries: an integration event, or the console's test event. */
export type WebhookBody = Pick<IntegrationEvent, 'id' | 'createdAt' | 'site'> & { type: string; data: unknown };

/** POSTs the event as `{ id, type, createdAt, site, data }` with the X-Pasokh-* headers. */
export function sendWebhook(
  url: string,
  secret: string,
  event: WebhookBody,
  now = Date.now(),
  timeoutMs = SEND_TIMEOUT_MS,
): Promise<AttemptResult> {
  const body = JSON.stringify({ id: event.id, type: event.type, createdAt: event.createdAt, site: event.site, data: event.data });
  const timestamp = Math.floor(now / 1000);
  return post(
    url,
    body,
    {
      'x-pasokh-event': event.type,
      'x-pasokh-delivery': event.id,
      'x-pasokh-timestamp': String(timestamp),
      'x-pasokh-signature': signature(secret, timestamp, body),
    },
    timeoutMs,
  );
}

export function sendJson(url: string, payload: unknown, timeoutMs = SEND_TIMEOUT_MS): Promise<AttemptResult> {
  return post(url, JSON.stringify(payload), {}, timeoutMs);
}
