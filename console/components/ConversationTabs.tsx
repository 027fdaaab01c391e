import { unreadCount } from '../lib/queue.js';
import { visitorName } from '../state/console.js';
import { useConsole } from './context.js';

/** The conversations the agent keeps open, to switch between quickly (Alt+1…9). */
export function ConversationTabs() {
  const { t, state, actions, locale } = useConsole();
  if (state.tabs.length === 0) return null;
  return (
    <nav class="tabs" aria-label={t('tabs.label')}>
      <ul>
        {state.tabs.map((id, index) => {
          const summary = state.queue.find((c) => c.id === id) ?? state.open[id]?.detail ?? null;
          const name = summary ? visitorName(summary, locale) : '…';
          const unread = summary
            ? unreadCount(summary, { readSeq: state.readSeq[id] ?? 0, visitorSeqs: state.visitorSeqs[id] ?? [] })
            : 0;
          const active = state.activeId === id;
          return (
            <li key={id} class={`tab${active ? ' active' : ''}${summary?.status === 'closed' ? ' closed' : ''}`}>
              <button
                type="button"
                class="tab-open"
                aria-current={active ? 'true' : undefined}
                onClick={() => actions.openConversation(id)}
                title={index < 9 ? `Alt+${index + 1}` : undefined}
              >
                {name}
                {unread > 0 && !active && <span class="dot" aria-label={t('queue.unread', { n: unread })} />}
              </button>
              <button type="button" class="tab-close" aria-label={t('tabs.close', { name })} onClick={() => actions.closeTab(id)}>
                ×
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
