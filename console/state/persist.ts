/**
 * What the console keeps in the browser: the language (localStorage), how far the agent has
 * read (localStorage, per agent), and, for a reload of this tab only, the unsent replies and the
 * open tabs (sessionStorage, per agent). Storage may be missing or refuse: every read falls back
 * and every write is best effort.
 */
import type { ConversationId, Locale } from '../../protocol/types.js';
import { readJson, removeKey, writeJson, type StorageLike } from '../../client/storage.js';

const LOCALE_KEY = 'pasokh.console.locale';
const keys = (agentId: string) => ({
  readSeq: `pasokh.console.read.${agentId}`,
  outbox: `pasokh.console.outbox.${agentId}`,
  tabs: `pasokh.console.tabs.${agentId}`,
});

export interface SavedTabs {
  tabs: ConversationId[];
  activeId: ConversationId | null;
}

export interface BrowserStorage {
  local?: StorageLike | undefined;
  session?: StorageLike | undefined;
}

/** The storage of this browser, where there is one. */
export function browserStorage(): BrowserStorage {
  return { local: globalThis.localStorage, session: globalThis.sessionStorage };
}

/** The saved language, else the browser's if it is Persian, else English. */
export function preferredLocale(storage: BrowserStorage, language = globalThis.navigator?.language ?? ''): Locale {
  const saved = storage.local && readJson<unknown>(storage.local, LOCALE_KEY);
  if (saved === 'en' || saved === 'fa') return saved;
  return /^fa\b/i.test(language) ? 'fa' : 'en';
}

export function saveLocale(storage: BrowserStorage, locale: Locale): void {
  if (storage.local) writeJson(storage.local, LOCALE_KEY, locale);
}

/** One agent's saved console state. */
export function agentPersistence(storage: BrowserStorage, agentId: string) {
  const key = keys(agentId);
  const read = <T>(where: StorageLike | undefined, k: string): T | null => (where ? readJson<T>(where, k) : null);
  const write = (where: StorageLike | undefined, k: string, value: unknown) => where && writeJson(where, k, value);
  return {
    readSeq: (): Record<ConversationId, number> => read<Record<ConversationId, number>>(storage.local, key.readSeq) ?? {},
    saveReadSeq: (value: Record<ConversationId, number>) => write(storage.local, key.readSeq, value),
    outbox: (): unknown => read<unknown>(storage.session, key.outbox),
    saveOutbox: (items: readonly unknown[]) => write(storage.session, key.outbox, items),
    /** The tabs of before a reload: at most 20 ids, and an active one among them. */
    tabs(): SavedTabs {
      const saved = read<Partial<SavedTabs>>(storage.session, key.tabs);
      const tabs = Array.isArray(saved?.tabs) ? saved.tabs.filter((x): x is string => typeof x === 'string').slice(0, 20) : [];
      const activeId = saved?.activeId && tabs.includes(saved.activeId) ? saved.activeId : (tabs[0] ?? null);
      return { tabs, activeId };
    },
    saveTabs: (value: SavedTabs) => write(storage.session, key.tabs, value),
    /** Signing out forgets this tab's unsent replies and tabs (the read marks stay). */
    forgetSession() {
      if (!storage.session) return;
      removeKey(storage.session, key.outbox);
      removeKey(storage.session, key.tabs);
    },
  };
}

export type AgentPersistence = ReturnType<typeof agentPersistence>;
