/**
 * The console's controller: puts together the parts that each do one job (the socket's
 * lifecycle, the open conversations, the outbox, typing, read receipts, the HTTP calls, what is
 * saved in the browser) and gives components one `store` to read and one set of `actions`.
 * Nothing else talks to the server.
 */
import type { AnswerCard, SuggestedAnswer } from '../../protocol/answers.js';
import { io } from 'socket.io-client';
import { newClientId } from '../../protocol/client-ids.js';
import { queuePreviewOf } from '../../protocol/queue-rules.js';
import type { AttachmentRef } from '../../protocol/attachments.js';
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
import { ApiError, api as defaultApi } from '../lib/api.js';
import type { QueueFilter } from '../lib/queue.js';
import { previewLine, visitorTag } from '../lib/queue.js';
import { translate } from '../i18n/index.js';
import { errorText } from '../lib/error-text.js';
import { createAdmin, type Api } from './admin.js';
import { ACK_TIMEOUT_MS, createConnection, type AgentSocket, type Connection, type OpenSocket } from './connection.js';
import { createConversations, liveHandlers, tabActions, type Conversations } from './conversations.js';
import { createAgentOutbox, type AgentOutbox } from './outbox.js';
import {
  agentPersistence,
  browserStorage,
  preferredLocale,
  saveLocale,
  type AgentPersistence,
  type BrowserStorage,
} from './persist.js';
import { createReadReceipts } from './read-receipts.js';
import { createStore, type Store } from './store.js';
import { createTyping, type Typing } from './typing.js';
import { initialState, type ConsoleState, type View } from './state.js';

/** Agent list refresh (online dots, transfer targets). */
const AGENTS_REFRESH_MS = 30_000;

