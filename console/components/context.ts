/** What every component needs: the state, the actions, and strings in the agent's language. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Locale } from '../../protocol/types.js';
import type { Translate } from '../i18n/index.js';
import type { ConsoleActions } from '../state/console.js';
import type { ConsoleState } from '../state/state.js';

export interface ConsoleContextValue {
  state: ConsoleState;
  actions: ConsoleActions;
  t: Translate;
  locale: Locale;
}

export const ConsoleContext = createContext<ConsoleContextValue | null>(null);

/** The console context; throws when a component is rendered outside <App>. */
export function useConsole(): ConsoleContextValue {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('useConsole() outside <ConsoleContext.Provider>');
  return value;
}
