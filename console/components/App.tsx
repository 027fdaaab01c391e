import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { dirOf, translator } from '../i18n/index.js';
import { unlockAudio } from '../lib/alerts.js';
import { filterQueue, neighbour, unreadCount } from '../lib/queue.js';
import type { ConsoleController } from '../state/console.js';
import { useStore } from '../state/store.js';
import { AgentsAdmin } from './AgentsAdmin.js';
import { ConsoleContext } from './context.js';
import { Inbox } from './Inbox.js';
import { LazyInsights } from './LazyInsights.js';
import { SavedReplies } from './SavedReplies.js';
import { SignIn } from './SignIn.js';
import { TopBar } from './TopBar.js';

function usePageVisible(): boolean {
  const [visible, setVisible] = useState(typeof document === 'undefined' || document.visibilityState === 'visible');
  useEffect(() => {
    const update = () => setVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', update);
    window.addEventListener('focus', update);
    return () => {
      document.removeEventListener('visibilitychange', update);
      window.removeEventListener('focus', update);
    };
  }, []);
  return visible;
}

/** The console: sign-in, or the signed-in shell with its four views. */
export function App({ controller }: { controller: ConsoleController }) {
  const state = useStore(controller.store);
  const { actions } = controller;
  const t = useMemo(() => translator(state.locale), [state.locale]);
  const visible = usePageVisible();
  const me = state.agent?.id ?? '';
  const rows = filterQueue(state.queue, state.filter, me);
  const unread = state.queue.reduce(
    (sum, c) => sum + unreadCount(c, { readSeq: state.readSeq[c.id] ?? 0, visitorSeqs: state.visitorSeqs[c.id] ?? [] }),
    0,
  );

  useEffect(() => {
    document.documentElement.lang = state.locale;
    document.documentElement.dir = dirOf(state.locale);
  }, [state.locale]);

  useEffect(() => {
    document.title = unread > 0 ? `(${unread}) ${t('app.title')}` : t('app.title');
  }, [unread, t]);

  useEffect(() => {
    // Audio may only start after a gesture; any click or key press unlocks the beep for later.
    window.addEventListener('pointerdown', unlockAudio);
    window.addEventListener('keydown', unlockAudio);
    return () => {
      window.removeEventListener('pointerdown', unlockAudio);
      window.removeEventListener('keydown', unlockAudio);
    };
  }, []);

  // The shortcut handler reads the latest rows and tabs through a ref, so it is bound once.
  const latest = useRef({ rows, tabs: state.tabs, activeId: state.activeId });
  latest.current = { rows, tabs: state.tabs, activeId: state.activeId };
  useEffect(() => {
    if (state.phase !== 'signed-in') return;
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const { rows, tabs, activeId } = latest.current;
      if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
        const ids = rows.length > 0 ? rows.map((c) => c.id) : tabs;
        const next = neighbour(ids, activeId, e.key === 'ArrowDown' ? 1 : -1);
        if (next) {
          e.preventDefault();
          actions.openConversation(next);
        }
        return;
      }
      // e.code, not e.key: Alt+digit types other characters on some layouts (and Persian digits).
      const digit = /^Digit([1-9])$/.exec(e.code)?.[1];
      if (digit) {
        const id = tabs[Number(digit) - 1];
        if (id) {
          e.preventDefault();
          actions.openConversation(id);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [state.phase]);

  const context = { state, actions, t, locale: state.locale };
  return (
    <ConsoleContext.Provider value={context}>
      {state.phase === 'loading' ? (
        <p class="placeholder">…</p>
      ) : state.phase === 'signed-out' ? (
        <SignIn />
      ) : (
        <div class="shell">
          <TopBar unread={unread} />
          {state.notice && (
            <div class="notice-bar" role="alert">
              <span>{state.notice}</span>
              <button type="button" class="link-button" onClick={actions.dismissNotice}>
                {t('dismiss')}
              </button>
            </div>
          )}
          {state.view === 'inbox' && <Inbox rows={rows} visible={visible} />}
          {state.view === 'insights' && <LazyInsights />}
          {state.view === 'replies' && <SavedReplies />}
          {state.view === 'agents' && <AgentsAdmin />}
        </div>
      )}
    </ConsoleContext.Provider>
  );
}