/** What components may do. */
export interface ConsoleActions {
  signIn(email: string, password: string): Promise<string | null>;
  signOut(): Promise<void>;
  setLocale(locale: Locale): void;
  setView(view: View): void;
  /** Shows the FAQ page with this answer open in the editor. */
  openFaqEntry(site: string, id: string): void;
  clearFaqFocus(): void;
  setFilter(filter: QueueFilter): void;
  openConversation(id: ConversationId): void;
  closeTab(id: ConversationId): void;
  reload(id: ConversationId): void;
  claim(id: ConversationId): Promise<void>;
  transfer(id: ConversationId, agentId: string): Promise<void>;
  close(id: ConversationId): Promise<void>;
  /** Queues a reply; with files already uploaded, the text may be empty. */
  send(id: ConversationId, text: string, internal: boolean, attachments?: AttachmentRef[]): void;
  /** Sends an FAQ answer as a card the visitor opens in the widget (search learns the visitor's wording). */
  sendCard(id: ConversationId, card: AnswerCard): void;
  /** FAQ entries and saved replies for the visitor's latest message; a sentence when that failed. */
  suggestAnswers(id: ConversationId): Promise<{ query: string; answers: SuggestedAnswer[] } | string>;
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

export interface ConsoleOptions {
  /** Opens the /agent socket; injectable so a test can point it at its server. @default socket.io-client `io` */
  connect?: OpenSocket;
  /** The HTTP calls. @default console/lib/api.ts */
  api?: Api;
  /** @default the browser's localStorage and sessionStorage */
  storage?: BrowserStorage;
  /** Retry timing of the reconnects, syncs and outbox (tests pin it). */
  timing?: { sleep?: (ms: number) => Promise<void>; random?: () => number };
}

/** A display name for the visitor of a conversation. */
export function visitorName(conversation: ConversationSummary, locale: Locale): string {
  return conversation.visitor.name?.trim() || translate(locale, 'visitor.anonymous', { id: visitorTag(conversation.visitor.id) });
}

/** What one signed-in session holds; all of it goes at sign-out. */
interface Session {
  outbox: AgentOutbox;
  stopSavingTabs: () => void;
  agentsTimer: ReturnType<typeof setInterval>;
}

/** Creates the controller; call `boot()` once the UI is mounted. */
export function createConsole(options: ConsoleOptions = {}): ConsoleController {
  const storage = options.storage ?? browserStorage();
  const api = options.api ?? defaultApi;
  const store = createStore<ConsoleState>(initialState(preferredLocale(storage)));
  const t = (key: Parameters<typeof translate>[1], vars?: Parameters<typeof translate>[2]) =>
    translate(store.get().locale, key, vars);
  const notice = (message: string) => store.set({ notice: t('conv.actionFailed', { message }) });
  const parts = createParts({ store, storage, api, options, t, notice, signOut: () => endSession(t('signedOut.expired')) });
  let session: Session | null = null;

  function startSession(agent: AgentProfile): void {
    const saved = agentPersistence(storage, agent.id);
    const { tabs, activeId } = saved.tabs();
    const open = Object.fromEntries(
      tabs.map((id) => [id, { detail: null, messages: [], loading: true, error: null, visitorReadSeq: 0 }]),
    );
    store.set({ phase: 'signed-in', agent, signInNotice: null, readSeq: saved.readSeq(), tabs, activeId, open });
    session = {
      outbox: parts.createOutbox(saved),
      stopSavingTabs: saveTabsOnChange(store, saved),
      agentsTimer: setInterval(() => void parts.admin.refreshAgents(), AGENTS_REFRESH_MS),
    };
    parts.connection.start();
    void parts.admin.refreshAgents();
    void parts.admin.refreshReplies();
  }

  async function endSession(signInNotice: string | null): Promise<void> {
    if (session) {
      clearInterval(session.agentsTimer);
      session.outbox.stop();
      session.stopSavingTabs();
      session = null;
    }
    parts.connection.stop();
    parts.conversations.reset();
    parts.resetStatus();
    store.set({ ...initialState(store.get().locale), phase: 'signed-out', signInNotice });
  }

  parts.setOutbox(() => session?.outbox ?? null);
  const actions = createActions({ store, parts, t, notice, startSession, endSession, storage, api });
  parts.setActions(actions);
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

/** Saves the open tabs whenever they (not the rest of the state) change. */
function saveTabsOnChange(store: Store<ConsoleState>, saved: AgentPersistence): () => void {
  let last = { tabs: store.get().tabs, activeId: store.get().activeId };
  return store.subscribe((s) => {
    if (s.tabs === last.tabs && s.activeId === last.activeId) return;
    last = { tabs: s.tabs, activeId: s.activeId };
    saved.saveTabs(last);
  });
}

interface PartsDeps {
  store: Store<ConsoleState>;
  storage: BrowserStorage;
  api: Api;
  options: ConsoleOptions;
  t: (key: Parameters<typeof translate>[1], vars?: Parameters<typeof translate>[2]) => string;
  notice(message: string): void;
  signOut(): Promise<void>;
}

/** The one-job parts, wired to each other and to the socket's events. */
function createParts({ store, api, options, t, notice, signOut }: PartsDeps) {
  let outbox: () => AgentOutbox | null = () => null;
  let actions: ConsoleActions | null = null;
  let desiredStatus: AgentStatus = 'online';
  const timing = options.timing ? { timing: options.timing } : {};

  const connection: Connection = createConnection({
    store,
    open: options.connect ?? ((path, opts) => io(path, opts) as AgentSocket),
    bind: (socket) =>
      bindEvents(socket, {
        store,
        live,
        t,
        signOut,
        outbox: () => outbox(),
        hello: (status) => {
          // A new socket starts "online" on the server; an agent who chose "away" stays away.
          if (status !== desiredStatus) void actions?.setStatus(desiredStatus);
          else store.set({ status });
        },
      }),
    onConnect: () => {
      conversations.resync();
      outbox()?.online();
    },
    onDisconnect: () => outbox()?.offline(),
    onSignedOut: () => void signOut(),
    sessionAlive: () => sessionAlive(api, signOut),
    ...timing,
  });
  const conversations: Conversations = createConversations({
    store,
    connection,
    offlineText: () => t('connection.offline'),
    ...timing,
  });
  const live = liveHandlers(conversations, { alert: hiddenTabAlerts(store, t, (id) => actions?.openConversation(id)) });

  return {
    connection,
    conversations,
    admin: createAdmin({ store, api, notice, onSignedOut: signOut }),
    typing: createTyping({ emit: (payload) => void connection.signal((s) => s.emit('typing', payload)) }) as Typing,
    createOutbox: (saved: AgentPersistence) => replyOutbox(saved, { store, connection, conversations, t, ...timing }),
    setOutbox: (get: () => AgentOutbox | null) => (outbox = get),
    outbox: () => outbox(),
    setActions: (value: ConsoleActions) => (actions = value),
    setDesiredStatus: (status: AgentStatus) => (desiredStatus = status),
    resetStatus: () => (desiredStatus = 'online'),
  };
}

/** The server hung up on purpose: still signed in? A 401 ends the session here. */
async function sessionAlive(api: Api, signOut: () => Promise<void>): Promise<boolean> {
  try {
    await api.me();
    return true;
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 401)) return true;
    await signOut();
    return false;
  }
}

