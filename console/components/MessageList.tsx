import { useEffect, useRef } from 'preact/hooks';
import type { Message } from '../../protocol/types.js';
import { formatClock } from '../lib/format.js';
import type { AgentOutboxItem } from '../state/outbox.js';
import { MessageFiles } from './Attachments.js';
import { useConsole } from './context.js';
import { LinkedText } from '../../client/linked-text.js';

interface Props {
  messages: readonly Message[];
  pending: readonly AgentOutboxItem[];
  visitorName: string;
  /** Highest seq the visitor has seen. */
  visitorReadSeq: number;
}

/** The history in seq order, then the agent's messages still on their way. Text only, never HTML. */
export function MessageList({ messages, pending, visitorName, visitorReadSeq }: Props) {
  const { t, locale, state } = useConsole();
  const end = useRef<HTMLDivElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const count = messages.length + pending.length;

  useEffect(() => {
    // Follow new messages unless the agent has scrolled up to read older ones.
    const el = box.current;
    if (!el) return;
    if (el.scrollHeight - el.scrollTop - el.clientHeight < 160) end.current?.scrollIntoView({ block: 'end' });
  }, [count]);

  const author = (m: Message) => {
    if (m.author.kind === 'visitor') return visitorName;
    if (m.author.kind === 'system') return t('msg.system');
    if (m.author.id && m.author.id === state.agent?.id) return t('msg.you');
    return m.author.name ?? t('msg.agent');
  };

  return (
    <div class="messages" ref={box} role="log" aria-label={t('conv.messages')}>
      <ol>
        {messages.map((m) => {
          const kind = m.internal ? 'internal' : m.author.kind;
          const mine = m.author.kind === 'agent' && !m.internal;
          return (
            <li key={m.seq} class={`msg msg-${kind}`} data-seq={m.seq}>
              <div class="msg-head">
                <span class="msg-author">{author(m)}</span>
                {m.internal && <span class="tag tag-internal">{t('msg.internal')}</span>}
                {m.card && <span class="tag tag-card">{t('answers.card')}</span>}
                <time dateTime={m.createdAt}>{formatClock(m.createdAt, locale)}</time>
              </div>
              {m.text && (
                <p class="msg-text" dir="auto">
                  <LinkedText text={m.text} />
                </p>
              )}
              <MessageFiles files={m.attachments} />
              {mine && <span class="msg-state">{visitorReadSeq >= m.seq ? t('msg.seen') : t('msg.sent')}</span>}
            </li>
          );
        })}
        {pending.map((p) => (
          <li
            key={p.clientId}
            class={`msg msg-${p.internal ? 'internal' : 'agent'} msg-pending msg-${p.state === 'failed' ? 'failed' : 'sending'}`}
          >
            <div class="msg-head">
              <span class="msg-author">{t('msg.you')}</span>
              {p.internal && <span class="tag tag-internal">{t('msg.internal')}</span>}
            </div>
            {p.text && (
              <p class="msg-text" dir="auto">
                {p.text}
              </p>
            )}
            <MessageFiles files={p.attachments} />
            {p.state !== 'failed' ? <span class="msg-state">{t('msg.sending')}</span> : <PendingFailed entry={p} />}
          </li>
        ))}
      </ol>
      <div ref={end} />
    </div>
  );
}

function PendingFailed({ entry }: { entry: AgentOutboxItem }) {
  const { t, actions } = useConsole();
  return (
    <span class="msg-state failed" role="alert">
      {t('msg.failed', { message: entry.error?.message ?? '' })}{' '}
      <button type="button" class="link-button" onClick={() => actions.retry(entry.clientId)}>
        {t('msg.retry')}
      </button>{' '}
      <button type="button" class="link-button" onClick={() => actions.discard(entry.clientId)}>
        {t('msg.discard')}
      </button>
    </span>
  );
}
