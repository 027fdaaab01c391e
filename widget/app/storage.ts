/**
 * localStorage when the browser lets us use it; otherwise (blocked third-party storage, private
 * modes) a memory store, so the chat still works for this page view.
 */
import { memoryStorage, type StorageLike } from '../../client/storage.js';

let cached: StorageLike | undefined;

/** The storage the widget keeps the token and outbox in. */
export function widgetStorage(): StorageLike {
  if (cached) return cached;
  try {
    const probe = 'pasokh:probe';
    localStorage.setItem(probe, '1');
    localStorage.removeItem(probe);
    cached = localStorage;
  } catch {
    cached = memoryStorage();
  }
  return cached;
}
