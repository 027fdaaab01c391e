/**
 * The visitor's chat connection: a typed Socket.IO client for the /visitor namespace over the
 * shared delivery protocol (client/: outbox, sender, seq sync, reconnect). No DOM, so it runs
 * (and is tested) in Node; the UI subscribes to its state. Lazy-loaded with the chat chunk only
 * when the visitor talks.
 */
import { io, type Socket } from 'socket.io-client';
import type { AttachmentRef } from '../../protocol/attachments.js';
import type { Ack, ErrorBody, VisitorAuth, VisitorClientToServer, VisitorServerToClient } from '../../protocol/events.js';
import type { ConversationId, ConversationStatus, Locale, Message, Presence, VisitorContext } from '../../protocol/types.js';
import { isRetryable } from '../../protocol/errors.js';
import { newClientId } from '../../protocol/client-ids.js';
import { backoffDelay, sleep as realSleep } from '../../client/backoff.js';
import { createGate, type Gate } from '../../client/gate.js';
import { lastSeq, mergeBySeq } from '../../client/merge.js';
import { createReconnector, refusalOf, type Reconnector } from '../../client/reconnect.js';
import { createSender, type Sender } from '../../client/sender.js';
import { createSeqSync, type SeqSync } from '../../client/seq-sync.js';
import { readJson, removeKey, writeJson, writeText, type StorageLike } from '../../client/storage.js';
import { createVisitorOutbox, type VisitorOutboxItem } from './outbox.js';
import { storageKeys } from './storage.js';

export type VisitorSocket = Socket<VisitorServerToClient, VisitorClientToServer>;
/** `reconnecting`: the server turned the connection away; another try is scheduled. */
export type Connection = 'connecting' | 'online' | 'offline' | 'reconnecting';

export interface ChatState {
  connection: Connection;
  visitorId: string | null;
  conversation: { id: ConversationId; status: ConversationStatus; lastSeq: number } | null;
  presence: Presence | null;
  /** Delivered messages of the current conversation, strictly increasing seq. */
  messages: readonly Message[];
  /** The visitor's messages not acked yet (sending, retrying) or refused (failed). */
  pending: readonly VisitorOutboxItem[];
  /** Name of the agent typing ('' when unnamed), or null. */
  agentTyping: string | null;
  /** The highest seq the agent has read. */
  readSeq: number;
  /** Set after `conversation:closed` asked for a survey, until answered. */
  survey: { conversationId: ConversationId } | null;
  /** The last refusal from the server (connection or event), for the UI. */
  error: ErrorBody | null;
}

export interface ChatClientOptions {
  /** Origin of the Pasokh server, e.g. `https://help.example.com`. */
  origin: string;
  site: string;
  /** Where the token and the outbox live: localStorage in the browser. */
  storage: StorageLike;
  locale?: Locale;
  user?: VisitorAuth['user'];
  /** Context attached to the message that opens a conversation. */
  getContext?: () => VisitorContext;
  /** Called with each message from an agent (for the host page's `message` event). */
  onAgentMessage?: (message: Message) => void;
  /** How long to wait for an ack, in ms. @default 10000 */
  ackTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Opens the socket; injectable so a test can point it anywhere. @default socket.io-client `io` */
  connect?: (url: string, options: Parameters<typeof io>[1]) => VisitorSocket;
}

export interface ChatClient {
  getState(): ChatState;
  /** Calls `listener` on every state change; returns the unsubscribe function. */
  subscribe(listener: (state: ChatState) => void): () => void;
  /** Puts a message in the outbox and starts sending it, with files already uploaded. */
  send(text: string, attachments?: AttachmentRef[]): VisitorOutboxItem;
  /** Where the attachment chunk uploads to, and the token it shows there. */
  server(): { origin: string; site: string; token: string | null };
  /** Drops a failed message from the outbox. */
  dismiss(clientId: string): void;
  /** Leaves a message for later when nobody is online (`offline:leave`). */
  leaveOffline(input: { email: string; text: string; name?: string }): Promise<Ack<{ conversationId: ConversationId }>>;
  /**
   * Answers the survey of the last closed conversation (NPS 0–10). With `keepOpen` the survey
   * stays pending, so a comment can follow with the same score.
   */
  answerSurvey(score: number, comment?: string, keepOpen?: boolean): Promise<boolean>;
  setTyping(typing: boolean): void;
  /** Tells the agent the visitor has seen everything shown. */
  markRead(): void;
  /** Reconnects with another identity (`Pasokh('identify', …)`). */
  setUser(user: VisitorAuth['user'] | undefined): void;
  /** Disconnects; the token and outbox stay for the next page. */
  close(): void;
  /** Disconnects and forgets the visitor on this browser (`Pasokh('shutdown')`). */
  forget(): void;
}

