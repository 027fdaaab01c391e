/**
 * Pure queue logic: ordering, filters and unread counts. The console's state calls these; tests
 * call them directly.
 */
import { compareQueueRows, isQueuePreview, previewFiles, queuePreviewOf, waitingSinceAfter } from '../../protocol/queue-rules.js';
import type { AgentId, AuthorKind, ConversationId, ConversationSummary } from '../../protocol/types.js';
import type { Vars } from '../i18n/index.js';

export type QueueFilter = 'unassigned' | 'mine' | 'all';
export const QUEUE_FILTERS: readonly QueueFilter[] = ['unassigned', 'mine', 'all'];

/**
 * Oldest waiting first (the server's order, kept as live updates arrive); conversations where
 * nothing waits follow, oldest created first. The rule is protocol/queue-rules.ts's.
 */
export function sortQueue(queue: readonly ConversationSummary[]): ConversationSummary[] {
  return [...queue].sort(compareQueueRows);
}

/** Inserts or replaces a conversation; a closed one leaves the queue. Keeps the order. */
export function upsertQueue(queue: readonly ConversationSummary[], conversation: ConversationSummary): ConversationSummary[] {
  const rest = queue.filter((c) => c.id !== conversation.id);
  return sortQueue(conversation.status === 'open' ? [...rest, conversation] : rest);
}

/**
 * A `conversation:updated` summary against what the console holds. The server sends none for a
 * plain message, so a summary read before a message the console has already applied (from
 * `message:new`) can arrive after it: its last message and wait are then older than the row's
 * and are not taken back; the rest (assignee, status, context, visitor) is newer and is.
 */
export function freshestSummary(held: ConversationSummary | undefined, summary: ConversationSummary): ConversationSummary {
  if (held === undefined || summary.lastSeq >= held.lastSeq) return summary;
  return {
    ...summary,
    lastSeq: held.lastSeq,
    lastMessage: held.lastMessage,
    waitingSince: summary.status === 'open' ? held.waitingSince : null,
  };
}

/** What a live message tells a queue row; the fields of Message it reads. */
export interface LiveMessage {
  conversationId: ConversationId;
  seq: number;
  text: string;
  createdAt: string;
  internal?: boolean;
  author: { kind: AuthorKind };
  attachments?: readonly { name: string }[];
}

/**
 * A live message applied to its queue row, by the rules the store keeps (protocol/queue-rules.ts):
 * the server sends `conversation:updated` only when something a message cannot tell changes
 * (a new conversation, new context, an assignee), so the row's last message and wait time are
 * kept here. Re-sorted, since the wait orders the queue; an old or unknown message changes nothing.
 */
export function applyMessage(queue: ConversationSummary[], message: LiveMessage): ConversationSummary[] {
  const row = queue.find((c) => c.id === message.conversationId);
  if (!row || message.seq <= row.lastSeq) return queue;
  const waitingSince = waitingSinceAfter(row.waitingSince, message);
  const next: ConversationSummary = {
    ...row,
    lastSeq: message.seq,
    lastMessage: isQueuePreview(message) ? queuePreviewOf(message) : row.lastMessage,
    waitingSince,
  };
  return waitingSince === row.waitingSince ? queue.map((c) => (c === row ? next : c)) : upsertQueue(queue, next);
}

/** The rows a filter shows. */
export function filterQueue(queue: readonly ConversationSummary[], filter: QueueFilter, me: AgentId): ConversationSummary[] {
  if (filter === 'unassigned') return queue.filter((c) => c.assignee === null);
  if (filter === 'mine') return queue.filter((c) => c.assignee?.id === me);
  return [...queue];
}

/** Per conversation: what the agent has seen, and the visitor messages known to exist. */
export interface UnreadInput {
  /** Highest seq the agent has had on screen. */
  readSeq: number;
  /** Seqs of visitor messages this console has received (history or live). */
  visitorSeqs: readonly number[];
}

/**
 * Unread visitor messages. Counted from the messages we have; when we have none newer than
 * `readSeq` but the summary says the visitor spoke last after it, that is at least one.
 */
export function unreadCount(conversation: ConversationSummary, input: UnreadInput): number {
  const known = input.visitorSeqs.filter((s) => s > input.readSeq).length;
  const summarySaysUnread = conversation.lastMessage?.authorKind === 'visitor' && conversation.lastSeq > input.readSeq;
  return Math.max(known, summarySaysUnread ? 1 : 0);
}

/** The conversation `step` rows away from `current` in `ids`, wrapping; the first when none is current. */
export function neighbour(ids: readonly ConversationId[], current: ConversationId | null, step: 1 | -1): ConversationId | null {
  if (ids.length === 0) return null;
  const at = current === null ? -1 : ids.indexOf(current);
  if (at === -1) return step === 1 ? (ids[0] ?? null) : (ids[ids.length - 1] ?? null);
  return ids[(at + step + ids.length) % ids.length] ?? null;
}

/** The short tag shown for an anonymous visitor: "Visitor #" + the last four characters of its id. */
export function visitorTag(visitorId: string): string {
  return visitorId.slice(-4).toUpperCase();
}

/** The newest message worth previewing that this console has seen (not internal, not system). */
export interface Preview {
  seq: number;
  text: string;
  /** The names of its files; absent when none. */
  files?: readonly string[];
}

/** The console strings a preview line may need. */
export type PreviewStrings = (key: 'queue.file' | 'queue.files', vars: Vars) => string;

/**
 * A preview's line: its words, or for files sent alone their name ("📎 receipt.pdf") or their
 * count ("📎 2 files"), in the console's language.
 */
export function previewLine(preview: { text: string; files?: readonly string[] | undefined }, t: PreviewStrings): string {
  const files = preview.files ?? [];
  if (preview.text.trim() !== '' || files.length === 0) return preview.text;
  return files.length === 1 ? t('queue.file', { name: files[0]! }) : t('queue.files', { n: files.length });
}

/**
 * The line a queue row shows. The summary's last message is authoritative, but when it is an
 * automatic system line ("we will reply soon"), the visitor's own words say more: use the newest
 * visitor or agent message seen live instead.
 */
export function previewText(conversation: ConversationSummary, seen: Preview | undefined, t: PreviewStrings): string | null {
  const last = conversation.lastMessage;
  const shown = last && last.authorKind !== 'system' ? last : (seen ?? last);
  return shown ? previewLine(shown, t) : null;
}

/** Keeps the newest previewable message of a batch; returns `current` when nothing newer came. */
export function nextPreview(
  current: Preview | undefined,
  messages: readonly {
    seq: number;
    text: string;
    internal?: boolean;
    author: { kind: AuthorKind };
    attachments?: readonly { name: string }[];
  }[],
): Preview | undefined {
  let best = current;
  for (const m of messages) {
    if (!isQueuePreview(m)) continue;
    if (!best || m.seq > best.seq) {
      const files = previewFiles(m);
      best = { seq: m.seq, text: m.text, ...(files ? { files } : {}) };
    }
  }
  return best;
}
