/**
 * The webhook signature: `sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">` with the
 * endpoint's secret. The timestamp is signed too, so a receiver can refuse old replays.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does: true when `header` signs `timestamp` and `body` with `secret`. */
export function verifySignature(secret: string, timestamp: string, body: string, header: string): boolean {
  const expected = Buffer.from(signature(secret, Number(timestamp), body));
  const given = Buffer.from(header);
  return /^\d+$/.test(timestamp) && given.length === expected.length && timingSafeEqual(given, expected);
}
