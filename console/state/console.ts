/**
 * The console's controller: the /agent socket, the outbox, the HTTP calls, and every action a
 * component can take. Components read `store` and call `actions`; nothing else talks to the server.
 */
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { newClientId } from '../../protocol/client-ids.js';
import type { AgentClientToServer, AgentServerToClient, Ack } from '../../protocol/events.js';
import type {
  AgentProfile,
  AgentRole,
  AgentStatus,
  ConversationId,
  ConversationSummary,
  Locale,
  Message,
} from '../../protocol/types.js';
import { alertAgent } from '../lib/alerts.js';
import { ApiError, api } from '../lib/api.js';
import { backoffDelay } from '../lib/backoff.js';
import { contiguousSeq, lastSeq, mergeBySeq } from '../lib/merge.js';
import { createOutbox, type Outbox, type OutboxEntry, type SendResult } from '../lib/outbox.js';
import { applyMessage, freshestSummary, nextPreview, upsertQueue, sortQueue, visitorTag, type QueueFilter } from '../lib/queue.js';
import { translate } from '../i18n/index.js';
import { createStore, type Store } from './store.js';
import { initialState, type ConsoleState, type OpenConversation, type View } from './state.js';

type AgentSocket = Socket<AgentServerToClient, AgentClientToServer>;

/** How long we wait for an ack before treating the attempt as lost. */
const ACK_TIMEOUT_MS = 10_000;
/** A visitor "typing" signal is shown this long unless renewed. */
const TYPING_SHOWN_MS = 6_000;
/** We tell the server "typing" at most this often, and "stopped" after this much quiet. */
const TYPING_THROTTLE_MS = 3_000;
const TYPING_IDLE_MS = 4_000;
/** Agent list refresh (online dots, transfer targets). */
const AGENTS_REFRESH_MS = 30_000;
/** Acks that will not change on a resend: show them as failed at once. */
const RETRYABLE_CODES = new Set(['internal', 'rate_limited']);
const SYNC_PAGE = 500;

const LOCALE_KEY = 'pasokh.console.locale';
const readSeqKey = (agentId: string) => `pasokh.console.read.${agentId}`;
const outboxKey = (agentId: string) => `pasokh.console.outbox.${agentId}`;
const tabsKey = (agentId: string) => `pasokh.console.tabs.${agentId}`;

/** What components may do. */
export interface ConsoleActions {
  signIn(email: string, password: string): Promise<string | null>;
  signOut(): Promise<void>;
  setLocale(locale: Locale): void;
  setView(view: View): void;
  setFilter(filter: QueueFilter): void;
  openConversation(id: ConversationId): void;
  closeTab(id: ConversationId): void;
  reload(id: ConversationId): void;
  claim(id: ConversationId): Promise<void>;
  transfer(id: ConversationId, agentId: string): Promise<void>;
  close(id: ConversationId): Promise<void>;
  send(id: ConversationId, text: string, internal: boolean): void;
  retry(clientId: string): void;
  discard(clientId: string): void;
  noteTyping(id: ConversationId): void;
  stopTyping(id: ConversationId): void;
  markRead(id: ConversationId): void;
  setStatus(status: AgentStatus): Promise<void>;
  dismissNotice(): void;
  refreshAgents(): Promise<void>;
  addAgent(input: { email: string; name: string; password: string; role: AgentRole }): Promise<string | null>;
  setAgentDisabled(id: string, disabled: boolean): Promise<void>;
  removeAgent(id: string): Promise<void>;
  refreshReplies(): Promise<void>;
  saveReply(id: string | null, title: string, text: string): Promise<string | null>;
  deleteReply(id: string): Promise<void>;
}

export interface ConsoleController {
  store: Store<ConsoleState>;
  actions: ConsoleActions;
  /** Checks the session and connects when signed in. */
  boot(): Promise<void>;
}

