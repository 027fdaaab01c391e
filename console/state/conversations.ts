/**
 * The conversations the agent has open in tabs and the queue beside them: loading a
 * conversation, merging live messages, acks and syncs by seq (client/merge.ts), filling gaps
 * (client/seq-sync.ts), and the queue rows' previews, unread counts and typing marks.
 */
import type { ConversationId, ConversationSummary, Message } from '../../protocol/types.js';
import { isRetryable } from '../../protocol/errors.js';
import { contiguousSeq, mergeBySeq } from '../../client/merge.js';
import { createSeqSync, type SeqSync, type SyncAnswer } from '../../client/seq-sync.js';
import { applyMessage, freshestSummary, nextPreview, sortQueue, upsertQueue } from '../lib/queue.js';
import { ACK_TIMEOUT_MS, type Connection } from './connection.js';
import type { Store } from './store.js';
import type { ConsoleState, OpenConversation } from './state.js';

/** A visitor "typing" signal is shown this long unless renewed. */
export const TYPING_SHOWN_MS = 6_000;

export interface ConversationsDeps {
  store: Store<ConsoleState>;
  connection: Connection;
  /** The text of a request made while offline. */
  offlineText(): string;
  timing?: { sleep?: (ms: number) => Promise<void>; random?: () => number };
}

/**
 * The state with `messages` merged into everything that shows them: the open tab (by seq), the
 * queue row's preview, the visitor seqs behind the unread counts.
 */
export function withMessages(s: ConsoleState, id: ConversationId, messages: readonly Message[]): Partial<ConsoleState> {
  if (messages.length === 0) return {};
  const patch: Partial<ConsoleState> = {};
  const preview = nextPreview(s.preview[id], messages);
  if (preview && preview !== s.preview[id]) patch.preview = { ...s.preview, [id]: preview };
  const visitorSeqs = messages.filter((m) => m.author.kind === 'visitor').map((m) => m.seq);
  if (visitorSeqs.length > 0)
    patch.visitorSeqs = {
      ...s.visitorSeqs,
      [id]: [...new Set([...(s.visitorSeqs[id] ?? []), ...visitorSeqs])].sort((a, b) => a - b),
    };
  const open = s.open[id];
  const merged = open && mergeBySeq(open.messages, messages);
  if (open && merged !== open.messages) patch.open = { ...s.open, [id]: { ...open, messages: merged! } };
  return patch;
}

/** The state with a newer summary of a conversation in its queue row and open tab. */
export function withSummary(s: ConsoleState, conversation: ConversationSummary): Partial<ConsoleState> {
  const open = s.open[conversation.id];
  return {
    queue: upsertQueue(
      s.queue,
      freshestSummary(
        s.queue.find((c) => c.id === conversation.id),
        conversation,
      ),
    ),
    ...(open?.detail
      ? {
          open: {
            ...s.open,
            [conversation.id]: { ...open, detail: { ...open.detail, ...freshestSummary(open.detail, conversation) } },
          },
        }
      : {}),
  };
}

const emptyTab = (): OpenConversation => ({ detail: null, messages: [], loading: true, error: null, visitorReadSeq: 0 });

export function createConversations(deps: ConversationsDeps) {
  const { store, connection } = deps;
  const trackers = new Map<ConversationId, SeqSync>();
  const held = (id: ConversationId) => store.get().open[id];

  const patchOpen = (id: ConversationId, patch: (c: OpenConversation) => Partial<OpenConversation>) =>
    store.set((s) => {
      const current = s.open[id];
      return current ? { open: { ...s.open, [id]: { ...current, ...patch(current) } } } : {};
    });

  const mergeInto = (id: ConversationId, messages: readonly Message[]) => store.set((s) => withMessages(s, id, messages));

  function tracker(id: ConversationId): SeqSync {
    let sync = trackers.get(id);
    if (!sync) {
      sync = createSeqSync({
        request: async (afterSeq): Promise<SyncAnswer> => {
          const res = await connection.ack(
            (s) => s.timeout(ACK_TIMEOUT_MS).emitWithAck('messages:sync', { conversationId: id, afterSeq }),
            deps.offlineText(),
          );
          if (res.ok) return res.messages;
          return isRetryable(res.error.code) ? null : 'gone';
        },
        apply: (messages) => mergeInto(id, messages),
        ...deps.timing,
      });
      trackers.set(id, sync);
    }
    return sync;
  }

  async function load(id: ConversationId): Promise<void> {
    store.set((s) => ({ open: { ...s.open, [id]: s.open[id] ? { ...s.open[id], loading: true, error: null } : emptyTab() } }));
    const res = await connection.ack(
      (s) => s.timeout(ACK_TIMEOUT_MS).emitWithAck('conversation:get', { conversationId: id }),
      deps.offlineText(),
    );
    if (!res.ok) return patchOpen(id, () => ({ loading: false, error: res.error.message }));
    patchOpen(id, () => ({ detail: res.conversation, loading: false, error: null }));
    mergeInto(id, res.conversation.messages);
    const sync = tracker(id);
    sync.advance(contiguousSeq(held(id)?.messages ?? []));
    // Messages may have arrived between the server reading history and our merge.
    if (contiguousSeq(held(id)?.messages ?? []) < res.conversation.lastSeq) void sync.sync();
  }

  const applySummary = (conversation: ConversationSummary) => store.set((s) => withSummary(s, conversation));

  return {
    store,
    held,
    tracker,
    mergeInto,
    patchOpen,
    load,
    applySummary,
    /** Our own reply, acked: shown at its seq. */
    acked(message: Message): void {
      mergeInto(message.conversationId, [message]);
      if (held(message.conversationId)?.detail) tracker(message.conversationId).see(message.seq);
    },
    /** After a (re)connect: bring every open tab up to date. */
    resync(): void {
      for (const id of store.get().tabs) {
        if (!held(id)?.detail) void load(id);
        else void tracker(id).sync();
      }
    },
    /** A tab was closed: its tracker goes with it. */
    forget: (id: ConversationId) => trackers.delete(id),
    /** Signed out: forget every tracker. */
    reset: () => trackers.clear(),
  };
}

