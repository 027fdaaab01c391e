import type { View } from '../state/state.js';
import { useConsole } from './context.js';

/** The console's sections, admins' "Agents" among them, with the inbox's unread count. */
export function TopBarNav({ unread }: { unread: number }) {
  const { t, state, actions } = useConsole();
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
  );
}
