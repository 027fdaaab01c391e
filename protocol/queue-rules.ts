/**
 * The queue's rules, one copy for both ends: the store keeps a conversation's wait and first
 * response by them as it saves each message (server/store/append.ts), the relay orders and
 * summarises the queue by them (server/relay/agent.ts, summaries.ts), and the console applies
 * them to live messages between summaries (console/lib/queue.ts). Pure code, no I/O.
 */
import type { AuthorKind, IsoTime, QueuePreview } from './types.js';

/** What the rules read of a message. */
export interface RuleMessage {
  author: { kind: AuthorKind };
  internal?: boolean;
  createdAt: IsoTime;
}

/** An agent's reply to the visitor. An internal note is not one: the visitor still waits. */
export function isAnswer(message: RuleMessage): boolean {
  return message.author.kind === 'agent' && message.internal !== true;
}

/**
 * The queue shows what people said: internal notes and automatic system lines are never a
 * row's last message or preview.
 */
export function isQueuePreview(message: Pick<RuleMessage, 'author' | 'internal'>): boolean {
  return message.internal !== true && message.author.kind !== 'system';
}

/** The newest message of `messages` (oldest first) a queue row shows, or null. */
export function lastQueuePreview<M extends Pick<RuleMessage, 'author' | 'internal'>>(messages: readonly M[]): M | null {
  for (let i = messages.length - 1; i >= 0; i--) if (isQueuePreview(messages[i]!)) return messages[i]!;
  return null;
}

/**
 * What a queue row keeps of a message it previews: its words, who said it and when, and the
 * names of its files, which the console shows ("📎 receipt.pdf") when there are no words.
 */
export function queuePreviewOf(message: {
  text: string;
  author: { kind: AuthorKind };
  createdAt: IsoTime;
  attachments?: readonly { name: string }[] | undefined;
}): QueuePreview {
  const files = previewFiles(message);
  return { text: message.text, authorKind: message.author.kind, createdAt: message.createdAt, ...(files ? { files } : {}) };
}

/** The names of a message's files as a preview keeps them: undefined when it carries none. */
export function previewFiles(message: { attachments?: readonly { name: string }[] | undefined }): string[] | undefined {
  const files = message.attachments?.map((file) => file.name) ?? [];
  return files.length > 0 ? files : undefined;
}

/**
 * Since when the visitor has waited after `message`: a visitor's message starts the wait unless
 * one is running, an answer ends it, anything else (a note, a system line) leaves it.
 */
export function waitingSinceAfter(waitingSince: IsoTime | null, message: RuleMessage): IsoTime | null {
  if (message.author.kind === 'visitor') return waitingSince ?? message.createdAt;
  return isAnswer(message) ? null : waitingSince;
}

/** When the conversation was first answered, after `message`: the first answer sets it, once. */
export function firstResponseAfter(firstResponseAt: IsoTime | null, message: RuleMessage): IsoTime | null {
  return firstResponseAt ?? (isAnswer(message) ? message.createdAt : null);
}

/** What queue order reads of a row. */
export interface QueueOrderRow {
  id: string;
  waitingSince: IsoTime | null;
  createdAt: IsoTime;
}

function time(iso: IsoTime | null): number {
  if (iso === null) return Number.POSITIVE_INFINITY;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}

/**
 * Queue order: the longest waiting first; conversations nobody waits on (answered last) after
 * them, oldest created first; the id breaks ties so both ends sort the same rows the same way.
 */
export function compareQueueRows(a: QueueOrderRow, b: QueueOrderRow): number {
  return (
    time(a.waitingSince) - time(b.waitingSince) ||
    time(a.createdAt) - time(b.createdAt) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
