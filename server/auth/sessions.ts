/**
 * Agent sessions: a random token in an httpOnly, SameSite=Lax cookie; only its hash is stored.
 * The HTTP API and the /agent socket handshake both authenticate through `agentFromCookies`.
 */
import { fastifyCookie } from '@fastify/cookie';
import type { Store, AgentRecord } from '../store/store.js';
import { hashToken, newToken } from './tokens.js';

export const SESSION_COOKIE = 'pasokh_session';

export async function startSession(store: Store, agentId: string, hours: number): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + hours * 3600 * 1000);
  await store.createSession({ tokenHash: hashToken(token), agentId, expiresAt: expiresAt.toISOString() });
  return { token, expiresAt };
}

/** The signed-in, enabled agent behind a Cookie header, or null. */
export async function agentFromCookies(
  store: Store,
  cookieHeader: string | undefined,
): Promise<{ agent: AgentRecord; tokenHash: string } | null> {
  if (!cookieHeader) return null;
  const token = fastifyCookie.parse(cookieHeader)[SESSION_COOKIE];
  if (!token) return null;
  const tokenHash = hashToken(token);
  const session = await store.findSession(tokenHash);
  if (!session) return null;
  if (Date.parse(session.expiresAt) <= Date.now()) {
    await store.deleteSession(tokenHash);
    return null;
  }
  const agent = await store.getAgent(session.agentId);
  if (!agent || agent.disabled) return null;
  return { agent, tokenHash };
}
