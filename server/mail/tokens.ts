/**
 * Signed, expiring conversation tokens: the reply address (reply+<token>@domain) and the link
 * that reopens a conversation in the widget. Lowercase hex and base-36 only, because mail
 * systems may change the case of an address's local part, which must stay ≤ 64 characters.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type TokenPurpose = 'reply' | 'reopen';

/** Hex digits of the MAC: 64 bits in an address (length limit), 128 in a link. */
const MAC_LENGTH: Record<TokenPurpose, number> = { reply: 16, reopen: 32 };

function mac(secret: string, purpose: TokenPurpose, id: string, expires: string): string {
  return createHmac('sha256', secret).update(`${purpose}:${id}:${expires}`).digest('hex').slice(0, MAC_LENGTH[purpose]);
}

/** `conversationId` is a UUID; the token carries it without dashes. */
export function signConversation(secret: string, purpose: TokenPurpose, conversationId: string, expiresAt: number): string {
  const id = conversationId.replace(/-/g, '').toLowerCase();
  const expires = Math.floor(expiresAt / 1000).toString(36);
  return `${id}-${expires}-${mac(secret, purpose, id, expires)}`;
}

/** The conversation id when the token is genuine and unexpired; otherwise null. */
export function verifyConversation(secret: string, purpose: TokenPurpose, token: string, now = Date.now()): string | null {
  const match = /^([0-9a-f]{32})-([0-9a-z]{1,10})-([0-9a-f]+)$/.exec(token.toLowerCase());
  if (!match) return null;
  const [, id, expires, given] = match as unknown as [string, string, string, string];
  const expected = mac(secret, purpose, id, expires);
  if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) return null;
  if (parseInt(expires, 36) * 1000 < now) return null;
  return `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
}

/** reply+<token>@domain */
export function replyAddress(secret: string, domain: string, conversationId: string, expiresAt: number): string {
  return `reply+${signConversation(secret, 'reply', conversationId, expiresAt)}@${domain}`;
}

/** The conversation an inbound address belongs to, or null when it is not one of ours or not genuine. */
export function conversationOfAddress(secret: string, domain: string, address: string, now = Date.now()): string | null {
  const match = /^reply\+([^@]+)@(.+)$/i.exec(address.trim());
  if (!match || match[2]!.toLowerCase() !== domain.toLowerCase()) return null;
  return verifyConversation(secret, 'reply', match[1]!, now);
}
