/**
 * Keeps an agent socket in the rooms of the sites its agent serves, so what happens on a site
 * reaches only that site's agents, and moves it when an admin changes the agent's sites.
 */
import type { SiteKey } from '../../protocol/types.js';
import { sameSites, sitesServed, type SiteMember } from '../auth/agent-sites.js';
import { rooms } from './rooms.js';

interface ScopedSocket {
  data: SiteMember;
  join(rooms: string | string[]): unknown;
  leave(room: string): unknown;
}

export function createAgentScope(configured: readonly SiteKey[]) {
  const served = (member: SiteMember) => sitesServed(member, configured);
  return {
    /** The configured sites this member serves. */
    served,
    join(socket: ScopedSocket): void {
      void socket.join(served(socket.data).map(rooms.agentsOf));
    },
    /** Moves the socket to the rooms of `sites`; true when anything changed. */
    rescope(socket: ScopedSocket, sites: SiteKey[] | null): boolean {
      if (sameSites(socket.data.sites, sites)) return false;
      for (const site of served(socket.data)) void socket.leave(rooms.agentsOf(site));
      socket.data.sites = sites;
      void socket.join(served(socket.data).map(rooms.agentsOf));
      return true;
    },
  };
}
