import type { ConversationSummary } from '../../protocol/types.js';
import { formatDateTime } from '../lib/format.js';
import { previewLine } from '../lib/queue.js';
import { visitorName } from '../state/console.js';
import { useConsole } from './context.js';

/** The closed conversations found; each opens read-only. */
export function HistoryResults({ results }: { results: ConversationSummary[] }) {
  const { t, actions, locale } = useConsole();
  return (
    <ul class="history-list" aria-label={t('history.results')}>
      {results.map((conversation) => (
        <li key={conversation.id}>
          <button type="button" class="history-row" onClick={() => actions.openConversation(conversation.id)}>
            <span class="row-name" dir="auto">
              {visitorName(conversation, locale)}
            </span>
            <span class="row-text" dir="auto">
              {conversation.lastMessage ? previewLine(conversation.lastMessage, t) : ''}
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
  );
}
