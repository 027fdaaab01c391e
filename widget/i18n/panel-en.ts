/**
 * English strings of the panel shell and the search view: the only strings a visitor who just
 * searches downloads. A lazy chunk of its own (runtime.ts `loadStrings`), so a Persian page never
 * downloads them and an English one never downloads panel-fa.ts (size budget).
 */
import { LAUNCHER_LABEL } from './launcher.js';

export const strings = {
  openHelp: LAUNCHER_LABEL.en,
  panelTitle: 'Help',
  close: 'Close',
  search: 'Search',
  searchPlaceholder: 'Search for answers',
  popular: 'Popular questions',
  closest: 'Closest answers',
  results: 'Answers',
  resultCount: '{count} answers',
  resultCount_one: '{count} answer',
  chatLoading: 'Opening the chat…',
  noResults: 'No answers match “{query}”.',
  loading: 'Loading…',
  loadFailed: 'Could not load the answers. Check your connection and try again.',
  tryAgain: 'Try again',
  notSetUp: "Help isn't set up for this page yet.",
  talkToPerson: 'Talk to a person',
  onlineReplyMinutes: 'We usually reply in about {minutes} minutes',
  onlineReplyMinutes_one: 'We usually reply in about a minute',
  onlineReplySoon: 'We are online',
  offlineNote: 'Nobody is online right now. Leave a message and we will reply by email.',
  offlineNoteHere: 'Nobody is online right now. Leave a message and we will answer here when you come back.',
  errorGeneric: 'Something went wrong. Please try again.',
} as const;

export type PanelKey = keyof typeof strings;
