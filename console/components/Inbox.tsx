import type { ConversationSummary } from '../../protocol/types.js';
import { ConversationList } from './ConversationList.js';
import { ConversationTabs } from './ConversationTabs.js';
import { ConversationView } from './ConversationView.js';
import { useConsole } from './context.js';

/** The working screen: queue on one side, open conversations on the other. */
export function Inbox({ rows, visible }: { rows: ConversationSummary[]; visible: boolean }) {
  const { t, state } = useConsole();
  return (
    <main class="inbox">
      <h1 class="visually-hidden">{t('nav.inbox')}</h1>
      <ConversationList rows={rows} />
      <div class="workspace" id="workspace">
        <ConversationTabs />
        {state.activeId ? <ConversationView key={state.activeId} id={state.activeId} visible={visible} /> : <p class="placeholder">{t('conv.none')}</p>}
      </div>
    </main>
  );
}
