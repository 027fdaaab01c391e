import { useState } from 'preact/hooks';
import { api, ApiError } from '../lib/api.js';
import type { AgentListItem, SiteSummary } from '../lib/types.js';
import { useConsole } from './context.js';

/**
 * Admin only: which sites one agent serves. "All sites" (the default) includes sites added
 * later; otherwise the agent sees and answers only the ticked ones.
 */
export function AgentSites({ agent, sites }: { agent: AgentListItem; sites: SiteSummary[] }) {
  const { t, actions } = useConsole();
  const [error, setError] = useState<string | null>(null);
  const all = agent.sites === null;
  const ticked = new Set(agent.sites ?? sites.map((s) => s.key));

  const save = async (next: string[] | null) => {
    if (next !== null && next.length === 0) return; // an agent serves at least one site
    setError(null);
    try {
      await api.updateAgent(agent.id, { sites: next });
    } catch (err) {
      setError(t('error.generic', { message: err instanceof ApiError ? err.message : String(err) }));
    }
    await actions.refreshAgents();
  };
  const toggle = (key: string, on: boolean) => save(sites.map((s) => s.key).filter((k) => (k === key ? on : ticked.has(k))));

  return (
    <fieldset class="agent-sites">
      <legend class="visually-hidden">{t('agents.sitesOf', { name: agent.name })}</legend>
      <label>
        <input type="checkbox" checked={all} onChange={(e) => void save(e.currentTarget.checked ? null : [...ticked])} />
        {t('agents.allSites')}
      </label>
      {sites.map((site) => (
        <label key={site.key}>
          <input
            type="checkbox"
            checked={ticked.has(site.key)}
            disabled={all}
            onChange={(e) => void toggle(site.key, e.currentTarget.checked)}
          />
          <span dir="auto">{site.name}</span>
        </label>
      ))}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
