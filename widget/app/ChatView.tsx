/**
 * The conversation: messages in seq order in an aria-live log (own vs agent bubbles, with
 * sending / sent / seen / failed states), the agent's typing note, and the message box.
 * Every message text is rendered as text nodes, its links as <a> elements (never as HTML).
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Locale, Message } from '../../protocol/types.js';
import { MAX_MESSAGE_LENGTH } from '../../protocol/events.js';
import type { ChatClient, ChatState } from '../chat/client.js';
import type { VisitorOutboxItem } from '../chat/outbox.js';
import { formatTime, t } from '../i18n/runtime.js';
import { LinkedText } from '../../client/linked-text.js';
import type { AttachKit } from './attach.js';
import type { ChatAnswers } from './chat-answers.js';

/** Suggestions and answer cards, from their own chunk: set once, before the chat first renders. */
let answers: ChatAnswers | undefined;
export const setAnswers = (value: ChatAnswers) => void (answers = value);

export interface ChatViewProps {
  client: ChatClient;
  state: ChatState;
  locale: Locale;
  visible: boolean;
  /** The conversation that closed before this one began, still readable above a divider. */
  earlier?: readonly Message[];
  /** Under the messages, inside the scrolling log (the closed note and the survey), so they never squeeze it. */
  children?: ComponentChildren;
}

/** "New conversation" between a closed conversation and what the visitor writes next. */
function Divider({ locale }: { locale: Locale }) {
  return (
    <li class="divider">
      <span>{t(locale, 'newConversation')}</span>
    </li>
  );
}

function MessageRow({
  message,
  locale,
  seen,
  children,
}: {
  message: Message;
  locale: Locale;
  seen: boolean;
  children?: ComponentChildren;
}) {
  const own = message.author.kind === 'visitor';
  const who = own ? t(locale, 'you') : message.author.name || t(locale, 'agent');
  return (
    <li class={own ? 'msg own' : `msg ${message.author.kind}`}>
      <span class="sr-only">{who}: </span>
      {!own && message.author.name && (
        <span class="author" aria-hidden="true">
          {message.author.name}
        </span>
      )}
      {message.text && (
        <p class="bubble" dir="auto">
          <LinkedText text={message.text} />
        </p>
      )}
      {children}
      {answers && <answers.Card {...message} />}
      <span class="meta">
        {formatTime(locale, message.createdAt)}
        {own && ` · ${t(locale, seen ? 'seen' : 'sent')}`}
      </span>
    </li>
  );
}

function PendingRow({
  item,
  locale,
  onDismiss,
  children,
}: {
  item: VisitorOutboxItem;
  locale: Locale;
  onDismiss: () => void;
  children?: ComponentChildren;
}) {
  // The catalog's keys are the state names.
  const label = t(locale, item.state);
  return (
    <li class={`msg own ${item.state}`}>
      <span class="sr-only">{t(locale, 'you')}: </span>
      {item.text && (
        <p class="bubble" dir="auto">
          {item.text}
        </p>
      )}
      {children}
      <span class="meta">
        {label}
        {item.state === 'failed' && (
          <button type="button" class="link" onClick={onDismiss}>
            {t(locale, 'dismiss')}
          </button>
        )}
      </span>
    </li>
  );
}

/**
 * The draft outlives the chat view: an answer opened from the chat replaces the view, and its
 * Back returns to the words the visitor had typed.
 */
let kept = '';

/** The message box, the paperclip (once the attachment chunk is there) and Send. */
function Composer({ client, locale, kit }: { client: ChatClient; locale: Locale; kit: AttachKit | undefined }) {
  const [draft, setDraft] = useState(kept);
  const keep = (value: string) => setDraft((kept = value));
  const submit = (event: Event) => {
    event.preventDefault();
    const text = draft.trim();
    if (!text) return;
    client.send(text.slice(0, MAX_MESSAGE_LENGTH));
    client.setTyping(false);
    keep('');
  };

  return (
    <>
      {answers && <answers.Suggestions draft={draft} />}
      <form class="composer" onSubmit={submit}>
        <textarea
          data-autofocus
          aria-label={t(locale, 'message')}
          rows={2}
          maxLength={MAX_MESSAGE_LENGTH}
          value={draft}
          dir="auto"
          onInput={(event) => {
            keep((event.currentTarget as HTMLTextAreaElement).value);
            client.setTyping(true);
          }}
          onKeyDown={(event) => {
            // Enter sends, Shift+Enter starts a new line (IME composition is left alone).
            if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) submit(event);
          }}
        />
        {kit?.button(client, locale)}
        <button type="submit" class="primary">
          {t(locale, 'send')}
        </button>
      </form>
    </>
  );
}

export function ChatView({ client, state, locale, visible, earlier = [], children }: ChatViewProps) {
  // The attachment UI is a chunk of its own (the chat chunk's size budget), loaded with the chat.
  const [kit, setKit] = useState<AttachKit>();
  useEffect(() => void import('./attach.js').then(setKit), []);
  const log = useRef<HTMLDivElement>(null);
  const delivered = new Set(state.messages.map((message) => message.clientId));
  const pending = state.pending.filter((item) => !delivered.has(item.clientId));
  const count = state.messages.length + pending.length;
  const closed = state.conversation?.status === 'closed';

  useEffect(() => {
    const element = log.current;
    if (element) element.scrollTop = element.scrollHeight;
    if (visible) client.markRead();
  }, [count, visible, state.agentTyping, closed, earlier.length]);

  return (
    <>
      {state.connection !== 'online' && (
        <p class="banner" role="status">
          {t(locale, state.connection === 'offline' ? 'disconnected' : state.connection)}
        </p>
      )}
      {/* The log wraps the list: role="log" on the <ol> itself would orphan its items (axe: listitem). */}
      <div ref={log} class="scroll" role="log" aria-live="polite" aria-label={t(locale, 'messages')} tabIndex={0}>
        <ol class="messages">
          {!count && !earlier.length && <li class="note">{t(locale, 'chatEmpty')}</li>}
          {earlier.map((message) => (
            <MessageRow key={`earlier-${message.seq}`} message={message} locale={locale} seen>
              {kit?.files(message.attachments, client, locale)}
            </MessageRow>
          ))}
          {earlier.length > 0 && <Divider locale={locale} />}
          {state.messages.map((message) => (
            <MessageRow key={message.seq} message={message} locale={locale} seen={message.seq <= state.readSeq}>
              {kit?.files(message.attachments, client, locale)}
            </MessageRow>
          ))}
          {closed && <li class="note closed-note">{t(locale, 'conversationClosed')}</li>}
          {/* Written after the close, before the server opened the new conversation. */}
          {closed && pending.length > 0 && <Divider locale={locale} />}
          {pending.map((item) => (
            <PendingRow key={item.clientId} item={item} locale={locale} onDismiss={() => client.dismiss(item.clientId)}>
              {kit?.files(item.attachments, client, locale)}
            </PendingRow>
          ))}
        </ol>
        {children}
      </div>
      {state.agentTyping !== null && (
        <p class="typing" aria-live="polite">
          {t(locale, 'typing', { name: state.agentTyping || t(locale, 'agent') })}
        </p>
      )}
      <Composer client={client} locale={locale} kit={kit} />
    </>
  );
}
