import { useEffect, useState } from 'preact/hooks';
import type { ConversationSummary } from '../../protocol/types.js';
import { api } from '../lib/api.js';
import { formatDateTime } from '../lib/format.js';
import type { AgentListItem } from '../lib/types.js';
import { visitorName } from '../state/console.js';
import { useConsole } from './context.js';

interface Query {
  visitor: string;
  text: string;
  agent: string;
  from: string;
  to: string;
}

const EMPTY: Query = { visitor: '', text: '', agent: '', from: '', to: '' };

/** Closed conversations: search by visitor, words, agent and dates; a result opens read-only. */
export function History() {
  const { t, actions, locale } = useConsole();
  const [query, setQuery] = useState<Query>(EMPTY);
  const [agents, setAgents] = useState<AgentListItem[]>([]);
  const [results, setResults] = useState<ConversationSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const search = async (next: Query) => {
    setError(null);
    try {
      setResults((await api.history(next)).conversations);
    } catch (err) {
      setError(t('history.failed', { message: err instanceof Error ? err.message : String(err) }));
    }
  };
  useEffect(() => {
    void search(EMPTY);
    api.agents().then(
      ({ agents }) => setAgents(agents),
      () => {},
    );
  }, []);
  const field = (key: keyof Query) => ({
    value: query[key],
    onInput: (e: Event) => setQuery({ ...query, [key]: (e.currentTarget as HTMLInputElement).value }),
  });

  return (
    <main class="page history" aria-labelledby="history-heading">
      <div class="page-head">
        <h1 id="history-heading">{t('history.heading')}</h1>
      </div>
      <form
        class="card history-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void search(query);
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
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {results && results.length === 0 && <p class="empty">{t('history.none')}</p>}
      {results && results.length > 0 && (
        <ul class="history-list" aria-label={t('history.results')}>
          {results.map((conversation) => (
            <li key={conversation.id}>
              <button type="button" class="history-row" onClick={() => actions.openConversation(conversation.id)}>
                <span class="row-name" dir="auto">
                  {visitorName(conversation, locale)}
                </span>
                <span class="row-text" dir="auto">
                  {conversation.lastMessage?.text ?? ''}
                </span>
                <span class="row-meta">
                  {formatDateTime(conversation.createdAt, locale)}
                  {conversation.assignee && ` · ${conversation.assignee.name}`}
                  {` · ${conversation.site}`}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
