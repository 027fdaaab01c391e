import { useState } from 'preact/hooks';
import type { ConversationSummary } from '../../protocol/types.js';
import { useConsole } from './context.js';
import { TransferControl } from './TransferControl.js';

interface Props {
  summary: ConversationSummary;
  name: string;
  /** On a phone: shows the visitor's details in place of the thread. */
  onShowContext: () => void;
}

/** Above the thread: the visitor's name, who has the conversation, and "Claim", transfer, "Close". */
export function ConversationHeader({ summary, name, onShowContext }: Props) {
  const { t, state, actions } = useConsole();
  const [busy, setBusy] = useState(false);
  const id = summary.id;
  const closed = summary.status === 'closed';
  const mine = summary.assignee?.id === state.agent?.id;
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    await action();
    setBusy(false);
  };

  return (
    <header class="thread-head">
      <div>
        <h2 id={`conv-title-${id}`} dir="auto">
          {name}
        </h2>
        <p class="sub">
          {summary.assignee ? t('conv.assignedTo', { name: mine ? t('msg.you') : summary.assignee.name }) : t('conv.unassigned')}
        </p>
      </div>
      <div class="actions">
        <button type="button" class="narrow-only" onClick={onShowContext}>
          {t('conv.showVisitor')}
        </button>
        {!closed && !mine && (
          <button type="button" class="primary" disabled={busy} onClick={() => void run(() => actions.claim(id))}>
            {t('conv.claim')}
          </button>
        )}
        {!closed && <TransferControl conversation={summary} />}
        {!closed && (
          <button type="button" disabled={busy} onClick={() => void run(() => actions.close(id))}>
            {t('conv.close')}
          </button>
        )}
      </div>
    </header>
  );
}
