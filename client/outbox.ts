/**
 * Messages written but not acknowledged yet, keyed by clientId, in the order written, handed
 * to `save` on every change so a message typed just before a reload is sent after it.
 */
import type { ClientId, IsoTime } from '../protocol/types.js';

export type OutboxState = 'sending' | 'retrying' | 'failed';

/** What every outbox item has; each client adds its payload fields. */
export interface OutboxItem {
  clientId: ClientId;
  createdAt: IsoTime;
  /** Attempts made so far; 0 until the first send finishes. */
  attempts: number;
  state: OutboxState;
  /** Why it failed for good (or why the last attempt failed), for the UI. */
  error?: { code: string; message: string };
}

export interface Outbox<T extends OutboxItem> {
  /** Items in the order they were written (the order they must be sent). */
  list(): readonly T[];
  get(clientId: ClientId): T | undefined;
  /** Adds an item in state `sending`; a clientId already held is not added twice. */
  add(fields: Omit<T, 'attempts' | 'state' | 'error'>): T;
  update(clientId: ClientId, patch: Partial<Omit<T, 'clientId'>>): void;
  remove(clientId: ClientId): void;
  clear(): void;
}

function isItem(value: unknown): value is OutboxItem {
  const item = value as OutboxItem | null;
  return !!item && typeof item.clientId === 'string' && typeof item.createdAt === 'string';
}

/**
 * An outbox starting from `stored` (what a previous page saved; anything unreadable is dropped)
 * and calling `save` with the whole list after each change. Items read back are put back in
 * `sending` unless they had failed for good.
 */
export function createOutbox<T extends OutboxItem>(stored: unknown, save: (items: readonly T[]) => void = () => {}): Outbox<T> {
  let items: T[] = Array.isArray(stored)
    ? (stored.filter(isItem) as T[]).map((item) => (item.state === 'failed' ? item : { ...item, state: 'sending' as const }))
    : [];
  const set = (next: T[]) => {
    items = next;
    save(items);
  };
  const find = (clientId: ClientId) => items.find((item) => item.clientId === clientId);

  return {
    list: () => items,
    get: find,
    add(fields) {
      const existing = find(fields.clientId);
      if (existing) return existing;
      const item = { ...fields, attempts: 0, state: 'sending' } as T;
      set([...items, item]);
      return item;
    },
    update(clientId, patch) {
      set(items.map((item) => (item.clientId === clientId ? { ...item, ...patch } : item)));
    },
    remove(clientId) {
      if (find(clientId)) set(items.filter((item) => item.clientId !== clientId));
    },
    clear: () => set([]),
  };
}