/** A desktop notification and a beep, only while the console's tab is hidden. */
function hiddenTabAlerts(store: Store<ConsoleState>, t: PartsDeps['t'], open: (id: ConversationId) => void) {
  const hidden = () => typeof document !== 'undefined' && document.hidden;
  const name = (row: ConversationSummary) => visitorName(row, store.get().locale);
  return {
    newMessage(row: ConversationSummary, message: Message) {
      if (hidden())
        alertAgent(
          t('notify.newMessage', { name: name(row) }),
          previewLine(queuePreviewOf(message), t).slice(0, 140),
          row.id,
          () => open(row.id),
        );
    },
    newConversation(row: ConversationSummary) {
      if (hidden())
        alertAgent(
          t('notify.newConversation'),
          row.lastMessage ? previewLine(row.lastMessage, t).slice(0, 140) : name(row),
          row.id,
          () => open(row.id),
        );
    },
  };
}

interface EventDeps {
  store: Store<ConsoleState>;
  live: ReturnType<typeof liveHandlers>;
  t: PartsDeps['t'];
  signOut(): Promise<void>;
  outbox(): AgentOutbox | null;
  hello(status: AgentStatus): void;
}

/** Routes the socket's events to the part that handles each. */
function bindEvents(socket: AgentSocket, { store, live, t, signOut, outbox, hello }: EventDeps): void {
  socket.on('hello', ({ agent, status }) => {
    store.set({ agent });
    hello(status);
  });
  socket.on('queue', live.onQueue);
  socket.on('conversation:updated', live.onUpdated);
  socket.on('message:new', (message) => {
    outbox()?.settle(message.clientId);
    live.onMessage(message);
  });
  socket.on('typing', ({ conversationId, typing, from }) => from === 'visitor' && live.onVisitorTyping(conversationId, typing));
  socket.on('read', ({ conversationId, seq, by }) => by === 'visitor' && live.onVisitorRead(conversationId, seq));
  socket.on('error', (error) => {
    if (error.code === 'unauthorized' || error.code === 'forbidden') void signOut();
    else store.set({ notice: t('error.generic', { message: error.message }) });
  });
}

interface ReplyOutboxDeps {
  store: Store<ConsoleState>;
  connection: Connection;
  conversations: Conversations;
  t: PartsDeps['t'];
  timing?: ConsoleOptions['timing'];
}

/** The outbox of one session: saved in this tab, sent over the socket, shown when acked. */
function replyOutbox(saved: AgentPersistence, { store, connection, conversations, t, timing }: ReplyOutboxDeps): AgentOutbox {
  return createAgentOutbox({
    restored: saved.outbox(),
    onChange: (items) => {
      store.set({ outbox: items });
      saved.saveOutbox(items);
    },
    send: (item) =>
      connection.ack(
        (s) =>
          s.timeout(ACK_TIMEOUT_MS).emitWithAck('message:send', {
            conversationId: item.conversationId,
            clientId: item.clientId,
            text: item.text,
            ...(item.internal ? { internal: true } : {}),
            ...(item.attachments?.length ? { attachments: item.attachments.map((file) => file.id) } : {}),
            ...(item.card ? { card: { entryId: item.card.entryId } } : {}),
          }),
        t('connection.offline'),
      ),
    onSent: (item, result) => {
      const me = store.get().agent;
      conversations.acked({
        id: `local-${item.clientId}`,
        conversationId: item.conversationId,
        seq: result.seq,
        clientId: item.clientId,
        author: { kind: 'agent', id: me?.id, name: me?.name },
        text: item.text,
        createdAt: result.createdAt,
        ...(item.internal ? { internal: true } : {}),
        ...(item.attachments?.length ? { attachments: item.attachments } : {}),
        ...(item.card ? { card: item.card } : {}),
      });
    },
    ...(timing ? { timing } : {}),
  });
}

type Parts = ReturnType<typeof createParts>;

interface ActionsDeps {
  store: Store<ConsoleState>;
  parts: Parts;
  t: PartsDeps['t'];
  notice(message: string): void;
  startSession(agent: AgentProfile): void;
  endSession(signInNotice: string | null): Promise<void>;
  storage: BrowserStorage;
  api: Api;
}

