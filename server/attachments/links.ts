/**
 * Short-lived signed download links: `/api/attachments/<id>/file?expires=<ms>&sig=<HMAC>`. Only
 * someone allowed to see the file gets one (the link route checks), and it works for a few
 * minutes, so a link copied into a log or a chat elsewhere soon leads nowhere.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AttachmentLink } from '../../protocol/attachments.js';

/** How long a link works. */
export const LINK_TTL_MS = 5 * 60_000;

function signature(key: string, id: string, expires: number): string {
  return createHmac('sha256', key).update(`attachment:${id}:${expires}`).digest('base64url');
}

/** A path (the caller's origin goes in front of it): the widget and the console each know theirs. */
export function signLink(key: string, id: string, now = Date.now(), ttlMs = LINK_TTL_MS): AttachmentLink {
  const expires = now + ttlMs;
  const url = `/api/attachments/${encodeURIComponent(id)}/file?expires=${expires}&sig=${signature(key, id, expires)}`;
  return { url, expiresAt: new Date(expires).toISOString() };
}

/** Whether a link's `expires` and `sig` are ones this install signed for `id`, and not yet past. */
export function verifyLink(key: string, id: string, expires: unknown, sig: unknown, now = Date.now()): boolean {
  if (typeof expires !== 'string' || typeof sig !== 'string' || !/^\d{1,15}$/.test(expires)) return false;
  const when = Number(expires);
  if (when <= now) return false;
  const expected = Buffer.from(signature(key, id, when));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
