/**
 * The app chunk's entry: `mount(host)` renders the panel into the loader's shadow root and
 * returns the controller the loader forwards the public API to (widget/loader/contract.ts).
 * Everything here is on the search path (loader + app + search ≤ 20 KB gzip, docs/decisions/004-size-budgets.md); the
 * article view, the chat and fuse.js (first typo) are lazy chunks.
 */
import { render } from 'preact';
import type { Message } from '../../protocol/types.js';
import { readJson, writeText } from '../../client/storage.js';
import { storageKeys } from '../chat/storage.js';
import { LAUNCHER_LABEL } from '../i18n/launcher.js';
import { formatNumber, loadStrings } from '../i18n/runtime.js';
import type { WidgetApp, WidgetHost } from '../loader/contract.js';
import { App } from './App.js';
import type { ArticleModule } from './article-chunk.js';
import { createReporter } from './beacon.js';
import { createChatLoader } from './chat-loader.js';
import { createFaqSource } from './faq-source.js';
import { injectStyle } from './inject-style.js';
import css from './panel.css?inline';
import { createSearchTracker } from './search-tracker.js';
import { takeReopenToken } from './reopen.js';
import { createPageSession } from './session.js';
import { createStore, type Store, type UiState } from './state.js';
import { widgetStorage } from './storage.js';

/** How often an open panel asks whether the FAQ changed: with the server's own check, within 5 s. */
const FAQ_POLL_MS = 3000;

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
  const { launcher, options } = host;
  const root = launcher.getRootNode() as ShadowRoot;
  const style = injectStyle(root, css);
  const container = document.createElement('div');
  root.append(container);

  const keys = storageKeys(options.site);
  const storage = widgetStorage();
  const reopened = takeReopenToken(storage, keys);
  // A conversation is already going in this browser (a reload keeps it), or a first
  // message is still waiting in the outbox (it must go out after a reload): the panel
  // opens onto the chat, and the chat connects now so it is sent and replies arrive.
  const pending = readJson<unknown[]>(storage, keys.outbox);
  const ongoing = reopened || storage.getItem(keys.conversation) !== null || (Array.isArray(pending) && pending.length > 0);
  const store = createStore<UiState>({
    open: reopened,
    view: ongoing ? 'chat' : 'search',
    query: '',
    articleId: null,
    locale: host.locale,
    user: options.user,
    focusTick: 0,
    unread: 0,
  });
  // Both start now, in parallel: the search box is usable as soon as the strings are in.
  const strings = () => loadStrings(store.get().locale);
  void strings();
  const faq = createFaqSource(host.origin, options.site, (message, code) => host.error(code ?? 'faq_failed', message));
  const session = createPageSession();
  const reporter = createReporter(
    host.origin,
    options.site,
    () => storage.getItem(keys.token),
    (token) => writeText(storage, keys.token, token),
  );
  const tracker = createSearchTracker(reporter, session);

  const onAgentMessage = (message: Message) => {
    host.emit('message', { text: message.text, author: message.author.name ?? null, createdAt: message.createdAt });
    const ui = store.get();
    if (!ui.open || ui.view !== 'chat') store.set({ unread: ui.unread + 1 });
  };
  const chat = createChatLoader(host, store, session, onAgentMessage, faq, reporter);
  if (ongoing) void chat.load();

  // An answer published while the panel is open reaches it within FAQ_POLL_MS: a conditional
  // GET answered 304 while nothing changed. The chat socket is not used because a visitor who
  // only searches never opens it.
  let faqTimer: ReturnType<typeof setInterval> | undefined;
  const watchFaq = (open: boolean) => {
    clearInterval(faqTimer);
    if (!open) return;
    faq.revalidate();
    faqTimer = setInterval(faq.revalidate, FAQ_POLL_MS);
  };

  const article = articleLoader(host, root);
  const badge = bindLauncher(host, store, (ui, before) => {
    if (ui.user !== before.user && ui.user) chat.current()?.client.setUser(ui.user);
    if (!ui.open && before.open) tracker.flush();
    if (ui.open !== before.open) watchFaq(ui.open);
  });

  // The panel renders once its strings are in (a few hundred bytes, usually long before a click).
  let rendered = false;
  let stopped = false;
  const renderPanel = () =>
    strings().then(
      () => {
        if (rendered || stopped) return;
        rendered = true;
        render(<App host={host} store={store} services={{ session, reporter, tracker, chat, faq, article }} />, container);
      },
      (reason: unknown) => host.error('strings_failed', String(reason)),
    );
  void renderPanel();

  return widgetApp(host, store, {
    renderPanel: () => (rendered ? undefined : void renderPanel()),
    shutdown() {
      stopped = true;
      clearInterval(faqTimer);
      tracker.flush();
      reporter.flush();
      chat.stop(true);
      render(null, container);
      container.remove();
      style.remove();
      badge.remove();
    },
  });
}

