/**
 * What the console is told is verified: only the fields the site signed. The agent's socket
 * receives the visitor profile the console draws its "verified" badge from.
 */
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import type { VisitorProfile } from '../../protocol/types.js';
import { identityHash } from '../../server/auth/tokens.js';
import { startHarness, type Harness, type VisitorSocket } from './harness.js';

const SECRET = 'site-secret-for-tests-0123456789';
let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

function identityToken(claims: Record<string, unknown>, expiresIn: string | number = '10m'): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(SECRET));
}

/** The visitor profile an agent gets for the conversation this visitor opens. */
async function profileSeenByAgent(harness: Harness, socket: VisitorSocket): Promise<VisitorProfile> {
  const sent = await socket.timeout(5000).emitWithAck('message:send', { clientId: randomUUID(), text: 'hello' });
  if (!sent.ok) throw new Error(sent.error.message);
  const agent = await harness.agent();
  const got = await agent.timeout(5000).emitWithAck('conversation:get', { conversationId: sent.conversationId });
  if (!got.ok) throw new Error(got.error.message);
  const queued = harness.queueOf(agent).find((c) => c.id === sent.conversationId);
  expect(queued?.visitor).toEqual(got.conversation.visitor);
  return got.conversation.visitor;
}

describe('verified visitor fields', () => {
  it('does not mark a name and email as verified when the identity hash signs only the id', async () => {
    h = await startHarness({ env: { PASOKH_SECRET: SECRET } });
    const { socket } = await h.visitor({
      user: { id: 'mallory', hash: identityHash(SECRET, 'mallory'), name: 'Alice Admin', email: 'alice@example.com' },
    });
    const visitor = await profileSeenByAgent(h, socket);
    expect(visitor).toMatchObject({ name: 'Alice Admin', email: 'alice@example.com', verified: true, verifiedFields: ['id'] });
  });

  it('marks name and email as verified when an identity token signs them, and stores the signed values over the hints', async () => {
    h = await startHarness({ env: { PASOKH_SECRET: SECRET } });
    const token = await identityToken({ sub: 'alice', name: 'Alice', email: 'alice@example.com' });
    const { socket } = await h.visitor({ user: { id: 'alice', token, name: 'Not Alice', email: 'mallory@example.com' } });
    const visitor = await profileSeenByAgent(h, socket);
    expect(visitor).toMatchObject({ name: 'Alice', email: 'alice@example.com', verified: true });
    expect([...(visitor.verifiedFields ?? [])].sort()).toEqual(['email', 'id', 'name']);
  });

  it('takes the badge off an email the visitor later changes itself', async () => {
    h = await startHarness({ env: { PASOKH_SECRET: SECRET } });
    const token = await identityToken({ sub: 'alice', email: 'alice@example.com' });
    const { socket, hello } = await h.visitor({ user: { id: 'alice', token } });
    const left = await socket
      .timeout(5000)
      .emitWithAck('offline:leave', { clientId: randomUUID(), email: 'mallory@example.com', text: 'call me' });
    expect(left.ok).toBe(true);
    expect(await h.store.getVisitor(hello.visitorId)).toMatchObject({ email: 'mallory@example.com', verifiedFields: ['id'] });
  });

  it('refuses an expired, tampered or borrowed identity token with unauthorized', async () => {
    h = await startHarness({ env: { PASOKH_SECRET: SECRET } });
    const expired = await identityToken({ sub: 'alice' }, Math.floor(Date.now() / 1000) - 60);
    await expect(h.visitor({ user: { id: 'alice', token: expired } })).rejects.toMatchObject({
      data: { code: 'unauthorized' },
      message: expect.stringMatching(/expired/),
    });

    const [header, , signature] = (await identityToken({ sub: 'mallory', name: 'Mallory' })).split('.');
    const payload = Buffer.from(
      JSON.stringify({ sub: 'mallory', name: 'Alice Admin', exp: Math.floor(Date.now() / 1000) + 600 }),
    ).toString('base64url');
    await expect(h.visitor({ user: { id: 'mallory', token: `${header}.${payload}.${signature}` } })).rejects.toMatchObject({
      data: { code: 'unauthorized' },
    });

    const aliceToken = await identityToken({ sub: 'alice', name: 'Alice' });
    await expect(h.visitor({ user: { id: 'mallory', token: aliceToken } })).rejects.toMatchObject({
      data: { code: 'unauthorized' },
    });
  });
});
