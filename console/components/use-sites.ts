import { useEffect, useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import type { SiteSummary } from '../lib/types.js';

/** Loads the sites the agent serves, once. */
export function useSites(): SiteSummary[] {
  const [sites, setSites] = useState<SiteSummary[]>([]);
  useEffect(() => {
    api.sites().then(
      ({ sites }) => setSites(sites),
      () => setSites([]),
    );
  }, []);
  return sites;
}
