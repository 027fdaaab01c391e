/**
 * The panel: header, then the search, article or chat view. Lives in the loader's shadow root,
 * mirrors for Persian (dir="rtl"), and moves focus only when the visitor asked for the panel.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { FaqArticle, FaqSearchDoc } from '../../protocol/faq.js';
import type { WidgetConfig, WidgetHost } from '../loader/contract.js';
import { dir, t } from '../i18n/index.js';
import { ArticleView } from './ArticleView.js';
import type { Reporter } from './beacon.js';
import type { ChatHandle, ChatLoader } from './chat-loader.js';
import { Header } from './Header.js';
import type { SearchTracker } from './search-tracker.js';
import { SearchView } from './SearchView.js';
import type { PageSession } from './session.js';
import { useChatState } from './use-chat-state.js';
import { useStore, type Store, type UiState, type View } from './state.js';
import { useFaq } from './use-faq.js';

export interface AppServices {
  session: PageSession;
  reporter: Reporter;
  tracker: SearchTracker;
  chat: ChatLoader;
}

export interface AppProps {
  host: WidgetHost;
  store: Store<UiState>;
  services: AppServices;
}

export function App({ host, store, services }: AppProps) {
  const ui = useStore(store);
  const { locale } = ui;
  const [config, setConfig] = useState<WidgetConfig | null>(null);
  const [chat, setChat] = useState<ChatHandle | null>(services.chat.current());
  const panel = useRef<HTMLElement>(null);
  const wantFocus = useRef(false);
  const faq = useFaq(host.origin, host.options.site, locale, (message) => host.error('faq_failed', message));

  useEffect(() => {
    void host.config.then(setConfig);
  }, []);

  // The chat chunk may already be on its way (a conversation is open): pick it up when it lands.
  useEffect(() => {
    if (ui.view === 'chat' || chat) void services.chat.load().then((handle) => handle && setChat(handle));
  }, [ui.view]);

  useEffect(() => {
    if (ui.focusTick) wantFocus.current = true;
  }, [ui.focusTick]);
  useEffect(() => {
    // Runs after every render: the element to focus may appear only once data or a chunk arrived.
    if (!wantFocus.current || !ui.open || !panel.current) return;
    const target = panel.current.querySelector<HTMLElement>('[data-autofocus]');
    if (target) {
      target.focus();
      wantFocus.current = false;
    }
  });

  const go = (view: View, patch: Partial<UiState> = {}) => store.set({ view, focusTick: ui.focusTick + 1, ...patch });
  const close = () => {
    store.set({ open: false });
    host.launcher.focus();
  };
  const talk = () => go('chat');

  const onOpenArticle = (doc: FaqSearchDoc) => go('article', { articleId: doc.id });
  const onViewed = (article: FaqArticle) => {
    services.session.addArticle(article.id, article.question);
    services.reporter.report({ kind: 'view', articleId: article.id, locale });
  };
  const onVote = (article: FaqArticle, helpful: boolean) => {
    services.session.setHelpful(article.id, helpful);
    services.reporter.report({ kind: 'helpful', articleId: article.id, helpful, locale });
  };

  const chatState = useChatState(chat?.client);
  const presence = chatState?.presence ?? config?.presence;
  const position = host.options.position ?? config?.position ?? 'right';
  const title = config?.name || t(locale, 'panelTitle');

  return (
    <section
      ref={panel}
      class={position === 'left' ? 'panel left' : 'panel'}
      role="dialog"
      aria-modal="false"
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
      <Header locale={locale} title={title} presence={presence} onClose={close} />
      {ui.view === 'search' && (
        <SearchView
          locale={locale}
          query={ui.query}
          faq={faq}
          tracker={services.tracker}
          onQuery={(query) => store.set({ query })}
          onOpen={onOpenArticle}
          onTalk={talk}
        />
      )}
      {ui.view === 'article' && ui.articleId && (
        <ArticleView
          locale={locale}
          origin={host.origin}
          site={host.options.site}
          id={ui.articleId}
          onBack={() => go('search')}
          onTalk={talk}
          onViewed={onViewed}
          onVote={onVote}
          onError={(message) => host.error('article_failed', message)}
        />
      )}
      {ui.view === 'chat' &&
        (chat ? (
          <chat.module.ChatPanel
            client={chat.client}
            locale={locale}
            visible={ui.open}
            fallbackPresence={config?.presence ?? null}
            onBack={() => go('search')}
          />
        ) : (
          <div class="view">
            <p class="note" role="status">
              {t(locale, 'chatLoading')}
            </p>
          </div>
        ))}
    </section>
  );
}
