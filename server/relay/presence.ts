/**
 * Whether anybody can answer a site now, and how fast they usually do. "Online" is read from the
 * agent sockets across every process (fetchSockets goes through the adapter), so it stays true
 * when the relay is scaled out. Scaled out, that read is a round trip to every process, so its
 * answer is kept for a second: a reconnect storm of visitors asks once a second, not once each.
 * A status change anywhere clears every process's copy at once (a server-side emit).
 */
import type { Presence } from '../../protocol/types.js';
import type { SiteConfig } from '../config.js';
import type { Store } from '../store/store.js';
import { isWithinBusinessHours } from './business-hours.js';
import type { AgentNamespace, VisitorNamespace } from './deps.js';
import { rooms } from './rooms.js';

export interface PresenceTracker {
  forSite(site: SiteConfig): Promise<Presence>;
  /** Recomputes and tells every visitor of every site; call when an agent's status changes. */
  broadcast(): Promise<void>;
  attach(namespaces: { agents: AgentNamespace; visitors: VisitorNamespace }): void;
}

/** Median of the recent first-response times, in whole minutes (at least 1). */
export function replyMinutesFrom(seconds: number[]): number | null {
  if (seconds.length === 0) return null;
  const sorted = [...seconds].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.max(1, Math.ceil(median / 60));
}

export interface PresenceOptions {
  store: Store;
  sites: () => SiteConfig[];
  now?: () => Date;
  /** How long the median reply time is reused. @default 60000 */
  replyCacheMs?: number;
  /** How long "an agent is online" is reused; a status change on this process refreshes it. @default 1000 */
  onlineCacheMs?: number;
  /** Other processes share the relay (an adapter): tell them when presence changes. @default false */
  scaledOut?: boolean;
}

export function createPresenceTracker(options: PresenceOptions): PresenceTracker {
  const now = options.now ?? (() => new Date());
  const replyCacheMs = options.replyCacheMs ?? 60_000;
  const onlineCacheMs = options.onlineCacheMs ?? 1000;
  const replyCache = new Map<string, { at: number; minutes: number | null }>();
  const online = new Map<string, { at: number; value: Promise<boolean> }>();
  let namespaces: { agents: AgentNamespace; visitors: VisitorNamespace } | undefined;

  /** Whether an agent who serves this site is online, asked of every process. */
  async function readOnline(site: string): Promise<boolean> {
    if (!namespaces) return false;
    const sockets = await namespaces.agents.in(rooms.agentsOf(site)).fetchSockets();
    return sockets.some((socket) => socket.data.status === 'online');
  }

  /** Concurrent callers share one read per site; a failed read is not kept. */
  function anyAgentOnline(site: string): Promise<boolean> {
    const cached = online.get(site);
    if (cached && Date.now() - cached.at < onlineCacheMs) return cached.value;
    const value = readOnline(site);
    const entry = { at: Date.now(), value };
    online.set(site, entry);
    value.catch(() => {
      if (online.get(site) === entry) online.delete(site);
    });
    return value;
  }

  async function replyMinutes(site: string): Promise<number | null> {
    const cached = replyCache.get(site);
    if (cached && Date.now() - cached.at < replyCacheMs) return cached.minutes;
    const minutes = replyMinutesFrom(await options.store.recentFirstResponseSeconds(site, 50));
    replyCache.set(site, { at: Date.now(), minutes });
    return minutes;
  }

  async function forSite(site: SiteConfig): Promise<Presence> {
    const open = site.businessHours ? isWithinBusinessHours(site.businessHours, now()) : true;
    const online = open && (await anyAgentOnline(site.key));
    return { online, replyMinutes: await replyMinutes(site.key) };
  }

  return {
    forSite,
    attach(value) {
      namespaces = value;
      value.agents.on('presence:changed', () => online.clear());
    },
    async broadcast() {
      if (!namespaces) return;
      online.clear();
      // Before the visitors hear it, so no process answers a new visitor from a stale cache.
      if (options.scaledOut) namespaces.agents.serverSideEmit('presence:changed');
      for (const site of options.sites()) {
        namespaces.visitors.to(rooms.site(site.key)).emit('presence', await forSite(site));
      }
    },
  };
}
