/**
 * Which sites an agent serves. `null` is every site (the default, so a one-site install never
 * thinks about it); a list limits the agent to those sites, and everything of another site
 * looks to that agent exactly like something that does not exist.
 */
import type { SiteKey } from '../../protocol/types.js';

export interface SiteMember {
  sites: SiteKey[] | null;
}

export function servesSite(agent: SiteMember, site: SiteKey): boolean {
  return agent.sites === null || agent.sites.includes(site);
}

/** The configured sites the agent serves, in configuration order. */
export function sitesServed(agent: SiteMember, configured: readonly SiteKey[]): SiteKey[] {
  return configured.filter((site) => servesSite(agent, site));
}

export function sameSites(a: SiteKey[] | null, b: SiteKey[] | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

export class SiteListError extends Error {}

/**
 * Reads a membership as an admin types it: "all", or site keys separated by commas. Throws
 * SiteListError with a sentence when a key is not a configured site or the list is empty.
 */
export function parseSiteList(input: string | readonly string[] | null, configured: readonly SiteKey[]): SiteKey[] | null {
  if (input === null || input === 'all') return null;
  const keys = (typeof input === 'string' ? input.split(',') : [...input]).map((key) => key.trim()).filter(Boolean);
  if (keys.length === 0) throw new SiteListError('Name at least one site, or "all".');
  const unknown = keys.filter((key) => !configured.includes(key));
  if (unknown.length > 0)
    throw new SiteListError(
      `There is no site ${unknown.map((k) => `"${k}"`).join(', ')} on this server (sites: ${configured.join(', ')}).`,
    );
  return [...new Set(keys)];
}
