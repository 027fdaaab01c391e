/**
 * The panel's UI state in a tiny external store, so the loader's imperative commands (open,
 * search, setLocale…) and the Preact tree read and write the same thing.
 */
import type { Locale } from '../../protocol/types.js';
import type { Identity } from '../loader/contract.js';

export type View = 'search' | 'article' | 'chat';

export interface UiState {
  open: boolean;
  view: View;
  query: string;
  articleId: string | null;
  /** Where the article's Back returns: the chat when the visitor opened it there, else search. */
  back?: View;
  /** The locale whose panel strings are loaded (setLocale waits for them before switching). */
  locale: Locale;
  user: Identity | undefined;
  /** Bumped when focus should move into the panel (a person opened it). */
  focusTick: number;
  /** Agent messages the visitor has not seen yet. */
  unread: number;
}

export interface Store<T> {
  get(): T;
  set(patch: Partial<T>): void;
  subscribe(listener: (value: T) => void): () => void;
}

/** A minimal observable value; listeners run synchronously after each `set`. */
export function createStore<T extends object>(initial: T): Store<T> {
  let value = initial;
  const listeners = new Set<(value: T) => void>();
  return {
    get: () => value,
    set(patch) {
      value = { ...value, ...patch };
      for (const listener of listeners) listener(value);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