function storageGet<T>(storage: Storage | undefined, key: string, fallback: T): T {
  try {
    const raw = storage?.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}
function storageSet(storage: Storage | undefined, key: string, value: unknown): void {
  try {
    storage?.setItem(key, JSON.stringify(value));
  } catch {
    // private mode or full: the in-memory copy still works for this tab
  }
}

function preferredLocale(): Locale {
  const saved = storageGet<string | null>(globalThis.localStorage, LOCALE_KEY, null);
  if (saved === 'en' || saved === 'fa') return saved;
  return /^fa\b/i.test(globalThis.navigator?.language ?? '') ? 'fa' : 'en';
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/** A display name for the visitor of a conversation. */
export function visitorName(conversation: ConversationSummary, locale: Locale): string {
  return conversation.visitor.name?.trim() || translate(locale, 'visitor.anonymous', { id: visitorTag(conversation.visitor.id) });
}

export interface ConsoleOptions {
  /** Opens the /agent socket; injectable so a test can point it at its server. @default socket.io-client `io` */
  connect?: (path: string, options: Partial<ManagerOptions & SocketOptions>) => AgentSocket;
}

/** Creates the controller; call `boot()` once the UI is mounted. */
export function createConsole(options: ConsoleOptions = {}): ConsoleController {
  const openSocket = options.connect ?? ((path, opts) => io(path, opts) as AgentSocket);
  const store = createStore<ConsoleState>(initialState(preferredLocale()));
  let socket: AgentSocket | null = null;
  let outbox: Outbox | null = null;
  let agentsTimer: ReturnType<typeof setInterval> | null = null;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let reconnectAttempt = 0;
  const syncing = new Set<ConversationId>();
  let desiredStatus: AgentStatus = 'online';
  let stopSavingTabs: (() => void) | null = null;
  let savedTabs: { tabs: string[]; activeId: string | null } = { tabs: [], activeId: null };
  const readSent: Record<ConversationId, number> = {};
  const typingState: Record<ConversationId, { sentAt: number; idle: ReturnType<typeof setTimeout> | null }> = {};

  const t = (key: Parameters<typeof translate>[1], vars?: Parameters<typeof translate>[2]) =>
    translate(store.get().locale, key, vars);
  const me = () => store.get().agent;
  const notice = (message: string) => store.set({ notice: t('conv.actionFailed', { message }) });

  // ---------- open conversations ----------

  const patchOpen = (id: ConversationId, patch: Partial<OpenConversation> | ((c: OpenConversation) => Partial<OpenConversation>)) => {
    store.set((s) => {
      const current = s.open[id];
      if (!current) return {};
      const p = typeof patch === 'function' ? patch(current) : patch;
      return { open: { ...s.open, [id]: { ...current, ...p } } };
    });
  };

  const notePreview = (id: ConversationId, messages: readonly Message[]) => {
    store.set((s) => {
      const next = nextPreview(s.preview[id], messages);
      return next === s.preview[id] ? {} : { preview: { ...s.preview, [id]: next! } };
    });
  };

  const addVisitorSeqs = (id: ConversationId, messages: readonly Message[]) => {
    const seqs = messages.filter((m) => m.author.kind === 'visitor').map((m) => m.seq);
    if (seqs.length === 0) return;
    store.set((s) => {
      const held = new Set(s.visitorSeqs[id] ?? []);
      for (const seq of seqs) held.add(seq);
      return { visitorSeqs: { ...s.visitorSeqs, [id]: [...held].sort((a, b) => a - b) } };
    });
  };

  const mergeInto = (id: ConversationId, messages: readonly Message[]) => {
    if (messages.length === 0) return;
    addVisitorSeqs(id, messages);
    notePreview(id, messages);
    patchOpen(id, (c) => ({ messages: mergeBySeq(c.messages, messages) }));
  };

  async function ack<T extends object>(emit: (s: AgentSocket) => Promise<Ack<T>>): Promise<Ack<T>> {
    if (!socket?.connected) return { ok: false, error: { code: 'internal', message: t('connection.offline') } };
    try {
      return await emit(socket);
    } catch (err) {
      return { ok: false, error: { code: 'internal', message: errorText(err) } };
    }
  }

  /** Fetches everything after the last seq we hold without a gap, page by page. */
  async function sync(id: ConversationId): Promise<void> {
    if (syncing.has(id)) return;
    syncing.add(id);
    try {
      for (;;) {
        const held = store.get().open[id];
        if (!held) return;
        const afterSeq = contiguousSeq(held.messages);
        const res = await ack((s) => s.timeout(ACK_TIMEOUT_MS).emitWithAck('messages:sync', { conversationId: id, afterSeq }));
        if (!res.ok) return;
        mergeInto(id, res.messages);
        if (res.messages.length < SYNC_PAGE) return;
        // A full page that did not move us forward will not the next time either.
        if (contiguousSeq(store.get().open[id]?.messages ?? []) <= afterSeq) return;
      }
    } finally {
      syncing.delete(id);
    }
  }

  async function load(id: ConversationId): Promise<void> {
    store.set((s) => ({
      open: { ...s.open, [id]: s.open[id] ? { ...s.open[id], loading: true, error: null } : { detail: null, messages: [], loading: true, error: null, visitorReadSeq: 0 } },
    }));
    const res = await ack((s) => s.timeout(ACK_TIMEOUT_MS).emitWithAck('conversation:get', { conversationId: id }));
    if (!res.ok) {
      patchOpen(id, { loading: false, error: res.error.message });
      return;
    }
    patchOpen(id, { detail: res.conversation, loading: false, error: null });
    mergeInto(id, res.conversation.messages);
    // Messages may have arrived between the server reading history and our merge.
    if (contiguousSeq(store.get().open[id]?.messages ?? []) < res.conversation.lastSeq) void sync(id);
  }

  const applySummary = (conversation: ConversationSummary) => {
    store.set((s) => {
      const open = s.open[conversation.id];
      return {
        queue: upsertQueue(s.queue, freshestSummary(s.queue.find((c) => c.id === conversation.id), conversation)),
        ...(open?.detail ? { open: { ...s.open, [conversation.id]: { ...open, detail: { ...open.detail, ...freshestSummary(open.detail, conversation) } } } } : {}),
      };
    });
  };

  // ---------- socket ----------

  function onMessage(message: Message): void {
    const id = message.conversationId;
    outbox?.settle(message.clientId);
    const state = store.get();
    notePreview(id, [message]);
    if (message.author.kind === 'visitor') {
      addVisitorSeqs(id, [message]);
      store.set((s) => ({ typingUntil: { ...s.typingUntil, [id]: 0 } }));
    }
    store.set((s) => {
      const queue = applyMessage(s.queue, message);
      return queue === s.queue ? {} : { queue };
    });
    const open = state.open[id];
    if (open) {
      mergeInto(id, [message]);
      if (open.detail && message.seq > contiguousSeq(open.messages) + 1) void sync(id);
    }
    // A message of a conversation not yet in the queue is a new conversation: its
    // `conversation:updated` follows and alerts once for both.
    const conv = state.queue.find((c) => c.id === id);
    if (conv && message.author.kind === 'visitor' && typeof document !== 'undefined' && document.hidden) {
      const name = visitorName(conv, state.locale);
      alertAgent(t('notify.newMessage', { name }), message.text.slice(0, 140), id, () => actions.openConversation(id));
    }
  }

  function scheduleReconnect(): void {
    if (reconnectTimer || !socket) return;
    const delay = backoffDelay(reconnectAttempt++);
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      socket?.connect();
    }, delay);
  }

  async function checkSessionThenReconnect(): Promise<void> {
    try {
      await api.me();
      scheduleReconnect();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) await endSession(t('signedOut.expired'));
      else scheduleReconnect();
    }
  }

  function connect(): void {
    const s: AgentSocket = openSocket('/agent', { withCredentials: true });
    socket = s;
    store.set({ connection: 'connecting' });
    s.on('connect', () => {
      reconnectAttempt = 0;
      store.set({ connection: 'online' });
      // The server sends hello + queue itself; we bring the open tabs up to date and resend.
      for (const id of store.get().tabs) {
        const open = store.get().open[id];
        if (!open?.detail) void load(id);
        else void sync(id);
      }
      outbox?.flush();
    });
    s.on('disconnect', (reason) => {
      store.set({ connection: 'offline' });
      // The server ended this socket on purpose (e.g. the agent was disabled): find out why.
      if (reason === 'io server disconnect') void checkSessionThenReconnect();
    });
    s.on('connect_error', (err) => {
      store.set({ connection: 'offline' });
      const code = (err as Error & { data?: { code?: string } }).data?.code;
      if (code === 'unauthorized' || code === 'forbidden') {
        void endSession(t('signedOut.expired'));
        return;
      }
      // A refusal from the server's middleware stops socket.io's own retries.
      if (!s.active) scheduleReconnect();
    });
    s.on('hello', ({ agent, status }) => {
      store.set({ agent });
      // A new socket starts "online" on the server; an agent who chose "away" stays away.
      if (status !== desiredStatus) void actions.setStatus(desiredStatus);
      else store.set({ status });
    });
    s.on('queue', (conversations) => {
      store.set({ queue: sortQueue(conversations) });
      // A tab whose conversation left the queue while we were away was closed meanwhile:
      // fetch it again so its header and reply box say so.
      const inQueue = new Set(conversations.map((c) => c.id));
      for (const id of store.get().tabs) {
        const open = store.get().open[id];
        if (open?.detail?.status === 'open' && !inQueue.has(id)) void load(id);
      }
    });
    s.on('conversation:updated', (conversation) => {
      const isNew = conversation.status === 'open' && !store.get().queue.some((c) => c.id === conversation.id);
      applySummary(conversation);
      if (isNew && typeof document !== 'undefined' && document.hidden) {
        alertAgent(t('notify.newConversation'), conversation.lastMessage?.text.slice(0, 140) ?? visitorName(conversation, store.get().locale), conversation.id, () =>
          actions.openConversation(conversation.id),
        );
      }
    });
    s.on('message:new', onMessage);
    s.on('typing', ({ conversationId, typing, from }) => {
      if (from !== 'visitor') return;
      store.set((st) => ({ typingUntil: { ...st.typingUntil, [conversationId]: typing ? Date.now() + TYPING_SHOWN_MS : 0 } }));
    });
    s.on('read', ({ conversationId, seq, by }) => {
      if (by !== 'visitor') return;
      patchOpen(conversationId, (c) => ({ visitorReadSeq: Math.max(c.visitorReadSeq, seq) }));
    });
    s.on('error', (error) => {
      if (error.code === 'unauthorized' || error.code === 'forbidden') void endSession(t('signedOut.expired'));
      else store.set({ notice: t('error.generic', { message: error.message }) });
    });
  }

  // ---------- session ----------

  function startSession(agent: AgentProfile): void {
    const readSeq = storageGet<Record<string, number>>(globalThis.localStorage, readSeqKey(agent.id), {});
    const restored = storageGet<OutboxEntry[]>(globalThis.sessionStorage, outboxKey(agent.id), []);
    // Tabs survive a reload of this browser tab; their conversations load once connected.
    const saved = storageGet<{ tabs: string[]; activeId: string | null }>(globalThis.sessionStorage, tabsKey(agent.id), { tabs: [], activeId: null });
    const tabs = Array.isArray(saved.tabs) ? saved.tabs.filter((x) => typeof x === 'string').slice(0, 20) : [];
    const activeId = saved.activeId && tabs.includes(saved.activeId) ? saved.activeId : (tabs[0] ?? null);
    const open = Object.fromEntries(tabs.map((id) => [id, { detail: null, messages: [], loading: true, error: null, visitorReadSeq: 0 } satisfies OpenConversation]));
    store.set({ phase: 'signed-in', agent, signInNotice: null, readSeq, outbox: restored, tabs, activeId, open });
    stopSavingTabs = store.subscribe((st) => {
      if (st.tabs !== savedTabs.tabs || st.activeId !== savedTabs.activeId) {
        savedTabs = { tabs: st.tabs, activeId: st.activeId };
        storageSet(globalThis.sessionStorage, tabsKey(agent.id), savedTabs);
      }
    });
    outbox = createOutbox(
      {
        send: sendOnce,
        setTimer: (fn, ms) => setTimeout(fn, ms),
        clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
        canSend: () => socket?.connected === true,
        onChange: (entries) => {
          store.set({ outbox: entries });
          storageSet(globalThis.sessionStorage, outboxKey(agent.id), entries);
        },
        onSent: (entry, result) => {
          const current = me();
          mergeInto(entry.conversationId, [
            {
              id: `local-${entry.clientId}`,
              conversationId: entry.conversationId,
              seq: result.seq,
              clientId: entry.clientId,
              author: { kind: 'agent', id: current?.id, name: current?.name },
              text: entry.text,
              createdAt: result.createdAt,
              ...(entry.internal ? { internal: true } : {}),
            },
          ]);
        },
      },
      restored,
    );
    connect();
    void actions.refreshAgents();
    void actions.refreshReplies();
    agentsTimer = setInterval(() => void actions.refreshAgents(), AGENTS_REFRESH_MS);
  }

  async function sendOnce(entry: OutboxEntry): Promise<SendResult> {
    const res = await ack((s) =>
      s.timeout(ACK_TIMEOUT_MS).emitWithAck('message:send', {
        conversationId: entry.conversationId,
        clientId: entry.clientId,
        text: entry.text,
        ...(entry.internal ? { internal: true } : {}),
      }),
    );
    if (res.ok) return { ok: true, seq: res.seq, createdAt: res.createdAt };
    return { ok: false, retryable: RETRYABLE_CODES.has(res.error.code), message: res.error.message };
  }

  async function endSession(signInNotice: string | null): Promise<void> {
    if (agentsTimer) clearInterval(agentsTimer);
    if (reconnectTimer) clearTimeout(reconnectTimer);
    agentsTimer = null;
    reconnectTimer = null;
    outbox?.dispose();
    outbox = null;
    const s = socket;
    socket = null;
    s?.removeAllListeners();
    s?.disconnect();
    desiredStatus = 'online';
    stopSavingTabs?.();
    stopSavingTabs = null;
    store.set({ ...initialState(store.get().locale), phase: 'signed-out', signInNotice });
  }

  /** Runs an HTTP call; a 401 means the session is gone. Returns the error text, or null. */
  async function guarded<T>(run: () => Promise<T>): Promise<{ value?: T; error: string | null }> {
    try {
      return { value: await run(), error: null };
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        await endSession(t('signedOut.expired'));
      }
      return { error: errorText(err) };
    }
  }

  // ---------- actions ----------

  const actions: ConsoleActions = {
    async signIn(email, password) {
      try {
        const { agent } = await api.login(email, password);
        startSession(agent);
        return null;
      } catch (err) {
        if (err instanceof ApiError && (err.status === 401 || err.status === 400)) return t('signIn.wrong');
        return t('signIn.failed', { message: errorText(err) });
      }
    },
    async signOut() {
      await api.logout().catch(() => undefined);
      const agent = me();
      if (agent) {
        globalThis.sessionStorage?.removeItem(outboxKey(agent.id));
        globalThis.sessionStorage?.removeItem(tabsKey(agent.id));
      }
      await endSession(null);
    },
    setLocale(locale) {
      storageSet(globalThis.localStorage, LOCALE_KEY, locale);
      store.set({ locale });
    },
    setView: (view) => store.set({ view }),
    setFilter: (filter) => store.set({ filter }),
    openConversation(id) {
      const s = store.get();
      store.set({ view: 'inbox', activeId: id, tabs: s.tabs.includes(id) ? s.tabs : [...s.tabs, id] });
      const open = store.get().open[id];
      if (!open || (!open.detail && !open.loading)) void load(id);
    },
    closeTab(id) {
      const s = store.get();
      const at = s.tabs.indexOf(id);
      const tabs = s.tabs.filter((x) => x !== id);
      const { [id]: _closed, ...open } = s.open;
      const activeId = s.activeId === id ? (tabs[Math.min(at, tabs.length - 1)] ?? null) : s.activeId;
      store.set({ tabs, open, activeId });
    },
    reload: (id) => void load(id),
    async claim(id) {
      const res = await ack((s) => s.timeout(ACK_TIMEOUT_MS).emitWithAck('conversation:claim', { conversationId: id }));
      if (res.ok) applySummary(res.conversation);
      else notice(res.error.message);
    },
    async transfer(id, agentId) {
      const res = await ack((s) => s.timeout(ACK_TIMEOUT_MS).emitWithAck('conversation:transfer', { conversationId: id, agentId }));
      if (res.ok) applySummary(res.conversation);
      else notice(res.error.message);
    },
    async close(id) {
      const res = await ack((s) => s.timeout(ACK_TIMEOUT_MS).emitWithAck('conversation:close', { conversationId: id }));
      if (res.ok) applySummary(res.conversation);
      else notice(res.error.message);
    },
    send(id, text, internal) {
      if (!outbox || text.trim() === '') return;
      actions.stopTyping(id);
      outbox.add({ clientId: newClientId(), conversationId: id, text, internal, createdAt: new Date().toISOString() });
    },
    retry: (clientId) => outbox?.retry(clientId),
    discard: (clientId) => outbox?.discard(clientId),
    noteTyping(id) {
      const state = (typingState[id] ??= { sentAt: 0, idle: null });
      const now = Date.now();
      if (now - state.sentAt > TYPING_THROTTLE_MS) {
        state.sentAt = now;
        socket?.emit('typing', { conversationId: id, typing: true });
      }
      if (state.idle) clearTimeout(state.idle);
      state.idle = setTimeout(() => actions.stopTyping(id), TYPING_IDLE_MS);
    },
    stopTyping(id) {
      const state = typingState[id];
      if (!state || state.sentAt === 0) return;
      if (state.idle) clearTimeout(state.idle);
      state.idle = null;
      state.sentAt = 0;
      socket?.emit('typing', { conversationId: id, typing: false });
    },
    markRead(id) {
      const s = store.get();
      const open = s.open[id];
      const agent = s.agent;
      if (!open || !agent) return;
      const seq = lastSeq(open.messages);
      if (seq > (s.readSeq[id] ?? 0)) {
        const readSeq = { ...s.readSeq, [id]: seq };
        store.set({ readSeq });
        storageSet(globalThis.localStorage, readSeqKey(agent.id), readSeq);
      }
      // The visitor is told up to its last visible message: an internal note's seq stays ours.
      const visible = [...open.messages].reverse().find((m) => !m.internal)?.seq ?? 0;
      if (visible > (readSent[id] ?? 0) && socket?.connected) {
        readSent[id] = visible;
        socket.emit('read', { conversationId: id, seq: visible });
      }
    },
    async setStatus(status) {
      desiredStatus = status;
      const res = await ack((s) => s.timeout(ACK_TIMEOUT_MS).emitWithAck('status:set', { status }));
      if (res.ok) store.set({ status });
      else notice(res.error.message);
    },
    dismissNotice: () => store.set({ notice: null }),
    async refreshAgents() {
      const { value } = await guarded(() => api.agents());
      if (value) store.set({ agents: value.agents });
    },
    async addAgent(input) {
      const { error } = await guarded(() => api.addAgent(input));
      if (!error) await actions.refreshAgents();
      return error;
    },
    async setAgentDisabled(id, disabled) {
      const { error } = await guarded(() => api.updateAgent(id, { disabled }));
      if (error) notice(error);
      await actions.refreshAgents();
    },
    async removeAgent(id) {
      const { error } = await guarded(() => api.removeAgent(id));
      if (error) notice(error);
      await actions.refreshAgents();
    },
    async refreshReplies() {
      const { value } = await guarded(() => api.replies());
      if (value) store.set({ replies: value.replies });
    },
    async saveReply(id, title, text) {
      const { error } = await guarded(() => (id ? api.updateReply(id, { title, text }) : api.addReply({ title, text })));
      if (!error) await actions.refreshReplies();
      return error;
    },
    async deleteReply(id) {
      const { error } = await guarded(() => api.removeReply(id));
      if (error) notice(error);
      await actions.refreshReplies();
    },
  };

  return {
    store,
    actions,
    async boot() {
      try {
        const { agent } = await api.me();
        startSession(agent);
      } catch {
        store.set({ phase: 'signed-out' });
      }
    },
  };
}
