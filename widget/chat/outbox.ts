/**
 * The visitor's outbox: the shared client outbox, kept in localStorage under the site's key so
 * a message typed just before a reload is sent after it.
 */
import type { AttachmentRef } from '../../protocol/attachments.js';
import type { VisitorContext } from '../../protocol/types.js';
import { createOutbox, type Outbox, type OutboxItem } from '../../client/outbox.js';
import { readJson, writeJson, type StorageLike } from '../../client/storage.js';

export interface VisitorOutboxItem extends OutboxItem {
  text: string;
  /** Files uploaded already (the attachment chunk did it); the message carries their ids. */
  attachments?: AttachmentRef[];
  /** Page context, on the message that opens a conversation. */
  context?: VisitorContext;
}

export type VisitorOutbox = Outbox<VisitorOutboxItem>;

/** The outbox stored as one JSON array under `key`. */
export function createVisitorOutbox(storage: StorageLike, key: string): VisitorOutbox {
  return createOutbox<VisitorOutboxItem>(readJson(storage, key), (items) => writeJson(storage, key, items));
}
