/**
 * Whether anybody can answer a site now, and how fast they usually do. "Online" is read from the
 * agent sockets across every process (fetchSockets goes through the adapter), so it stays true
 * when the relay is scaled out.
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

export function createPresenceTracker(options: { store: Store; sites: () => SiteConfig[]; now?: () => Date; replyCacheMs?: number }): PresenceTracker {
  const now = options.now ?? (() => new Date());
  const replyCacheMs = options.replyCacheMs ?? 60_000;
  const replyCache = new Map<string, { at: number; minutes: number | null }>();
  let namespaces: { agents: AgentNamespace; visitors: VisitorNamespace } | undefined;

  /** Whether an agent who serves this site is online. */
  async function anyAgentOnline(site: string): Promise<boolean> {
    if (!namespaces) return false;
    const sockets = await namespaces.agents.in(rooms.agentsOf(site)).fetchSockets();
    return sockets.some((socket) => socket.data.status === 'online');
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
    },
    async broadcast() {
      if (!namespaces) return;
      for (const site of options.sites()) {
        namespaces.visitors.to(rooms.site(site.key)).emit('presence', await forSite(site));
      }
    },
  };
}
