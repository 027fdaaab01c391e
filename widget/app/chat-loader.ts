/**
 * Loads the chat chunk (socket.io-client + chat UI) only when it is needed: the visitor chose to
 * talk, or this browser already has a conversation going. Keeps one chat client per mount.
 */
import type { Message } from '../../protocol/types.js';
import type { WidgetHost } from '../loader/contract.js';
import type { ChatClient } from '../chat/client.js';
import type { Reporter } from './beacon.js';
import type { FaqSource } from './faq-source.js';
import type { PageSession } from './session.js';
import type { Store, UiState } from './state.js';
import { injectStyle } from './inject-style.js';
import { widgetStorage } from './storage.js';

export type ChatModule = typeof import('./chat-panel.js');
export interface ChatHandle {
  module: ChatModule;
  client: ChatClient;
}

export interface ChatLoader {
  load(): Promise<ChatHandle | null>;
  current(): ChatHandle | null;
  /** Disconnects (and with `forget`, clears the visitor's token and outbox). */
  stop(forget: boolean): void;
}

/** Creates the loader; `onAgentMessage` feeds the unread count and the page's `message` event. */
export function createChatLoader(
  host: WidgetHost,
  store: Store<UiState>,
  session: PageSession,
  onAgentMessage: (message: Message) => void,
  faq: FaqSource,
  reporter: Reporter,
): ChatLoader {
  let pending: Promise<ChatHandle | null> | undefined;
  let handle: ChatHandle | null = null;
  let stopped = false;

  return {
    load() {
      // The FAQ answers the chat shows come in a chunk of their own, fetched at the same time.
      pending ??= Promise.all([import('./chat-panel.js'), import('./chat-answers.js')]).then(
        ([module, answers]) => {
          if (stopped) return null;
          injectStyle(host.launcher.getRootNode() as ShadowRoot, module.css + answers.css);
          module.setAnswers(answers.createChatAnswers(store, faq, reporter));
          const ui = store.get();
          handle = {
            module,
            client: module.startChat({
              origin: host.origin,
              site: host.options.site,
              storage: widgetStorage(),
              locale: ui.locale,
              user: ui.user,
              getContext: () => session.context(store.get().locale),
              onAgentMessage,
            }),
          };
          return handle;
        },
        (reason: unknown) => {
          pending = undefined;
          host.error('chat_load_failed', `Could not load the chat: ${String(reason)}`);
          return null;
        },
      );
      return pending;
    },
    current: () => handle,
    stop(forget) {
      stopped = true;
      if (forget) handle?.client.forget();
      else handle?.client.close();
    },
  };
}