const TYPING_TIMEOUT_MS = 6000;
/** A server that hung up on purpose (e.g. a flood) is not asked again sooner than this. */
const HUNG_UP_MIN_MS = 4000;

type Chat = ReturnType<typeof createChatCore>;

/** Connects to `/visitor` and keeps the conversation in order through reconnects and reloads. */
export function createChatClient(options: ChatClientOptions): ChatClient {
  const chat = createChatCore(options);
  const socket = openSocket(options, chat);
  const ready = createGate();
  const { ackTimeoutMs = 10_000, random, sleep = realSleep } = options;
  const tracker = createTracker(chat, socket, ackTimeoutMs, options);
  const reconnector = createReconnector({ connect: () => socket.connect(), sleep, random });

  const sender = createSender({
    outbox: chat.outbox,
    ready: ready.wait,
    sleep,
    random,
    // An absent context is left out by the JSON encoding.
    emit: ({ clientId, text, context, attachments }) =>
      socket
        .timeout(ackTimeoutMs)
        .emitWithAck('message:send', { clientId, text, context, attachments: attachments?.map((file) => file.id) }),
    onChange: () => chat.set({}),
    onAcked(item, ack) {
      chat.follow({ id: ack.conversationId, status: 'open', lastSeq: ack.seq });
      tracker(ack.conversationId).see(ack.seq);
      const message: Message = {
        id: item.clientId,
        conversationId: ack.conversationId,
        seq: ack.seq,
        clientId: item.clientId,
        author: { kind: 'visitor' },
        text: item.text,
        createdAt: ack.createdAt,
        attachments: item.attachments,
      };
      chat.merge([message], ack.conversationId);
    },
  });

  bindConnection(socket, chat, reconnector, ready, sender, tracker);
  bindConversation(socket, chat, tracker, options);
  return clientApi(chat, socket, ready, sender, reconnector, options);
}

/** The state, its listeners, the outbox and the conversation the visitor is in. */
function createChatCore(options: ChatClientOptions) {
  const { storage } = options;
  const keys = storageKeys(options.site);
  const outbox = createVisitorOutbox(storage, keys.outbox);
  const listeners = new Set<(state: ChatState) => void>();
  let user = options.user;
  let state: ChatState = {
    connection: 'connecting',
    visitorId: null,
    conversation: readJson<ChatState['conversation']>(storage, keys.conversation),
    presence: null,
    messages: [],
    pending: outbox.list(),
    agentTyping: null,
    readSeq: 0,
    survey: null,
    error: null,
  };

  function set(patch: Partial<ChatState>): void {
    state = { ...state, ...patch, pending: outbox.list() };
    for (const listener of listeners) listener(state);
  }

  /** Whether `id` is the conversation shown. */
  const shows = (id: ConversationId | null): boolean => (state.conversation ? state.conversation.id === id : id === null);

  function setConversation(conversation: ChatState['conversation']): void {
    if (conversation && conversation.status === 'open') writeJson(storage, keys.conversation, conversation);
    else removeKey(storage, keys.conversation);
    set({ conversation, ...(!shows(conversation && conversation.id) ? { messages: [], readSeq: 0, agentTyping: null } : {}) });
  }

  return {
    keys,
    storage,
    outbox,
    listeners,
    get: () => state,
    set,
    setConversation,
    shows,
    setUser: (next: VisitorAuth['user'] | undefined) => (user = next),
    auth(): VisitorAuth {
      const value: VisitorAuth = { site: options.site };
      const token = storage.getItem(keys.token);
      if (token) value.token = token;
      if (user) value.user = user;
      if (options.locale) value.locale = options.locale;
      return value;
    },
    /** Follows `conversation` (opened by an ack or another tab), keeping the newest lastSeq. */
    follow(conversation: NonNullable<ChatState['conversation']>): void {
      const held = state.conversation;
      if (!held || held.id !== conversation.id) setConversation(conversation);
      else if (held.status !== 'open' || conversation.lastSeq > held.lastSeq)
        setConversation({ ...held, status: 'open', lastSeq: Math.max(conversation.lastSeq, held.lastSeq) });
    },
    /** Merges messages of `conversationId` into the list shown, if it is still the one shown. */
    merge(messages: readonly Message[], conversationId: ConversationId): void {
      if (!shows(conversationId)) return;
      // The server sends a visitor only its own conversations and never an internal note.
      const merged = mergeBySeq(state.messages, messages);
      if (merged !== state.messages) set({ messages: merged });
    },
  };
}