/** The actions components call, each handed to the part that does it. */
function createActions({ store, parts, t, notice, startSession, endSession, storage, api }: ActionsDeps): ConsoleActions {
  const { connection, conversations, admin, typing } = parts;
  const { open: openConversation, closeTab } = tabActions(conversations);
  const tabs = { openConversation, closeTab };
  const readReceipts = createReadReceipts({
    store,
    save: (readSeq) => {
      const agent = store.get().agent;
      if (agent) agentPersistence(storage, agent.id).saveReadSeq(readSeq);
    },
    emit: (payload) => connection.signal((s) => s.emit('read', payload)),
  });
  const conversationAction = (event: 'conversation:claim' | 'conversation:close') => async (id: ConversationId) => {
    const res = await connection.ack(
      (s) => s.timeout(ACK_TIMEOUT_MS).emitWithAck(event, { conversationId: id }),
      t('connection.offline'),
    );
    if (res.ok) conversations.applySummary(res.conversation);
    else notice(res.error.message);
  };

  return {
    ...sessionActions({ store, t, startSession, endSession, storage, api }),
    setView: (view) => store.set({ view }),
    openFaqEntry: (site, id) => store.set({ view: 'faq', faqFocus: { site, id } }),
    clearFaqFocus: () => store.set({ faqFocus: null }),
    setFilter: (filter) => store.set({ filter }),
    ...tabs,
    reload: (id) => void conversations.load(id),
    claim: conversationAction('conversation:claim'),
    close: conversationAction('conversation:close'),
    async transfer(id, agentId) {
      const res = await connection.ack(
        (s) => s.timeout(ACK_TIMEOUT_MS).emitWithAck('conversation:transfer', { conversationId: id, agentId }),
        t('connection.offline'),
      );
      if (res.ok) conversations.applySummary(res.conversation);
      else notice(res.error.message);
    },
    ...outboxActions(parts),
    async suggestAnswers(id) {
      const res = await connection.ack(
        (s) => s.timeout(ACK_TIMEOUT_MS).emitWithAck('answers:suggest', { conversationId: id }),
        t('connection.offline'),
      );
      return res.ok ? { query: res.query, answers: res.answers } : res.error.message;
    },
    noteTyping: typing.note,
    stopTyping: typing.stop,
    markRead: readReceipts.markRead,
    async setStatus(status) {
      parts.setDesiredStatus(status);
      const res = await connection.ack(
        (s) => s.timeout(ACK_TIMEOUT_MS).emitWithAck('status:set', { status }),
        t('connection.offline'),
      );
      if (res.ok) store.set({ status });
      else notice(res.error.message);
    },
    dismissNotice: () => store.set({ notice: null }),
    ...admin,
  };
}

/** Signing in and out, and the language. */
function sessionActions({ store, t, startSession, endSession, storage, api }: Omit<ActionsDeps, 'parts' | 'notice'>) {
  return {
    async signIn(email: string, password: string): Promise<string | null> {
      try {
        const { agent } = await api.login(email, password);
        startSession(agent);
        return null;
      } catch (err) {
        if (err instanceof ApiError && (err.status === 401 || err.status === 400)) return t('signIn.wrong');
        return t('signIn.failed', { message: errorText(err) });
      }
    },
    async signOut(): Promise<void> {
      await api.logout().catch(() => undefined);
      const agent = store.get().agent;
      if (agent) agentPersistence(storage, agent.id).forgetSession();
      await endSession(null);
    },
    setLocale(locale: Locale): void {
      saveLocale(storage, locale);
      store.set({ locale });
    },
  };
}

/** Replies: queued in the outbox, retried, discarded. */
function outboxActions(parts: Parts) {
  return {
    send(id: ConversationId, text: string, internal: boolean, attachments?: AttachmentRef[]): void {
      const outbox = parts.outbox();
      if (!outbox || (text.trim() === '' && !attachments?.length)) return;
      parts.typing.stop(id);
      const files = attachments?.length ? { attachments } : {};
      outbox.add({ clientId: newClientId(), conversationId: id, text, internal, createdAt: new Date().toISOString(), ...files });
    },
    sendCard(id: ConversationId, card: AnswerCard): void {
      const outbox = parts.outbox();
      if (!outbox) return;
      parts.typing.stop(id);
      const createdAt = new Date().toISOString();
      outbox.add({ clientId: newClientId(), conversationId: id, text: card.title, internal: false, card, createdAt });
    },
    retry: (clientId: string) => parts.outbox()?.retry(clientId),
    discard: (clientId: string) => parts.outbox()?.discard(clientId),
  };
}
