/**
 * The slice of the Web Storage API the clients use. The browser passes localStorage or
 * sessionStorage; tests pass a Map-backed object. Every call is wrapped because storage throws
 * in private modes and when full, and a full disk must not break the chat.
 */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Reads and parses JSON; null when missing, unreadable or corrupt. */
export function readJson<T>(storage: StorageLike, key: string): T | null {
  try {
    const raw = storage.getItem(key);
    return raw === null ? null : (JSON.parse(raw) as T);
  } catch {
    return null;
  }
}

/** Writes JSON; returns false when storage refused (quota, privacy mode). */
export function writeJson(storage: StorageLike, key: string, value: unknown): boolean {
  try {
    storage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

/** Writes a plain string; returns false when storage refused. */
export function writeText(storage: StorageLike, key: string, value: string): boolean {
  try {
    storage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

/** Removes a key, ignoring storage errors. */
export function removeKey(storage: StorageLike, key: string): void {
  try {
    storage.removeItem(key);
  } catch {
    // Nothing to do: a key we cannot remove is a key we cannot read either.
  }
}

/** A Storage that forgets everything; used when localStorage is not available at all. */
export function memoryStorage(): StorageLike {
  const map = new Map<string, string>();
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}
