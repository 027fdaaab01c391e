import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationSummary } from '../../protocol/types.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

describe('GET /api/history', () => {
  it('finds closed conversations by words said, visitor and agent, for signed-in agents only', async () => {
    const { socket: visitor } = await h.visitor({ user: undefined });
    const sent = await visitor
      .timeout(5000)
      .emitWithAck('message:send', { clientId: randomUUID(), text: 'The samovar lid does not fit' });
    if (!sent.ok) throw new Error(sent.error.code);
    const cookie = await h.login();
    const agent = await h.agent(cookie);
    const conversationId = sent.conversationId;
    expect((await agent.timeout(5000).emitWithAck('conversation:claim', { conversationId })).ok).toBe(true);
    expect((await agent.timeout(5000).emitWithAck('conversation:close', { conversationId })).ok).toBe(true);
    const me = (await fetch(`${h.url}/api/me`, { headers: { cookie } }).then((r) => r.json())) as { agent: { id: string } };

    const search = async (query: string) => {
      const response = await fetch(`${h.url}/api/history?${query}`, { headers: { cookie } });
      expect(response.status).toBe(200);
      return ((await response.json()) as { conversations: ConversationSummary[] }).conversations.map((c) => c.id);
    };
    expect(await search('text=SAMOVAR')).toEqual([conversationId]);
    expect(await search('text=teapot')).toEqual([]);
    expect(await search(`agent=${me.agent.id}`)).toEqual([conversationId]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await search(`from=${today}&to=${today}`)).toEqual([conversationId]);
    expect(await search('to=2000-01-01')).toEqual([]);

    expect((await fetch(`${h.url}/api/history`)).status).toBe(401);
    expect((await fetch(`${h.url}/api/history?from=yesterday`, { headers: { cookie } })).status).toBe(400);
  });
});
