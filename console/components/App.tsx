import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { dirOf, translator } from '../i18n/index.js';
import { unlockAudio } from '../lib/alerts.js';
import { filterQueue, neighbour, unreadCount } from '../lib/queue.js';
import type { ConsoleActions, ConsoleController } from '../state/console.js';
import type { ConversationSummary } from '../../protocol/types.js';
import { useStore } from '../state/store.js';
import { Account } from './Account.js';
import { AgentsAdmin } from './AgentsAdmin.js';
import { ConsoleContext } from './context.js';
import { History } from './History.js';
import { FaqEditor } from './FaqEditor.js';
import { Unanswered } from './Unanswered.js';
import { Inbox } from './Inbox.js';
import { ResetPassword } from './PasswordReset.js';
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

/** Audio may only start after a gesture; any click or key press unlocks the beep for later. */
function useAudioUnlock(): void {
  useEffect(() => {
    window.addEventListener('pointerdown', unlockAudio);
    window.addEventListener('keydown', unlockAudio);
    return () => {
      window.removeEventListener('pointerdown', unlockAudio);
      window.removeEventListener('keydown', unlockAudio);
    };
  }, []);
}

/** Links in email and Slack name a conversation: /console?conversation=<id> opens it once signed in. */
function useLinkedConversation(signedIn: boolean, actions: ConsoleActions): void {
  useEffect(() => {
    if (!signedIn) return;
    const linked = new URLSearchParams(location.search).get('conversation');
    if (!linked) return;
    history.replaceState(history.state, '', location.pathname);
    actions.openConversation(linked);
  }, [signedIn]);
}

/** Alt+↑/↓ moves through the queue (or the tabs), Alt+1…9 picks a tab. */
function useConversationShortcuts(
  signedIn: boolean,
  now: { rows: ConversationSummary[]; tabs: string[]; activeId: string | null },
  actions: ConsoleActions,
): void {
  // The shortcut handler reads the latest rows and tabs through a ref, so it is bound once.
  const latest = useRef(now);
  latest.current = now;
  useEffect(() => {
    if (!signedIn) return;
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
  }, [signedIn]);
}

/** The console: sign-in, or the signed-in shell with its four views. */
export function App({ controller }: { controller: ConsoleController }) {
  const state = useStore(controller.store);
  const { actions } = controller;
  const t = useMemo(() => translator(state.locale), [state.locale]);
  const visible = usePageVisible();
  // The link in a password reset email: /console?reset=<token>.
  const resetToken = useMemo(() => new URLSearchParams(location.search).get('reset'), []);
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

  useAudioUnlock();
  useLinkedConversation(state.phase === 'signed-in', actions);
  useConversationShortcuts(state.phase === 'signed-in', { rows, tabs: state.tabs, activeId: state.activeId }, actions);

  const context = { state, actions, t, locale: state.locale };
  return (
    <ConsoleContext.Provider value={context}>
      {state.phase === 'loading' ? (
        <p class="placeholder">…</p>
      ) : state.phase === 'signed-out' ? (
        resetToken ? (
          <ResetPassword token={resetToken} />
        ) : (
          <SignIn />
        )
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
          {state.view === 'inbox' && (
            <Inbox rows={rows} visible={visible} onBack={() => controller.store.set({ activeId: null })} />
          )}
          {state.view === 'history' && <History />}
          {state.view === 'insights' && <LazyInsights />}
          {state.view === 'replies' && <SavedReplies />}
          {state.view === 'agents' && <AgentsAdmin />}
          {state.view === 'account' && <Account onProfile={(agent) => controller.store.set({ agent })} />}
          {state.view === 'faq' && <FaqEditor />}
          {state.view === 'gaps' && <Unanswered />}
        </div>
      )}
    </ConsoleContext.Provider>
  );
}
