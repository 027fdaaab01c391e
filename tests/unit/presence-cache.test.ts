import { describe, expect, it } from 'vitest';
import type { SiteConfig } from '../../server/config.js';
import { createPresenceTracker } from '../../server/relay/presence.js';
import type { AgentNamespace, VisitorNamespace } from '../../server/relay/deps.js';
import type { Store } from '../../server/store/store.js';

const site = { key: 'default' } as SiteConfig;
const store = { recentFirstResponseSeconds: async () => [120] } as unknown as Store;

/** Agent sockets as fetchSockets returns them, counting the round trips. */
function fakeNamespaces(statuses: () => string[]) {
  const calls = { fetch: 0, emitted: [] as string[], listeners: new Map<string, () => void>() };
  const agents = {
    on: (event: string, listener: () => void) => {
      calls.listeners.set(event, listener);
      return agents;
    },
    serverSideEmit: (event: string) => {
      calls.emitted.push(event);
      return true;
    },
    in: () => ({
      fetchSockets: async () => {
        calls.fetch++;
        return statuses().map((status) => ({ data: { status } }));
      },
    }),
  } as unknown as AgentNamespace;
  const visitors = { to: () => ({ emit: () => true }) } as unknown as VisitorNamespace;
  return { calls, namespaces: { agents, visitors } };
}

describe('presence across processes', () => {
  it('asks the other processes once for a burst of visitor hellos, not once each', async () => {
    const { calls, namespaces } = fakeNamespaces(() => ['online']);
    const presence = createPresenceTracker({ store, sites: () => [site], onlineCacheMs: 60_000 });
    presence.attach(namespaces);
    const answers = await Promise.all(Array.from({ length: 300 }, () => presence.forSite(site)));
    expect(answers.every((p) => p.online)).toBe(true);
    expect(calls.fetch).toBe(1);
  });

  it('reads again after the cache time, and at once after a status change on this process', async () => {
    let statuses = ['online'];
    const { calls, namespaces } = fakeNamespaces(() => statuses);
    const presence = createPresenceTracker({ store, sites: () => [site], onlineCacheMs: 50 });
    presence.attach(namespaces);
    expect((await presence.forSite(site)).online).toBe(true);
    statuses = ['away'];
    expect((await presence.forSite(site)).online).toBe(true); // still within 50 ms
    await presence.broadcast();
    expect((await presence.forSite(site)).online).toBe(false);
    statuses = ['online'];
    await new Promise((r) => setTimeout(r, 60));
    expect((await presence.forSite(site)).online).toBe(true);
    expect(calls.fetch).toBe(3);
  });

  it('tells the other processes when an agent’s status changes here, and forgets its copy when they tell it', async () => {
    let statuses = ['away'];
    const { calls, namespaces } = fakeNamespaces(() => statuses);
    const presence = createPresenceTracker({ store, sites: () => [site], onlineCacheMs: 60_000, scaledOut: true });
    presence.attach(namespaces);
    await presence.broadcast();
    expect(calls.emitted).toEqual(['presence:changed']);
    expect((await presence.forSite(site)).online).toBe(false);
    statuses = ['online']; // an agent signed in on another process, which then emitted
    calls.listeners.get('presence:changed')!();
    expect((await presence.forSite(site)).online).toBe(true);
  });

  it('emits nothing between processes when it runs alone', async () => {
    const { calls, namespaces } = fakeNamespaces(() => ['online']);
    const presence = createPresenceTracker({ store, sites: () => [site] });
    presence.attach(namespaces);
    await presence.broadcast();
    expect(calls.emitted).toEqual([]);
  });
});