export type Conversations = ReturnType<typeof createConversations>;

/** The socket's live events about conversations, applied to the queue and the open tabs. */
export interface LiveDeps {
  /** Something the agent should notice while the tab is hidden. */
  alert: {
    newMessage(conversation: ConversationSummary, message: Message): void;
    newConversation(conversation: ConversationSummary): void;
  };
  now?: () => number;
}

export function liveHandlers(conversations: Conversations, deps: LiveDeps) {
  const { store, held, load, applySummary, mergeInto, tracker, patchOpen } = conversations;
  return {
    /** A live message: queue row, preview, the tab if open (with gap detection), an alert. */
    onMessage(message: Message): void {
      const id = message.conversationId;
      const before = store.get();
      if (message.author.kind === 'visitor') store.set((s) => ({ typingUntil: { ...s.typingUntil, [id]: 0 } }));
      store.set((s) => {
        const queue = applyMessage(s.queue, message);
        return queue === s.queue ? {} : { queue };
      });
      mergeInto(id, [message]);
      if (before.open[id]?.detail) tracker(id).see(message.seq);
      // A message of a conversation not yet in the queue is a new conversation: its
      // `conversation:updated` follows and alerts once for both.
      const row = before.queue.find((c) => c.id === id);
      if (row && message.author.kind === 'visitor') deps.alert.newMessage(row, message);
    },
    onQueue(conversations: ConversationSummary[]): void {
      store.set({ queue: sortQueue(conversations) });
      // A tab whose conversation left the queue while we were away was closed meanwhile:
      // fetch it again so its header and reply box say so.
      const inQueue = new Set(conversations.map((c) => c.id));
      for (const id of store.get().tabs) if (held(id)?.detail?.status === 'open' && !inQueue.has(id)) void load(id);
    },
    onUpdated(conversation: ConversationSummary): void {
      const isNew = conversation.status === 'open' && !store.get().queue.some((c) => c.id === conversation.id);
      applySummary(conversation);
      if (isNew) deps.alert.newConversation(conversation);
    },
    onVisitorTyping(id: ConversationId, typing: boolean): void {
      const until = typing ? (deps.now ?? Date.now)() + TYPING_SHOWN_MS : 0;
      store.set((s) => ({ typingUntil: { ...s.typingUntil, [id]: until } }));
    },
    onVisitorRead: (id: ConversationId, seq: number) =>
      patchOpen(id, (c) => ({ visitorReadSeq: Math.max(c.visitorReadSeq, seq) })),
  };
}

/** Opening and closing tabs. */
export function tabActions(conversations: Conversations) {
  const { store, held, load } = conversations;
  return {
    open(id: ConversationId): void {
      const s = store.get();
      store.set({ view: 'inbox', activeId: id, tabs: s.tabs.includes(id) ? s.tabs : [...s.tabs, id] });
      const open = held(id);
      if (!open || (!open.detail && !open.loading)) void load(id);
    },
    closeTab(id: ConversationId): void {
      const s = store.get();
      const at = s.tabs.indexOf(id);
      const tabs = s.tabs.filter((x) => x !== id);
      const { [id]: _closed, ...open } = s.open;
      const activeId = s.activeId === id ? (tabs[Math.min(at, tabs.length - 1)] ?? null) : s.activeId;
      conversations.forget(id);
      store.set({ tabs, open, activeId });
    },
  };
}
