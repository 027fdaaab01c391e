import { useState } from 'preact/hooks';
import type { ConversationSummary } from '../../protocol/types.js';
import { useConsole } from './context.js';

/** "Transfer to" an agent (online ones first) and a "Transfer" button. */
export function TransferControl({ conversation }: { conversation: ConversationSummary }) {
  const { t, state, actions } = useConsole();
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState(false);
  const candidates = state.agents
    .filter((a) => !a.disabled && a.id !== conversation.assignee?.id)
    .sort((a, b) => Number(b.online) - Number(a.online) || a.name.localeCompare(b.name));
  if (candidates.length === 0) return null;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!target) return;
    setBusy(true);
    await actions.transfer(conversation.id, target);
    setBusy(false);
    setTarget('');
  };

  return (
    <form class="transfer" onSubmit={submit}>
      <label>
        <span class="visually-hidden">{t('conv.transferTo')}</span>
        {/* Refresh on focus: who is online changes faster than the periodic refresh. */}
        <select value={target} onFocus={() => void actions.refreshAgents()} onChange={(e) => setTarget(e.currentTarget.value)}>
          <option value="">{t('conv.transferTo')}…</option>
          {candidates.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} · {a.online ? t('agents.online') : t('agents.offline')}
              {a.id === state.agent?.id ? ` ${t('agents.you')}` : ''}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={!target || busy}>
        {t('conv.transfer')}
      </button>
    </form>
  );
}
