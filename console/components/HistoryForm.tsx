import type { AgentListItem } from '../lib/types.js';
import { useConsole } from './context.js';

export interface HistoryQuery {
  visitor: string;
  text: string;
  agent: string;
  from: string;
  to: string;
}

interface Props {
  query: HistoryQuery;
  setQuery: (query: HistoryQuery) => void;
  agents: AgentListItem[];
  onSearch: () => void;
}

/** The history's search: visitor, words, agent and dates. */
export function HistoryForm({ query, setQuery, agents, onSearch }: Props) {
  const { t } = useConsole();
  const field = (key: keyof HistoryQuery) => ({
    value: query[key],
    onInput: (e: Event) => setQuery({ ...query, [key]: (e.currentTarget as HTMLInputElement).value }),
  });
  return (
    <form
      class="card history-form"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        onSearch();
      }}
    >
      <label class="field">
        <span>{t('history.visitor')}</span>
        <input type="search" dir="auto" {...field('visitor')} />
      </label>
      <label class="field">
        <span>{t('history.text')}</span>
        <input type="search" dir="auto" {...field('text')} />
      </label>
      <label class="field">
        <span>{t('history.agent')}</span>
        <select value={query.agent} onChange={(e) => setQuery({ ...query, agent: e.currentTarget.value })}>
          <option value="">{t('history.anyAgent')}</option>
          {agents.map((agent) => (
            <option key={agent.id} value={agent.id}>
              {agent.name}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span>{t('history.from')}</span>
        <input type="date" {...field('from')} />
      </label>
      <label class="field">
        <span>{t('history.to')}</span>
        <input type="date" {...field('to')} />
      </label>
      <div class="actions">
        <button type="submit" class="primary">
          {t('history.search')}
        </button>
      </div>
    </form>
  );
}
