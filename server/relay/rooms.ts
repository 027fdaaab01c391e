/** Room names in one place: a typo here would silently drop messages. */
export const rooms = {
  visitor: (visitorId: string) => `visitor:${visitorId}`,
  site: (site: string) => `site:${site}`,
  agents: 'agents',
  agent: (agentId: string) => `agent:${agentId}`,
  /** The sockets opened with one sign-in: a logout ends exactly these. */
  session: (tokenHash: string) => `session:${tokenHash}`,
} as const;
