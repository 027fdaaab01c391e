import { useState } from 'preact/hooks';
import type { AgentStatus } from '../../protocol/types.js';
import { askNotifications, canAskNotifications } from '../lib/alerts.js';
import { useConsole } from './context.js';
import { LocaleToggle } from './LocaleToggle.js';
import { TopBarNav } from './TopBarNav.js';

/** Header: the sections, the agent's status, connection state, language, sign out. */
export function TopBar({ unread }: { unread: number }) {
  const { t, state, actions } = useConsole();
  const [askable, setAskable] = useState(canAskNotifications());

  return (
    <header class="top-bar">
      <strong class="brand">{t('app.title')}</strong>
      <TopBarNav unread={unread} />
      <div class="top-bar-end">
        {state.connection !== 'online' && (
          <span class="connection" role="status">
            {t(
              state.connection === 'connecting'
                ? 'connection.connecting'
                : state.connection === 'reconnecting'
                  ? 'connection.reconnecting'
                  : 'connection.offline',
            )}
          </span>
        )}
        {askable && (
          <button
            type="button"
            class="link-button"
            onClick={() => void askNotifications().then(() => setAskable(canAskNotifications()))}
          >
            {t('notifications.enable')}
          </button>
        )}
        <label class={`status status-${state.status}`}>
          <span class="visually-hidden">{t('status.label')}</span>
          <select value={state.status} onChange={(e) => void actions.setStatus(e.currentTarget.value as AgentStatus)}>
            <option value="online">{t('status.online')}</option>
            <option value="away">{t('status.away')}</option>
          </select>
        </label>
        <LocaleToggle />
        <button
          type="button"
          class="link-button me"
          title={state.agent?.email}
          aria-current={state.view === 'account' ? 'page' : undefined}
          onClick={() => actions.setView('account')}
        >
          {state.agent?.name}
          <span class="visually-hidden"> — {t('nav.account')}</span>
        </button>
        <button type="button" class="link-button" onClick={() => void actions.signOut()}>
          {t('signOut')}
        </button>
      </div>
    </header>
  );
}
