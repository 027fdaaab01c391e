import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { identityHash } from '../../server/auth/tokens.js';
import { startHarness, type Harness } from './harness.js';

const SECRET = 'site-secret-for-tests-0123456789';
let h: Harness;
afterEach(async () => {
  await h.stop();
});

describe('identity verification', () => {
  it('follows a verified user to a second device with its conversation', async () => {
    h = await startHarness({ env: { PASOKH_SECRET: SECRET } });
    const user = { id: 'user-42', hash: identityHash(SECRET, 'user-42'), name: 'Sara', email: 'sara@example.com' };
    const { socket: laptop, hello: first } = await h.visitor({ user });
    const sent = await laptop.timeout(5000).emitWithAck('message:send', { clientId: randomUUID(), text: 'from my laptop' });
    if (!sent.ok) throw new Error(sent.error.message);

    const { hello: phone } = await h.visitor({ user });
    expect(phone.visitorId).toBe(first.visitorId);
    expect(phone.conversation?.id).toBe(sent.conversationId);
    expect(await h.store.getVisitor(first.visitorId)).toMatchObject({
      name: 'Sara',
      email: 'sara@example.com',
      externalId: 'user-42',
    });
  });

  it('refuses a wrong or missing hash when the site has a secret', async () => {
    h = await startHarness({ env: { PASOKH_SECRET: SECRET } });
    await expect(h.visitor({ user: { id: 'user-42', hash: identityHash(SECRET, 'user-43') } })).rejects.toMatchObject({
      data: { code: 'unauthorized' },
    });
    await expect(h.visitor({ user: { id: 'user-42' } })).rejects.toMatchObject({ data: { code: 'unauthorized' } });
  });

  it('takes an unverified name as a hint only: the same user id on another device is another visitor', async () => {
    h = await startHarness();
    const { hello: a } = await h.visitor({ user: { id: 'user-42', name: 'Sara' } });
    const { hello: b } = await h.visitor({ user: { id: 'user-42', name: 'Sara' } });
    expect(b.visitorId).not.toBe(a.visitorId);
    expect((await h.store.getVisitor(a.visitorId))?.name).toBe('Sara');
    expect((await h.store.getVisitor(a.visitorId))?.externalId).toBeNull();
  });
});
