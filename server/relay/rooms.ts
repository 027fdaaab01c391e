/** Room names in one place: a typo here would silently drop messages. */
export const rooms = {
  visitor: (visitorId: string) => `visitor:${visitorId}`,
  site: (site: string) => `site:${site}`,
  agents: 'agents',
  /** The agents who serve a site: everything about its conversations goes to this room. */
  agentsOf: (site: string) => `agents:site:${site}`,
  agent: (agentId: string) => `agent:${agentId}`,
  /** The sockets opened with one sign-in: a logout ends exactly these. */
  session: (tokenHash: string) => `session:${tokenHash}`,
} as const;
