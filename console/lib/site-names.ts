/**
 * Site names per language, fetched once per page: what `{site}` in a saved reply becomes. The
 * site's key is the fallback while they load or when the call fails.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from './api.js';

type Names = Map<string, Record<'en' | 'fa', string>>;

let pending: Promise<Names> | undefined;

function load(): Promise<Names> {
  pending ??= api.sites().then(
    ({ sites }) => new Map(sites.map((site) => [site.key, site.names])),
    (error: unknown) => {
      pending = undefined; // Try again next time.
      throw error;
    },
  );
  return pending;
}

/** The name of `site` for a visitor of `locale` ("fa", "fa-IR", "en-US"…); the key until known. */
export function useSiteName(site: string, locale: string | null | undefined): string {
  const [names, setNames] = useState<Names | null>(null);
  useEffect(() => {
    load().then(setNames, () => {});
  }, []);
  const entry = names?.get(site);
  if (!entry) return site;
  return locale && /^fa\b/i.test(locale) ? entry.fa : entry.en;
}
