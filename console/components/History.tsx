import { useEffect, useState } from 'preact/hooks';
import type { ConversationSummary } from '../../protocol/types.js';
import { api } from '../lib/api.js';
import type { AgentListItem } from '../lib/types.js';
import { useConsole } from './context.js';
import { HistoryForm, type HistoryQuery } from './HistoryForm.js';
import { HistoryResults } from './HistoryResults.js';
import { errorText } from '../lib/error-text.js';

const EMPTY: HistoryQuery = { visitor: '', text: '', agent: '', from: '', to: '' };

/** Closed conversations: search by visitor, words, agent and dates; a result opens read-only. */
export function History() {
  const { t } = useConsole();
  const [query, setQuery] = useState<HistoryQuery>(EMPTY);
  const [agents, setAgents] = useState<AgentListItem[]>([]);
  const [results, setResults] = useState<ConversationSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const search = async (next: HistoryQuery) => {
    setError(null);
    try {
      setResults((await api.history(next)).conversations);
    } catch (err) {
      setError(t('history.failed', { message: errorText(err) }));
    }
  };
  useEffect(() => {
    void search(EMPTY);
    api.agents().then(
      ({ agents }) => setAgents(agents),
      () => {},
    );
  }, []);

  return (
    <main class="page history" aria-labelledby="history-heading">
      <div class="page-head">
        <h1 id="history-heading">{t('history.heading')}</h1>
      </div>
      <HistoryForm query={query} setQuery={setQuery} agents={agents} onSearch={() => void search(query)} />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {results && results.length === 0 && <p class="empty">{t('history.none')}</p>}
      {results && results.length > 0 && <HistoryResults results={results} />}
    </main>
  );
}
