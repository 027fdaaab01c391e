/**
 * The app chunk's entry: `mount(host)` renders the panel into the loader's shadow root and
 * returns the controller the loader forwards the public API to (widget/loader/contract.ts).
 */
import { render } from 'preact';
import type { Message } from '../../protocol/types.js';
import { storageKeys } from '../chat/storage.js';
import type { WidgetApp, WidgetHost } from '../loader/contract.js';
import { App } from './App.js';
import { createReporter } from './beacon.js';
import { createChatLoader } from './chat-loader.js';
import { createSearchTracker } from './search-tracker.js';
import { createPageSession } from './session.js';
import { createStore, type UiState } from './state.js';
import { formatNumber, t } from '../i18n/index.js';
import { widgetStorage } from './storage.js';
import css from './styles.css?inline';

/** Clears what this browser keeps about the visitor of `site`: `Pasokh('shutdown')`. */
export function forget(site: string): void {
  const storage = widgetStorage();
  for (const key of Object.values(storageKeys(site))) {
    try {
      storage.removeItem(key);
    } catch {
      // Blocked storage holds nothing to clear.
    }
  }
}

/** Renders the panel (closed) and wires the public API to it. */
export function mount(host: WidgetHost): WidgetApp {
  const style = document.createElement('style');
  style.textContent = css;
  const container = document.createElement('div');
  host.root.append(style, container);

  const keys = storageKeys(host.options.site);
  const storage = widgetStorage();
  // A conversation is already going in this browser (issue 2: a reload keeps it): the panel
  // opens onto it, and the chat connects now so replies and the unread badge arrive.
  const ongoing = storage.getItem(keys.conversation) !== null;
  const store = createStore<UiState>({
    open: false,
    view: ongoing ? 'chat' : 'search',
    query: '',
    articleId: null,
    locale: host.locale,
    user: host.options.user,
    focusTick: 0,
    unread: 0,
  });
  const session = createPageSession();
  const reporter = createReporter(host.origin, host.options.site, () => storage.getItem(keys.token));
  const tracker = createSearchTracker(reporter, session);

  const onAgentMessage = (message: Message) => {
    host.emit('message', { text: message.text, author: message.author.name ?? null, createdAt: message.createdAt });
    const ui = store.get();
    if (!ui.open || ui.view !== 'chat') store.set({ unread: ui.unread + 1 });
  };
  const chat = createChatLoader(host, store, session, onAgentMessage);

  if (ongoing) void chat.load();

  // The launcher belongs to the loader, but its state is the app's: expanded, badge, label.
  const badge = document.createElement('b');
  badge.className = 'pasokh-badge';
  host.launcher.append(badge);
  const syncLauncher = (ui: UiState) => {
    host.launcher.setAttribute('aria-expanded', String(ui.open));
    host.launcher.ariaLabel = t(ui.locale, 'openHelp');
    badge.textContent = ui.unread > 0 ? formatNumber(ui.locale, ui.unread) : '';
  };
  syncLauncher(store.get());

  let previous = store.get();
  store.subscribe((ui) => {
    const before = previous;
    previous = ui;
    syncLauncher(ui);
    if (ui.open !== before.open) host.emit(ui.open ? 'open' : 'close');
    if (ui.unread !== before.unread) host.emit('unread', ui.unread);
    if (ui.user !== before.user && ui.user) chat.current()?.client.setUser(ui.user);
    if (!ui.open && before.open) tracker.flush();
    // Last, because it notifies again: the visitor is looking at the conversation now.
    if (ui.open && ui.view === 'chat' && ui.unread > 0) store.set({ unread: 0 });
  });

  render(<App host={host} store={store} services={{ session, reporter, tracker, chat }} />, container);

  // Focus moves into the panel only when a person just asked for it (a click, a key press),
  // never when the page opens it on its own (issue 6).
  const personActing = (focus?: boolean) =>
    focus ?? !!(navigator as { userActivation?: { isActive: boolean } }).userActivation?.isActive;

  const app: WidgetApp = {
    open(focus) {
      const ui = store.get();
      // Unread agent replies: open straight onto the conversation.
      const view = ui.unread > 0 ? 'chat' : ui.view;
      store.set({ open: true, view, ...(personActing(focus) ? { focusTick: ui.focusTick + 1 } : {}) });
    },
    close() {
      const active = host.root.activeElement;
      store.set({ open: false });
      // Focus inside a hidden panel is lost focus: hand it back to the launcher.
      if (active && active !== host.launcher) host.launcher.focus();
    },
    toggle(focus) {
      if (store.get().open) app.close();
      else app.open(focus);
    },
    search(query) {
      store.set({ view: 'search', query });
      app.open();
    },
    setLocale(locale) {
      store.set({ locale });
    },
    identify(user) {
      store.set({ user });
    },
    shutdown() {
      tracker.flush();
      reporter.flush();
      chat.stop(true);
      render(null, container);
      container.remove();
      style.remove();
      badge.remove();
    },
  };
  return app;
}
