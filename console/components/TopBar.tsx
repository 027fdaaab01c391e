import { useState } from 'preact/hooks';
import type { AgentStatus } from '../../protocol/types.js';
import { askNotifications, canAskNotifications } from '../lib/alerts.js';
import type { View } from '../state/state.js';
import { useConsole } from './context.js';
import { LocaleToggle } from './LocaleToggle.js';

/** Header: sections, the agent's status, connection state, language, sign out. */
export function TopBar({ unread }: { unread: number }) {
  const { t, state, actions } = useConsole();
  const [askable, setAskable] = useState(canAskNotifications());
  const views: View[] =
    state.agent?.role === 'admin'
      ? ['inbox', 'history', 'insights', 'replies', 'agents']
      : ['inbox', 'history', 'insights', 'replies'];
  const label: Record<View, string> = {
    inbox: t('nav.inbox'),
    history: t('nav.history'),
    insights: t('nav.insights'),
    replies: t('nav.replies'),
    agents: t('nav.agents'),
    account: t('nav.account'),
    faq: t('nav.faq'),
    gaps: t('nav.gaps'),
  };

  return (
    <header class="top-bar">
      <strong class="brand">{t('app.title')}</strong>
      <nav aria-label={t('nav.label')} class="nav">
        {views.map((view) => (
          <button
            type="button"
            key={view}
            class="nav-item"
            aria-current={state.view === view ? 'page' : undefined}
            onClick={() => actions.setView(view)}
          >
            {label[view]}
            {view === 'inbox' && unread > 0 && (
              <span class="badge">{new Intl.NumberFormat(state.locale === 'fa' ? 'fa-IR' : 'en-US').format(unread)}</span>
            )}
          </button>
        ))}
        <a
          href="#faq"
          class="nav-item"
          aria-current={state.view === 'faq' ? 'page' : undefined}
          onClick={(e) => (e.preventDefault(), actions.setView('faq'))}
        >
          {t('nav.faq')}
        </a>
        <a
          href="#unanswered"
          class="nav-item"
          aria-current={state.view === 'gaps' ? 'page' : undefined}
          onClick={(e) => (e.preventDefault(), actions.setView('gaps'))}
        >
          {t('nav.gaps')}
        </a>
      </nav>
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
