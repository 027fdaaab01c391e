import type { ConversationSummary } from '../../protocol/types.js';
import { safeHref } from '../lib/format.js';
import { previewText, QUEUE_FILTERS, unreadCount } from '../lib/queue.js';
import { visitorName } from '../state/console.js';
import { useConsole } from './context.js';
import { WaitTime } from './WaitTime.js';

/** Where the conversation started, short: the page title, else host + path. */
function pageLabel(conversation: ConversationSummary): string | null {
  const { title, url } = conversation.context;
  if (title) return title;
  if (!url) return null;
  const href = safeHref(url);
  if (!href) return url;
  const u = new URL(href);
  return u.host + u.pathname;
}

/** The queue: filters and the "Conversations" list (binding name, docs/architecture.md). */
export function ConversationList({ rows }: { rows: ConversationSummary[] }) {
  const { t, state, actions, locale } = useConsole();
  const filterLabel = { unassigned: t('filter.unassigned'), mine: t('filter.mine'), all: t('filter.all') };
  return (
    <section class="queue" aria-labelledby="queue-heading">
      <div class="queue-head">
        <h2 id="queue-heading">{t('queue.label')}</h2>
        <div role="group" aria-label={t('queue.filter')} class="segmented">
          {QUEUE_FILTERS.map((f) => (
            <button type="button" key={f} aria-pressed={state.filter === f} onClick={() => actions.setFilter(f)}>
              {filterLabel[f]}
            </button>
          ))}
        </div>
      </div>
      {/* Above the (empty) list, so it sits at the top of the queue, not at its foot. */}
      {rows.length === 0 && <p class="empty">{t('queue.empty')}</p>}
      <ul aria-label={t('queue.label')} class="queue-list">
        {rows.map((c) => {
          const unread = unreadCount(c, { readSeq: state.readSeq[c.id] ?? 0, visitorSeqs: state.visitorSeqs[c.id] ?? [] });
          const page = pageLabel(c);
          const name = visitorName(c, locale);
          return (
            <li key={c.id}>
              <button
                type="button"
                class={`queue-row${state.activeId === c.id ? ' active' : ''}${unread ? ' unread' : ''}`}
                aria-current={state.activeId === c.id ? 'true' : undefined}
                onClick={() => actions.openConversation(c.id)}
              >
                <span class="row-top">
                  <span class="row-name" dir="auto">
                    {name}
                  </span>
                  {unread > 0 && (
                    <span class="badge" aria-label={t('queue.unread', { n: unread })}>
                      {new Intl.NumberFormat(locale === 'fa' ? 'fa-IR' : 'en-US').format(unread)}
                    </span>
                  )}
                </span>
                <span class="row-text" dir="auto">
                  {previewText(c, state.preview[c.id], t) ?? t('queue.noMessage')}
                </span>
                {page && (
                  <span class="row-page" dir="auto">
                    {page}
                  </span>
                )}
                <span class="row-meta">
                  <WaitTime since={c.waitingSince} />
                  {c.offline && <span class="tag tag-offline">{t('queue.offline')}</span>}
                  <span class={c.assignee ? 'assignee' : 'assignee none'}>
                    {c.assignee
                      ? t('queue.assignee', { name: c.assignee.id === state.agent?.id ? t('msg.you') : c.assignee.name })
                      : t('queue.unassigned')}
                  </span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      <p class="hint">{t('queue.shortcuts')}</p>
    </section>
  );
}
