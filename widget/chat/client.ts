/**
 * The visitor's chat connection: a typed Socket.IO client for the /visitor namespace, the outbox
 * sender, and the seq-ordered message list. No DOM, so it runs (and is tested) in Node; the UI
 * subscribes to its state. Lazy-loaded with the chat chunk only when the visitor talks.
 */
import { io, type Socket } from 'socket.io-client';
import type { Ack, ErrorBody, VisitorAuth, VisitorClientToServer, VisitorServerToClient } from '../../protocol/events.js';
import type { ConversationId, ConversationStatus, Locale, Message, Presence, VisitorContext } from '../../protocol/types.js';
import { backoffDelay, sleep as realSleep } from './backoff.js';
import { newClientId } from '../../protocol/client-ids.js';
import { lastSeq, leavesGap, mergeBySeq } from './merge.js';
import { createOutbox, type OutboxItem } from './outbox.js';
import { createSender } from './sender.js';
import { readJson, removeKey, storageKeys, writeJson, writeText, type StorageLike } from './storage.js';

export type VisitorSocket = Socket<VisitorServerToClient, VisitorClientToServer>;
export type Connection = 'connecting' | 'online' | 'offline';

export interface ChatState {
  connection: Connection;
  visitorId: string | null;
  conversation: { id: ConversationId; status: ConversationStatus; lastSeq: number } | null;
  presence: Presence | null;
  /** Delivered messages of the current conversation, strictly increasing seq. */
  messages: Message[];
  /** The visitor's messages not acked yet (sending, retrying) or refused (failed). */
  pending: OutboxItem[];
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
  /** Puts a message in the outbox and starts sending it. */
  send(text: string): OutboxItem;
  /** Drops a failed message from the outbox. */
  dismiss(clientId: string): void;
  /** Leaves a message for later when nobody is online (`offline:leave`). */
  leaveOffline(input: { email: string; text: string; name?: string }): Promise<Ack<{ conversationId: ConversationId }>>;
  /** Answers the survey of the last closed conversation (NPS 0–10). */
  answerSurvey(score: number, comment?: string): Promise<boolean>;
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

/** Connects to `/visitor` and keeps the conversation in order through reconnects and reloads. */
export function createChatClient(options: ChatClientOptions): ChatClient {
  const { origin, site, storage, ackTimeoutMs = 10_000, random = Math.random, sleep = realSleep } = options;
  const keys = storageKeys(site);
  const outbox = createOutbox(storage, keys.outbox);
  let user = options.user;
  const listeners = new Set<(state: ChatState) => void>();
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let lastTypingSent = 0;
  let closed = false;

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

  function setState(patch: Partial<ChatState>): void {
    state = { ...state, ...patch, pending: outbox.list() };
    for (const listener of listeners) listener(state);
  }

  function setConversation(conversation: ChatState['conversation']): void {
    if (conversation && conversation.status === 'open') writeJson(storage, keys.conversation, conversation);
    else removeKey(storage, keys.conversation);
    const changed = conversation?.id !== state.conversation?.id;
    setState({ conversation, ...(changed ? { messages: [], readSeq: 0, agentTyping: null } : {}) });
  }

  function auth(): VisitorAuth {
    const token = storage.getItem(keys.token) ?? undefined;
    const value: VisitorAuth = { site };
    if (token) value.token = token;
    if (user) value.user = user;
    if (options.locale) value.locale = options.locale;
    return value;
  }

  const connect = options.connect ?? ((url, opts) => io(url, opts) as VisitorSocket);
  const socket = connect(`${origin}/visitor`, {
    // A function, so every reconnect presents the token saved from the latest hello.
    auth: (cb: (data: object) => void) => cb(auth()),
    transports: ['websocket', 'polling'],
    // Jittered reconnects: a thousand visitors returning after a restart spread over seconds (issue 4).
    reconnectionDelay: 1000,
    reconnectionDelayMax: 15_000,
    randomizationFactor: 0.5,
  });

  // "Ready" means hello has arrived on the current connection: the token is saved and history
  // synced, so a message sent now lands after what the visitor has seen.
  let readyWaiters: (() => void)[] = [];
  let isReady = false;
  const ready = () => (isReady ? Promise.resolve() : new Promise<void>((resolve) => readyWaiters.push(resolve)));
  function setReady(value: boolean): void {
    isReady = value;
    if (!value) return;
    const waiters = readyWaiters;
    readyWaiters = [];
    for (const resolve of waiters) resolve();
  }

  const sender = createSender({
    outbox,
    ready,
    sleep,
    random,
    emit: (payload) => socket.timeout(ackTimeoutMs).emitWithAck('message:send', payload),
    onChange: () => setState({}),
    onAcked(item, ack) {
      if (state.conversation?.id !== ack.conversationId) {
        setConversation({ id: ack.conversationId, status: 'open', lastSeq: ack.seq });
      } else if (state.conversation.status !== 'open' || ack.seq > state.conversation.lastSeq) {
        setConversation({ ...state.conversation, status: 'open', lastSeq: Math.max(ack.seq, state.conversation.lastSeq) });
      }
      const message: Message = {
        id: item.clientId,
        conversationId: ack.conversationId,
        seq: ack.seq,
        clientId: item.clientId,
        author: { kind: 'visitor' },
        text: item.text,
        createdAt: ack.createdAt,
      };
      setState({ messages: mergeBySeq(state.messages, [message], ack.conversationId) });
    },
  });

  async function sync(): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const conversation = state.conversation;
      if (!conversation || !socket.connected) return;
      try {
        const ack = await socket
          .timeout(ackTimeoutMs)
          .emitWithAck('messages:sync', { conversationId: conversation.id, afterSeq: lastSeq(state.messages) });
        if (ack.ok) {
          if (state.conversation?.id === conversation.id) {
            setState({ messages: mergeBySeq(state.messages, ack.messages, conversation.id) });
          }
          return;
        }
        if (ack.error.code === 'not_found' || ack.error.code === 'forbidden') {
          setConversation(null); // The conversation is gone or not ours: start afresh.
          return;
        }
      } catch {
        // Timed out: try again below; the next reconnect syncs anyway.
      }
      await sleep(backoffDelay(attempt, { random }));
    }
  }

  socket.on('hello', (hello) => {
    if (hello.token) writeText(storage, keys.token, hello.token);
    setState({ visitorId: hello.visitorId, presence: hello.presence, connection: 'online', error: null });
    setConversation(hello.conversation);
    // Sync before releasing the outbox so history comes first, then pending messages.
    void sync().finally(() => {
      setReady(true);
      void sender.pump();
    });
  });

  socket.on('message:new', (message) => {
    if (message.internal) return;
    if (state.conversation?.id !== message.conversationId) {
      // Another tab of this visitor opened a new conversation: follow it.
      setConversation({ id: message.conversationId, status: 'open', lastSeq: message.seq });
    }
    const gap = leavesGap(state.messages, message);
    const fromAgent = message.author.kind !== 'visitor';
    setState({
      messages: mergeBySeq(state.messages, [message], message.conversationId),
      ...(fromAgent ? { agentTyping: null } : {}),
    });
    if (gap) void sync();
    if (fromAgent) options.onAgentMessage?.(message);
  });

  socket.on('typing', (payload) => {
    if (payload.conversationId !== state.conversation?.id) return;
    clearTimeout(typingTimer);
    // A lost "stopped typing" must not leave the indicator on for ever.
    if (payload.typing) typingTimer = setTimeout(() => setState({ agentTyping: null }), TYPING_TIMEOUT_MS);
    setState({ agentTyping: payload.typing ? (payload.name ?? '') : null });
  });

  socket.on('read', (payload) => {
    if (payload.conversationId === state.conversation?.id && payload.seq > state.readSeq) setState({ readSeq: payload.seq });
  });

  socket.on('presence', (presence) => setState({ presence }));

  socket.on('conversation:closed', (payload) => {
    if (state.conversation?.id !== payload.conversationId) return;
    removeKey(storage, keys.conversation);
    setState({
      conversation: { ...state.conversation, status: 'closed' },
      survey: payload.survey ? { conversationId: payload.conversationId } : null,
      agentTyping: null,
    });
  });

  socket.on('error', (error) => setState({ error }));

  socket.on('connect_error', (err: Error & { data?: { code?: string; message?: string } }) => {
    const code = err.data?.code;
    if (code === 'unauthorized' && storage.getItem(keys.token)) {
      // A stale or revoked token: drop it and come back as a new visitor.
      removeKey(storage, keys.token);
      removeKey(storage, keys.conversation);
      socket.connect();
      return;
    }
    setState({ connection: 'offline', ...(code ? { error: { code: code as ErrorBody['code'], message: err.data?.message ?? err.message } } : {}) });
  });

  socket.on('disconnect', (reason) => {
    setReady(false);
    setState({ connection: 'offline', agentTyping: null });
    if (reason === 'io server disconnect') {
      // The server hung up on purpose (e.g. a flood): come back, but not at once.
      void sleep(backoffDelay(4, { random })).then(() => {
        if (!closed) socket.connect();
      });
    }
  });

  function close(): void {
    closed = true;
    sender.stop();
    clearTimeout(typingTimer);
    socket.disconnect();
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    send(text) {
      const opening = !state.conversation || state.conversation.status !== 'open';
      const item = outbox.add({
        clientId: newClientId(),
        text,
        createdAt: new Date().toISOString(),
        ...(opening && options.getContext ? { context: options.getContext() } : {}),
      });
      setState({});
      void sender.pump();
      return item;
    },
    dismiss(clientId) {
      outbox.remove(clientId);
      setState({});
    },
    async leaveOffline(input) {
      const payload = { clientId: newClientId(), ...input, ...(options.getContext ? { context: options.getContext() } : {}) };
      for (let attempt = 0; ; attempt++) {
        await ready();
        try {
          return await socket.timeout(ackTimeoutMs).emitWithAck('offline:leave', payload);
        } catch (error) {
          // Same clientId on every attempt, so a retry after a lost ack is not a second message.
          if (attempt >= 4) throw error;
          await sleep(backoffDelay(attempt, { random }));
        }
      }
    },
    async answerSurvey(score, comment) {
      const survey = state.survey;
      if (!survey) return false;
      await ready();
      try {
        const ack = await socket
          .timeout(ackTimeoutMs)
          .emitWithAck('survey:answer', { conversationId: survey.conversationId, score, ...(comment ? { comment } : {}) });
        if (ack.ok) setState({ survey: null });
        return ack.ok;
      } catch {
        return false;
      }
    },
    setTyping(typing) {
      const conversation = state.conversation;
      if (!conversation || conversation.status !== 'open' || !socket.connected) return;
      const now = Date.now();
      // At most one "typing" every 2 s; "stopped" always goes out.
      if (typing && now - lastTypingSent < 2000) return;
      lastTypingSent = typing ? now : 0;
      socket.emit('typing', { conversationId: conversation.id, typing });
    },
    markRead() {
      const conversation = state.conversation;
      const seq = lastSeq(state.messages);
      if (!conversation || seq === 0 || !socket.connected) return;
      socket.emit('read', { conversationId: conversation.id, seq });
    },
    setUser(next) {
      user = next;
      socket.disconnect().connect();
    },
    close,
    forget() {
      close();
      outbox.clear();
      for (const key of Object.values(keys)) removeKey(storage, key);
    },
  };
}
