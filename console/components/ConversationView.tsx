import { useEffect, useState } from 'preact/hooks';
import type { ConversationId } from '../../protocol/types.js';
import { visitorName } from '../state/console.js';
import { Composer } from './Composer.js';
import { ConversationHeader } from './ConversationHeader.js';
import { ContextPanel } from './ContextPanel.js';
import { useConsole } from './context.js';
import { MessageList } from './MessageList.js';
import { SuggestedAnswers } from './SuggestedAnswers.js';
import { TranscriptButton } from './TranscriptButton.js';
import { TypingIndicator } from './TypingIndicator.js';

/** One conversation: header with actions, history, reply box, and the visitor's context. */
export function ConversationView({ id, visible }: { id: ConversationId; visible: boolean }) {
  const { t, state, actions, locale } = useConsole();
  const open = state.open[id];
  const summary = state.queue.find((c) => c.id === id) ?? open?.detail ?? null;
  // On a phone the thread and the visitor's details take turns on the screen.
  const [showContext, setShowContext] = useState(false);
  const messageCount = open?.messages.length ?? 0;

  // Seen on screen in a visible tab = read: clears the unread count and tells the visitor.
  useEffect(() => {
    if (visible && messageCount > 0) actions.markRead(id);
  }, [id, visible, messageCount]);

  if (!open || (!open.detail && open.loading)) return <p class="placeholder">{t('conv.loading')}</p>;
  if (!summary || !open.detail) {
    return (
      <p class="placeholder error" role="alert">
        {t('conv.loadFailed', { message: open.error ?? '' })}{' '}
        <button type="button" class="link-button" onClick={() => actions.reload(id)}>
          {t('msg.retry')}
        </button>
      </p>
    );
  }

  const name = visitorName(summary, locale);
  const closed = summary.status === 'closed';
  const latestVisitorSeq = open.messages.filter((m) => m.author.kind === 'visitor').pop()?.seq ?? 0;

  return (
    <div class={showContext ? 'conversation show-context' : 'conversation'}>
      <section class="thread" aria-labelledby={`conv-title-${id}`}>
        <ConversationHeader summary={summary} name={name} onShowContext={() => setShowContext(true)} />
        {summary.offline && summary.visitor.email && <p class="banner">{t('conv.offline', { email: summary.visitor.email })}</p>}
        <MessageList
          messages={open.messages}
          pending={state.outbox.filter((e) => e.conversationId === id)}
          visitorName={name}
          visitorReadSeq={open.visitorReadSeq}
        />
        <TypingIndicator until={state.typingUntil[id] ?? 0} name={name} />
        {closed ? (
          <p class="banner">
            {t('conv.closed')} <TranscriptButton conversation={summary} />
          </p>
        ) : (
          <>
            <SuggestedAnswers conversation={summary} latestSeq={latestVisitorSeq} />
            <Composer conversation={summary} disabled={closed} />
          </>
        )}
      </section>
      <div class="context-pane">
        <button type="button" class="link-button narrow-only back" onClick={() => setShowContext(false)}>
          <span aria-hidden="true">‹ </span>
          {t('conv.backToThread')}
        </button>
        <ContextPanel summary={summary} detail={open.detail} />
      </div>
    </div>
  );
}