function openSocket(options: ChatClientOptions, chat: Chat): VisitorSocket {
  const connect = options.connect ?? (io as (url: string, opts: Parameters<typeof io>[1]) => VisitorSocket);
  return connect(`${options.origin}/visitor`, {
    // A function, so every reconnect presents the token saved from the latest hello.
    auth: (cb: (data: object) => void) => cb(chat.auth()),
    transports: ['websocket', 'polling'],
    // Jittered reconnects from 1 s (socket.io's default, ±50 %) up to 15 s: a thousand visitors
    // returning after a restart spread over seconds.
    reconnectionDelayMax: 15_000,
  });
}

/** The seq tracker (gap detection and `messages:sync`) of the conversation shown; a new one per conversation. */
function createTracker(chat: Chat, socket: VisitorSocket, ackTimeoutMs: number, options: ChatClientOptions) {
  let trackedId: ConversationId | undefined;
  let tracked: SeqSync;
  return (id: ConversationId): SeqSync => {
    if (trackedId === id) return tracked;
    trackedId = id;
    return (tracked = createSeqSync({
      async request(afterSeq) {
        if (!socket.connected) return null;
        try {
          const ack = await socket.timeout(ackTimeoutMs).emitWithAck('messages:sync', { conversationId: id, afterSeq });
          if (ack.ok) return ack.messages;
          return ack.error.code === 'not_found' || ack.error.code === 'forbidden' ? 'gone' : null;
        } catch {
          return null; // Timed out: tried again; the next reconnect syncs anyway.
        }
      },
      apply: (messages) => chat.merge(messages, id),
      // The conversation is gone or not ours: start afresh.
      onGone: () => chat.shows(id) && chat.setConversation(null),
      sleep: options.sleep,
      random: options.random,
    }));
  };
}

type Tracker = ReturnType<typeof createTracker>;

/** Hello, refusals and hang-ups: when the outbox may send, and when to come back. */
function bindConnection(
  socket: VisitorSocket,
  chat: Chat,
  reconnector: Reconnector,
  ready: Gate,
  sender: Sender,
  tracker: Tracker,
): void {
  const { storage } = chat;
  socket.on('hello', (hello) => {
    if (hello.token) writeText(storage, chat.keys.token, hello.token);
    reconnector.connected();
    chat.set({ visitorId: hello.visitorId, presence: hello.presence, connection: 'online', error: null });
    chat.setConversation(hello.conversation);
    // Sync before releasing the outbox so history comes first, then pending messages.
    const conversation = chat.get().conversation;
    void (conversation ? tracker(conversation.id).sync() : Promise.resolve()).finally(() => {
      ready.open();
      sender.wake();
      void sender.pump();
    });
  });

  socket.on('error', (error) => chat.set({ error }));

  socket.on('connect_error', (err) => {
    const refusal = refusalOf(err);
    if (refusal.code === 'unauthorized' && storage.getItem(chat.keys.token)) {
      // A stale or revoked token: drop it and come back as a new visitor.
      removeKey(storage, chat.keys.token);
      removeKey(storage, chat.keys.conversation);
      socket.connect();
      return;
    }
    const error = refusal.code
      ? { error: { code: refusal.code as ErrorBody['code'], message: refusal.message ?? err.message } }
      : {};
    // socket.io retries a failed transport itself, but not a refusal by the server's middleware.
    const retry = !socket.active && (!refusal.code || isRetryable(refusal.code)) && reconnector.schedule(refusal) !== null;
    chat.set({ connection: retry ? 'reconnecting' : 'offline', ...error });
  });

  socket.on('disconnect', (reason) => {
    ready.close();
    chat.set({ connection: 'offline', agentTyping: null });
    // The server hung up on purpose: come back, but not at once.
    if (reason === 'io server disconnect') reconnector.schedule({ retryAfterMs: HUNG_UP_MIN_MS });
  });
}

