/**
 * Messages the visitor wrote that the server has not acknowledged yet, keyed by clientId and
 * persisted on every change, so a message typed just before a reload is sent after it (issue 4).
 */
import type { ClientId, IsoTime, VisitorContext } from '../../protocol/types.js';
import type { ErrorCode } from '../../protocol/events.js';
import { readJson, writeJson, type StorageLike } from './storage.js';

export type OutboxState = 'sending' | 'retrying' | 'failed';

export interface OutboxItem {
  clientId: ClientId;
  text: string;
  context?: VisitorContext;
  createdAt: IsoTime;
  /** Attempts made so far; 0 until the first send finishes. */
  attempts: number;
  state: OutboxState;
  /** Set when the server refused the message for good. */
  error?: ErrorCode;
}

export interface Outbox {
  /** Items in the order they were written (the order they must be sent). */
  list(): OutboxItem[];
  get(clientId: ClientId): OutboxItem | undefined;
  add(item: Pick<OutboxItem, 'clientId' | 'text' | 'context' | 'createdAt'>): OutboxItem;
  update(clientId: ClientId, patch: Partial<Omit<OutboxItem, 'clientId'>>): void;
  remove(clientId: ClientId): void;
  clear(): void;
}

function isItem(value: unknown): value is OutboxItem {
  const item = value as OutboxItem | null;
  return !!item && typeof item.clientId === 'string' && typeof item.text === 'string';
}

/**
 * An outbox stored as one JSON array under `key`. Items read back after a reload are put back in
 * `sending` unless they had failed for good.
 */
export function createOutbox(storage: StorageLike, key: string): Outbox {
  const stored = readJson<unknown[]>(storage, key);
  let items: OutboxItem[] = Array.isArray(stored)
    ? stored.filter(isItem).map((item) => (item.state === 'failed' ? item : { ...item, state: 'sending' as const }))
    : [];

  const save = () => writeJson(storage, key, items);

  return {
    list: () => items.slice(),
    get: (clientId) => items.find((item) => item.clientId === clientId),
    add(fields) {
      const existing = items.find((item) => item.clientId === fields.clientId);
      if (existing) return existing;
      const item: OutboxItem = { ...fields, attempts: 0, state: 'sending' };
      if (!item.context) delete item.context;
      items = [...items, item];
      save();
      return item;
    },
    update(clientId, patch) {
      items = items.map((item) => (item.clientId === clientId ? { ...item, ...patch } : item));
      save();
    },
    remove(clientId) {
      items = items.filter((item) => item.clientId !== clientId);
      save();
    },
    clear() {
      items = [];
      save();
    },
  };
}
