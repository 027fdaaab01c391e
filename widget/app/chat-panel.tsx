/**
 * The chat chunk's entry (loaded by chat-loader.ts with a dynamic import): the socket client and
 * the chat UI travel together (with their strings in both languages and their CSS), so a visitor
 * who only searches never downloads socket.io-client.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Locale, Message, Presence } from '../../protocol/types.js';
import { createChatClient, type ChatClient, type ChatClientOptions } from '../chat/client.js';
import { chatStrings } from '../i18n/chat-strings.js';
import { addStrings, t } from '../i18n/runtime.js';
import { ChatView } from './ChatView.js';
import { OfflineForm } from './OfflineForm.js';
import { Survey } from './Survey.js';
import { useChatState } from './use-chat-state.js';
import css from './chat.css?inline';

addStrings(chatStrings);

/** The chat's stylesheet, added to the shadow root by chat-loader.ts. */
export { css };
export { setAnswers } from './ChatView.js';

/** Connects the visitor's chat client. */
export const startChat: (options: ChatClientOptions) => ChatClient = createChatClient;

export interface ChatPanelProps {
  client: ChatClient;
  locale: Locale;
  /** Whether the panel is on screen (messages shown now count as read). */
  visible: boolean;
  /** Presence from the site config until the socket's hello brings a fresher one. */
  fallbackPresence: Presence | null;
  /** Whether the answer to an offline message can come by email. */
  email: boolean;
  onBack: () => void;
}

/** Chat when someone is online or a conversation is going; the offline form otherwise. */
export function ChatPanel({ client, locale, visible, fallbackPresence, email, onBack }: ChatPanelProps) {
  const state = useChatState(client);
  const [thanked, setThanked] = useState(false);
  // Kept here, not in the form: the left message opens a conversation, which replaces the form
  // with the chat, and the visitor must still read where the reply will go.
  const [leftFor, setLeftFor] = useState<string | null>(null);
  // The client keeps one conversation; the one that closed stays on screen above the next.
  const [closedOne, setClosedOne] = useState<{ id: string; messages: readonly Message[] } | null>(null);
  const conversation = state.conversation;
  const closed = conversation?.status === 'closed';
  useEffect(() => {
    if (closed) setClosedOne({ id: conversation.id, messages: state.messages });
  }, [conversation?.id, closed, state.messages.length]);
  const earlier = closedOne && conversation && conversation.id !== closedOne.id ? closedOne.messages : [];
  const presence = state.presence ?? fallbackPresence;
  const hasConversation = state.conversation !== null || state.messages.length > 0 || state.pending.length > 0;
  const offline = presence !== null && !presence.online && !hasConversation && leftFor === null;

  return (
    <div class="view chat-view">
      <div class="subhead">
        <button type="button" class="link back" onClick={onBack}>
          {t(locale, 'backToSearch')}
        </button>
      </div>
      {leftFor !== null && (
        <p class="note" role="status" data-autofocus tabIndex={-1}>
          {email ? t(locale, 'offlineSent', { email: leftFor }) : t(locale, 'offlineSentHere')}
        </p>
      )}
      {offline ? (
        <OfflineForm client={client} locale={locale} onSent={setLeftFor} />
      ) : (
        <ChatView client={client} state={state} locale={locale} visible={visible} earlier={earlier}>
          {state.survey && <Survey client={client} locale={locale} onDone={() => setThanked(true)} />}
          {thanked && !state.survey && closed && (
            <p class="note" role="status">
              {t(locale, 'surveyThanks')}
            </p>
          )}
        </ChatView>
      )}
    </div>
  );
}