/** The article view's chunk, fetched on the first article opened (again after a failure). */
function articleLoader(host: WidgetHost, root: ShadowRoot): () => Promise<ArticleModule> {
  let articleChunk: Promise<ArticleModule> | undefined;
  return () =>
    (articleChunk ??= import('./article-chunk.js').then(
      (module) => {
        injectStyle(root, module.css);
        return module;
      },
      (reason: unknown) => {
        articleChunk = undefined;
        host.error('article_load_failed', String(reason));
        throw reason;
      },
    ));
}

/**
 * The launcher belongs to the loader, but its state is the app's: expanded, badge, name. Also
 * tells the page of opening, closing and unread replies. Returns the badge (removed at shutdown).
 */
function bindLauncher(host: WidgetHost, store: Store<UiState>, onChange: (ui: UiState, before: UiState) => void): HTMLElement {
  const { launcher } = host;
  const badge = document.createElement('b');
  badge.className = 'badge';
  launcher.append(badge);
  const syncLauncher = (ui: UiState) => {
    launcher.setAttribute('aria-expanded', String(ui.open));
    launcher.ariaLabel = LAUNCHER_LABEL[ui.locale];
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
    onChange(ui, before);
    // Last, because it notifies again: the visitor is looking at the conversation now.
    if (ui.open && ui.view === 'chat' && ui.unread > 0) store.set({ unread: 0 });
  });
  return badge;
}

/** The controller behind the public API (open, close, search, identify, shutdown…). */
function widgetApp(host: WidgetHost, store: Store<UiState>, panel: { renderPanel(): void; shutdown(): void }): WidgetApp {
  const { launcher } = host;
  const root = launcher.getRootNode() as ShadowRoot;
  // Focus moves into the panel only when a person just asked for it (a click, a key press),
  // never when the page opens it on its own (that would steal focus from the host page).
  const personActing = (focus?: boolean) =>
    focus ?? !!(navigator as { userActivation?: { isActive: boolean } }).userActivation?.isActive;

  const app: WidgetApp = {
    open(focus) {
      const ui = store.get();
      // Unread agent replies: open straight onto the conversation.
      const view = ui.unread > 0 ? 'chat' : ui.view;
      store.set({ open: true, view, ...(personActing(focus) ? { focusTick: ui.focusTick + 1 } : {}) });
      panel.renderPanel(); // When the strings failed earlier: try again now.
    },
    close() {
      const active = root.activeElement;
      store.set({ open: false });
      // Focus inside a hidden panel is lost focus: hand it back to the launcher.
      if (active && active !== launcher) launcher.focus();
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
      // Switch once the strings are in, so the panel never shows keys.
      loadStrings(locale).then(
        () => store.set({ locale }),
        (reason: unknown) => host.error('strings_failed', String(reason)),
      );
    },
    identify(user) {
      store.set({ user });
    },
    shutdown: panel.shutdown,
  };
  return app;
}