/** Live conversation events: messages, typing, read receipts, presence, closing. */
function bindConversation(socket: VisitorSocket, chat: Chat, tracker: Tracker, options: ChatClientOptions): void {
  let typingTimer: ReturnType<typeof setTimeout> | undefined;

  socket.on('message:new', (message) => {
    if (message.internal) return;
    // A conversation this tab does not show yet (another tab opened it): follow it.
    chat.follow({ id: message.conversationId, status: 'open', lastSeq: message.seq });
    tracker(message.conversationId).see(message.seq);
    const fromAgent = message.author.kind !== 'visitor';
    if (fromAgent) chat.set({ agentTyping: null });
    chat.merge([message], message.conversationId);
    if (fromAgent && options.onAgentMessage) options.onAgentMessage(message);
  });

  socket.on('typing', (payload) => {
    if (!chat.shows(payload.conversationId)) return;
    clearTimeout(typingTimer);
    // A lost "stopped typing" must not leave the indicator on for ever.
    if (payload.typing) typingTimer = setTimeout(() => chat.set({ agentTyping: null }), TYPING_TIMEOUT_MS);
    chat.set({ agentTyping: payload.typing ? (payload.name ?? '') : null });
  });

  socket.on('read', (payload) => {
    if (chat.shows(payload.conversationId) && payload.seq > chat.get().readSeq) chat.set({ readSeq: payload.seq });
  });

  socket.on('presence', (presence) => chat.set({ presence }));

  socket.on('conversation:closed', (payload) => {
    const conversation = chat.get().conversation;
    if (!conversation || !chat.shows(payload.conversationId)) return;
    removeKey(chat.storage, chat.keys.conversation);
    chat.set({
      conversation: { ...conversation, status: 'closed' },
      survey: payload.survey ? { conversationId: payload.conversationId } : null,
      agentTyping: null,
    });
  });
}

/** What the UI may call. */
function clientApi(
  chat: Chat,
  socket: VisitorSocket,
  ready: Gate,
  sender: Sender,
  reconnector: Reconnector,
  options: ChatClientOptions,
): ChatClient {
  let lastTypingSent = 0;
  const close = () => {
    reconnector.stop();
    sender.stop();
    socket.disconnect();
  };
  return {
    getState: chat.get,
    subscribe(listener) {
      chat.listeners.add(listener);
      return () => chat.listeners.delete(listener);
    },
    server: () => ({ origin: options.origin, site: options.site, token: options.storage.getItem(chat.keys.token) }),
    send(text, attachments) {
      const conversation = chat.get().conversation;
      const opening = !conversation || conversation.status !== 'open';
      const item = chat.outbox.add({
        clientId: newClientId(),
        text,
        attachments,
        createdAt: new Date().toISOString(),
        ...(opening && options.getContext ? { context: options.getContext() } : {}),
      });
      chat.set({});
      void sender.pump();
      return item;
    },
    dismiss(clientId) {
      chat.outbox.remove(clientId);
      chat.set({});
    },
    ...requests(chat, socket, ready, options),
    setTyping(typing) {
      const conversation = chat.get().conversation;
      if (!conversation || conversation.status !== 'open' || !socket.connected) return;
      const now = Date.now();
      // At most one "typing" every 2 s; "stopped" always goes out.
      if (typing && now - lastTypingSent < 2000) return;
      lastTypingSent = typing ? now : 0;
      socket.emit('typing', { conversationId: conversation.id, typing });
    },
    markRead() {
      const { conversation, messages } = chat.get();
      const seq = lastSeq(messages);
      if (!conversation || seq === 0 || !socket.connected) return;
      socket.emit('read', { conversationId: conversation.id, seq });
    },
    setUser(next) {
      chat.setUser(next);
      socket.disconnect().connect();
    },
    close,
    forget() {
      close();
      chat.outbox.clear();
      for (const key of Object.values(chat.keys)) removeKey(options.storage, key);
    },
  };
}

/** The visitor's requests that wait for the server's answer: the offline form and the survey. */
function requests(
  chat: Chat,
  socket: VisitorSocket,
  ready: Gate,
  options: ChatClientOptions,
): Pick<ChatClient, 'leaveOffline' | 'answerSurvey'> {
  const { ackTimeoutMs = 10_000, random, sleep = realSleep } = options;
  return {
    async leaveOffline(input) {
      const payload = { clientId: newClientId(), ...input, ...(options.getContext ? { context: options.getContext() } : {}) };
      for (let attempt = 0; ; attempt++) {
        await ready.wait();
        try {
          return await socket.timeout(ackTimeoutMs).emitWithAck('offline:leave', payload);
        } catch (error) {
          // Same clientId on every attempt, so a retry after a lost ack is not a second message.
          if (attempt >= 4) throw error;
          await sleep(backoffDelay(attempt, { random }));
        }
      }
    },
    async answerSurvey(score, comment, keepOpen) {
      const survey = chat.get().survey;
      if (!survey) return false;
      await ready.wait();
      try {
        const ack = await socket
          .timeout(ackTimeoutMs)
          .emitWithAck('survey:answer', { conversationId: survey.conversationId, score, ...(comment ? { comment } : {}) });
        if (ack.ok && !keepOpen) chat.set({ survey: null });
        return ack.ok;
      } catch {
        return false;
      }
    },
  };
}
