/**
 * Password reset links for agents: signed with the mail secret over the agent's current
 * password hash, so a link stops working once it was used (or the password changed another
 * way) and after an hour.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** @default 1 hour */
export const RESET_LINK_MS = 3_600_000;

function mac(secret: string, agentId: string, expires: string, passwordHash: string): string {
  return createHmac('sha256', secret).update(`reset:${agentId}:${expires}:${passwordHash}`).digest('base64url');
}

export function signReset(secret: string, agent: { id: string; passwordHash: string }, expiresAt: number): string {
  const expires = Math.floor(expiresAt / 1000).toString(36);
  return `${Buffer.from(agent.id).toString('base64url')}.${expires}.${mac(secret, agent.id, expires, agent.passwordHash)}`;
}

/** The agent id the token names, before the hash check (which needs the agent's row). */
export function resetAgentId(token: string): string | null {
  const [id] = token.split('.');
  if (!id || token.split('.').length !== 3) return null;
  return Buffer.from(id, 'base64url').toString('utf8');
}

export function verifyReset(
  secret: string,
  token: string,
  agent: { id: string; passwordHash: string },
  now = Date.now(),
): boolean {
  const [, expires, given] = token.split('.');
  if (!expires || !given || !/^[0-9a-z]{1,10}$/.test(expires) || parseInt(expires, 36) * 1000 < now) return false;
  const expected = Buffer.from(mac(secret, agent.id, expires, agent.passwordHash));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
