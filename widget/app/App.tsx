/**
 * The panel: header, then the search, article or chat view. Lives in the loader's shadow root,
 * mirrors for Persian (dir="rtl"), and moves focus only when the visitor asked for the panel.
 *
 * A class component on purpose: it is the only stateful component on the search path, and
 * keeping preact/hooks off that path saves about 1 KB gzip of the 20 KB budget (docs/decisions/004-size-budgets.md). The
 * article and chat views are lazy chunks (hooks are welcome there).
 */
import { Component, createRef, type RefObject } from 'preact';
import type { FaqArticle, FaqSearchDoc } from '../../protocol/faq.js';
import type { Presence } from '../../protocol/types.js';
import type { WidgetConfig, WidgetHost } from '../loader/contract.js';
import { dir, t } from '../i18n/runtime.js';
import type { ArticleModule } from './article-chunk.js';
import type { Reporter } from './beacon.js';
import type { ChatHandle, ChatLoader } from './chat-loader.js';
import type { FaqSource, FaqStatus } from './faq-source.js';
import { Header } from './Header.js';
import type { SearchTracker } from './search-tracker.js';
import { SearchView, type ResultRow } from './SearchView.js';
import type { PageSession } from './session.js';
import type { Store, UiState, View } from './state.js';

const MAX_RESULTS = 8;

export interface AppServices {
  session: PageSession;
  reporter: Reporter;
  tracker: SearchTracker;
  chat: ChatLoader;
  faq: FaqSource;
  /** The article view's chunk (cached; rejects when it cannot be fetched). */
  article(): Promise<ArticleModule>;
}

export interface AppProps {
  host: WidgetHost;
  store: Store<UiState>;
  services: AppServices;
}

interface AppState {
  ui: UiState;
  config: WidgetConfig | null;
  faq: FaqStatus;
  chat: ChatHandle | null;
  /** Presence from the socket once the chat runs; fresher than the config's. */
  presence?: Presence | null;
  article: ArticleModule | null;
  articleFailed: boolean;
}

export class App extends Component<AppProps, AppState> {
  // Fields are declared and set in the constructor, not initialised in place: class-field
  // initialisers compile to defineProperty helpers that cost ~0.5 KB gzip on the search path.
  declare private panel: RefObject<HTMLElement>;
  declare private wantFocus: boolean;
  declare private stops: (() => void)[];
  declare private chatRequested: boolean;
  declare private articleRequested: boolean;
  /** The query, locale and hit count last told to the tracker. */
  declare private tracked: string;
  declare private rows: ResultRow[];

  constructor(props: AppProps) {
    super(props);
    this.panel = createRef();
    this.stops = [];
    this.chatRequested = this.articleRequested = false;
    this.tracked = '';
    this.rows = [];
    const ui = props.store.get();
    // Opened by a person before the panel's strings had arrived: focus once it renders.
    this.wantFocus = ui.focusTick > 0;
    this.state = {
      ui,
      config: null,
      faq: props.services.faq.status(),
      chat: props.services.chat.current(),
      article: null,
      articleFailed: false,
    };
  }

  override componentDidMount(): void {
    const { host, store, services } = this.props;
    this.stops.push(
      store.subscribe((ui) => this.setState({ ui })),
      services.faq.subscribe(() => this.setState({ faq: services.faq.status() })),
    );
    void host.config.then((config) => this.setState({ config }));
    // The element to focus often appears in a child's own update (the answer arrived, the chat
    // connected), which App does not see: watch the panel's subtree for it.
    const observer = new MutationObserver(() => this.focus());
    observer.observe(this.panel.current!, { childList: true, subtree: true });
    this.stops.push(() => observer.disconnect());
    this.sync();
  }

  override componentDidUpdate(_props: AppProps, previous: AppState): void {
    if (this.state.ui.focusTick !== previous.ui.focusTick) this.wantFocus = true;
    this.sync();
  }

  override componentWillUnmount(): void {
    this.stops.forEach((stop) => stop());
  }

  /** After every render: fetch the shown view's code, move focus, tell the tracker. */
  private sync(): void {
    const { ui } = this.state;
    const { services } = this.props;
    if (ui.view === 'chat' && !this.chatRequested && this.state.faq !== 'refused') {
      this.chatRequested = true;
      void services.chat.load().then((chat) => {
        this.chatRequested = !!chat;
        if (!chat) return;
        this.stops.push(chat.client.subscribe((state) => this.setState({ presence: state.presence })));
        this.setState({ chat, presence: chat.client.getState().presence });
      });
    }
    if (ui.view === 'article' && !this.articleRequested) this.loadArticle();
    this.focus();
    if (this.state.faq === 'ready' && ui.view === 'search') {
      const query = ui.query.trim();
      const key = `${query}\n${this.rows.length}\n${ui.locale}`;
      if (key !== this.tracked) {
        this.tracked = key;
        services.tracker.typed(query, this.rows.length, ui.locale);
      }
    }
  }

  /** Moves focus to the view's [data-autofocus] element once it exists, if a person asked for the panel. */
  private focus(): void {
    const target = this.wantFocus && this.state.ui.open && this.panel.current?.querySelector<HTMLElement>('[data-autofocus]');
    if (target) {
      target.focus();
      this.wantFocus = false;
    }
  }

