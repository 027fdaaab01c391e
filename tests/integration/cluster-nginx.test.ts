/**
 * Two server processes behind Debian's nginx running the shipped deploy/nginx/pasokh.conf,
 * sharing PostgreSQL and a Redis stream. Visitors and agents connect through nginx from
 * different loopback addresses, so they land on both nodes. While messages flow, one node is
 * killed with SIGKILL, brought back, then the other: every acknowledged message is stored
 * once, in the order its sender typed it, and reaches both sides; clients fail over through
 * nginx by themselves. In CI a missing nginx, PostgreSQL or Redis fails the suite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterUnavailable, startCluster, type Cluster } from '../../bench/lib/cluster.js';
import { AgentClient, login, VisitorClient } from '../../bench/lib/protocol-client.js';
import { ADMIN } from '../../bench/lib/server-process.js';

const VISITORS = 12;
const ROUNDS = 9;

const reason = await clusterUnavailable();
const suite = reason === null || process.env.CI ? describe : describe.skip;

suite('two nodes behind nginx', () => {
  let cluster: Cluster | undefined;
  const clients: { close(): void }[] = [];

  beforeAll(async () => {
    if (reason !== null) throw new Error(`${reason}: the cluster test needs nginx, PostgreSQL and Redis`);
    cluster = await startCluster({ nodes: 2 });
  }, 90_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    await cluster?.stop();
  }, 60_000);

  async function until(what: string, test: () => boolean, ms = 30_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!test()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('loses, doubles and reorders nothing while each node in turn is killed, and clients fail over by themselves', async () => {
    const { url, nodes } = cluster!;
    const cookie = await login(url, ADMIN.email, ADMIN.password);
    const agents = ['127.0.0.2', '127.0.0.3'].map((localAddress) => new AgentClient({ url, cookie, localAddress }));
    clients.push(...agents);
    await Promise.all(agents.map((a) => a.ready()));

    const visitors = Array.from({ length: VISITORS }, (_, i) => new VisitorClient({ url, localAddress: `127.0.0.${10 + i}` }));
    clients.push(...visitors);
    await Promise.all(visitors.map((v) => v.ready()));
    const dropped = new Set<VisitorClient>();
    for (const visitor of visitors) {
      (visitor as unknown as { socket: { on(e: string, f: () => void): void } }).socket.on('disconnect', () =>
        dropped.add(visitor),
      );
    }

    const sentByVisitor = new Map<VisitorClient, string[]>();
    const sentByAgent = new Map<string, string[]>();
    const acked: Promise<unknown>[] = [];
    let droppedByFirstKill = 0;
    for (let round = 0; round < ROUNDS; round++) {
      if (round === 3) await nodes[0]!.kill('SIGKILL');
      if (round === 5) {
        droppedByFirstKill = dropped.size;
        await cluster!.startNode(0);
        await nodes[1]!.kill('SIGKILL');
      }
      if (round === 7) await cluster!.startNode(1);
      for (const [i, visitor] of visitors.entries()) {
        const text = `v${i} r${round}`;
        sentByVisitor.set(visitor, [...(sentByVisitor.get(visitor) ?? []), text]);
        const ack = visitor.send(text);
        acked.push(ack);
        if (round === 0) await ack;
      }
      for (const [i, visitor] of visitors.entries()) {
        const conversationId = visitor.conversationId;
        if (!conversationId) continue;
        const agent = agents[i % agents.length]!;
        if (!agent.following.has(conversationId)) await agent.follow(conversationId);
        const text = `a${i} r${round}`;
        sentByAgent.set(conversationId, [...(sentByAgent.get(conversationId) ?? []), text]);
        acked.push(agent.send(conversationId, text));
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    await Promise.all(acked);

    // The proxy spread the visitors: the first kill dropped some of them and not others.
    expect(droppedByFirstKill).toBeGreaterThan(0);
    expect(droppedByFirstKill).toBeLessThan(VISITORS);
    expect(dropped.size, 'the second kill dropped the rest').toBe(VISITORS);

    const stored = await cluster!.messages();
    for (const [i, visitor] of visitors.entries()) {
      const conversationId = visitor.conversationId!;
      const rows = stored.filter((m) => m.conversationId === conversationId);
      expect(
        rows.map((r) => r.seq),
        `visitor ${i}: seqs gapless`,
      ).toEqual(rows.map((_, n) => n + 1));
      const texts = rows.map((r) => r.text);
      expect(
        texts.filter((t) => t.startsWith(`v${i} `)),
        `visitor ${i}: stored once, in order`,
      ).toEqual(sentByVisitor.get(visitor));
      expect(
        texts.filter((t) => t.startsWith(`a${i} `)),
        `agent to ${i}: stored once, in order`,
      ).toEqual(sentByAgent.get(conversationId));

      // Both sides hold every stored message once they have caught up.
      await visitor.syncAll();
      const agent = agents[i % agents.length]!;
      await agent.syncAll();
      await until(`both sides of conversation ${i} hold all ${rows.length} messages`, () => {
        return visitor.view.contiguous(conversationId) >= rows.length && agent.view.contiguous(conversationId) >= rows.length;
      });
      expect(visitor.view.list(conversationId).map((m) => m.text)).toEqual(texts);
      expect(agent.view.list(conversationId).map((m) => m.text)).toEqual(texts);
    }
    for (const client of [...visitors, ...agents]) expect(client.view.conflicts).toBe(0);
  }, 120_000);
});
