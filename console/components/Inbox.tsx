import type { ConversationSummary } from '../../protocol/types.js';
import { ConversationList } from './ConversationList.js';
import { ConversationTabs } from './ConversationTabs.js';
import { ConversationView } from './ConversationView.js';
import { useConsole } from './context.js';

/**
 * The working screen: queue on one side, open conversations on the other. On a phone one pane at a
 * time: the queue, or the open conversation with a way back to the queue (`onBack`).
 */
export function Inbox({ rows, visible, onBack }: { rows: ConversationSummary[]; visible: boolean; onBack: () => void }) {
  const { t, state } = useConsole();
  return (
    <main class={state.activeId ? 'inbox has-active' : 'inbox'}>
      <h1 class="visually-hidden">{t('nav.inbox')}</h1>
      <ConversationList rows={rows} />
      <div class="workspace" id="workspace">
        <button type="button" class="link-button narrow-only back" onClick={onBack}>
          <span aria-hidden="true">‹ </span>
          {t('conv.backToQueue')}
        </button>
        <ConversationTabs />
        {state.activeId ? (
          <ConversationView key={state.activeId} id={state.activeId} visible={visible} />
        ) : (
          <p class="placeholder">{t('conv.none')}</p>
        )}
      </div>
    </main>
  );
}