  private loadArticle(): void {
    this.articleRequested = true;
    this.props.services.article().then(
      (article) => this.setState({ article, articleFailed: false }),
      () => {
        this.articleRequested = false;
        this.setState({ articleFailed: true });
      },
    );
  }

  private go(view: View, patch: Partial<UiState> = {}): void {
    const { store } = this.props;
    store.set({ view, focusTick: store.get().focusTick + 1, ...patch });
  }

  private close(): void {
    this.props.store.set({ open: false });
    this.props.host.launcher.focus();
  }

  private onViewed(article: FaqArticle): void {
    const { session, reporter } = this.props.services;
    session.addArticle(article.id, article.question);
    reporter.report({ kind: 'view', articleId: article.id, locale: this.state.ui.locale });
  }

  private onVote(article: FaqArticle, helpful: boolean): void {
    const { session, reporter } = this.props.services;
    session.setHelpful(article.id, helpful);
    reporter.report({ kind: 'helpful', articleId: article.id, helpful, locale: this.state.ui.locale });
  }

  /** The locale's most viewed answers, as rows. */
  private popularRows(): ResultRow[] {
    return this.props.services.faq.index(this.state.ui.locale)?.popular.map((doc) => ({ doc, indices: [] })) ?? [];
  }

  /**
   * The rows for the query: hits when something is typed, the popular list otherwise. `near`:
   * for a query that found nothing, the answers closest to it, which a visitor who worded it
   * their own way may still recognise.
   */
  private resultRows(query: string, near?: boolean): ResultRow[] {
    const index = this.props.services.faq.index(this.state.ui.locale);
    if (!index) return [];
    if (!query) return this.popularRows();
    return (near ? index.search.near(query) : index.search.search(query, MAX_RESULTS)).flatMap((hit) => {
      const doc = index.docs.get(hit.id);
      return doc ? [{ doc, indices: hit.matches.find((match) => match.key === 'question')?.indices ?? [] }] : [];
    });
  }

  override render() {
    const { host } = this.props;
    const { ui, config } = this.state;
    const { locale } = ui;
    // This page's origin may not use the site: no search, no chat, one plain sentence.
    const view = this.state.faq === 'refused' ? null : ui.view;
    const position = host.options.position ?? config?.position;
    this.rows = ui.view === 'search' ? this.resultRows(ui.query.trim()) : [];
    const close = () => this.close();

    return (
      <section
        ref={this.panel}
        class={position === 'left' ? 'panel left' : 'panel'}
        role="dialog"
        aria-labelledby="pasokh-title"
        dir={dir(locale)}
        lang={locale}
        hidden={!ui.open}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.stopPropagation();
            close();
          }
        }}
      >
        <Header
          locale={locale}
          title={config?.names?.[locale] || config?.name || t(locale, 'panelTitle')}
          presence={this.state.presence ?? config?.presence}
          email={config?.email === true}
          onClose={close}
        />
        {!view && note(t(locale, 'notSetUp'))}
        {view === 'search' && this.searchView()}
        {view === 'article' && ui.articleId && this.articleView(ui.articleId)}
        {view === 'chat' && this.chatView()}
      </section>
    );
  }

  private searchView() {
    const { store, services } = this.props;
    const { ui } = this.state;
    const query = ui.query.trim();
    return (
      <SearchView
        locale={ui.locale}
        query={ui.query}
        status={this.state.faq}
        rows={this.rows}
        near={query && !this.rows.length ? this.resultRows(query, true) : []}
        popular={query && !this.rows.length ? this.popularRows() : []}
        onQuery={(value) => store.set({ query: value })}
        onOpen={(doc: FaqSearchDoc) => {
          services.tracker.flush();
          this.go('article', { articleId: doc.id, back: 'search' });
        }}
        onIntent={() => this.articleRequested || this.loadArticle()}
        onRetry={services.faq.retry}
        onTalk={() => this.go('chat')}
      />
    );
  }

  private articleView(id: string) {
    const { host } = this.props;
    const { ui, article } = this.state;
    const { locale } = ui;
    if (!article)
      return this.state.articleFailed
        ? note(t(locale, 'errorGeneric'), () => this.loadArticle(), t(locale, 'tryAgain'))
        : note(t(locale, 'loading'));
    return (
      <article.ArticleView
        locale={locale}
        origin={host.origin}
        site={host.options.site}
        id={id}
        onBack={() => this.go(ui.back ?? 'search')}
        onTalk={() => this.go('chat')}
        onViewed={(value) => this.onViewed(value)}
        onVote={(value, helpful) => this.onVote(value, helpful)}
        onError={(message) => host.error('article_failed', message)}
      />
    );
  }

  private chatView() {
    const { ui, chat, config } = this.state;
    if (!chat) return note(t(ui.locale, 'chatLoading'));
    return (
      <chat.module.ChatPanel
        client={chat.client}
        locale={ui.locale}
        visible={ui.open}
        fallbackPresence={config?.presence ?? null}
        email={config?.email === true}
        onBack={() => this.go('search')}
      />
    );
  }
}

/** A one-line view (loading, failed, not set up), with a "Try again" link when given one. */
function note(text: string, retry?: () => void, retryLabel?: string) {
  return (
    <div class="view scroll">
      <p class="note" role="status">
        {text}
      </p>
      {retry && (
        <button type="button" class="link" onClick={retry}>
          {retryLabel}
        </button>
      )}
    </div>
  );
}
