/**
 * The English catalog defines the keys; fa.ts must have every one of them (its type says so).
 * `{name}` placeholders are filled by `t()`; numbers passed as params are formatted per locale.
 */
import { LAUNCHER_LABEL } from './launcher.js';

export const en = {
  openHelp: LAUNCHER_LABEL.en,
  panelTitle: 'Help',
  close: 'Close',
  back: 'Back',
  search: 'Search',
  searchPlaceholder: 'Search for answers',
  popular: 'Popular questions',
  results: 'Answers',
  resultCount: '{count} answers',
  chatLoading: 'Opening the chat…',
  noResults: 'No answers match “{query}”.',
  loading: 'Loading…',
  loadFailed: 'Could not load the answers. Check your connection and try again.',
  tryAgain: 'Try again',
  wasHelpful: 'Was this helpful?',
  yes: 'Yes',
  no: 'No',
  thanksFeedback: 'Thanks for your feedback.',
  talkToPerson: 'Talk to a person',
  backToSearch: 'Search answers',
  onlineReplyMinutes: 'We usually reply in about {minutes} minutes',
  onlineReplySoon: 'We are online',
  offlineNote: 'Nobody is online right now. Leave a message and we will reply by email.',
  messages: 'Messages',
  message: 'Message',
  send: 'Send',
  you: 'You',
  agent: 'Support',
  sending: 'Sending…',
  retrying: 'Not sent yet, retrying…',
  sent: 'Sent',
  seen: 'Seen',
  failed: 'Not sent',
  dismiss: 'Remove',
  typing: '{name} is typing…',
  connecting: 'Connecting…',
  disconnected: 'Connection lost. Your messages will be sent when it returns.',
  chatEmpty: 'Ask us anything. A person will answer here.',
  email: 'Email',
  name: 'Name (optional)',
  leaveMessage: 'Send message',
  offlineSent: 'Thanks. We will reply to {email}.',
  surveyQuestion: 'How likely are you to recommend us to a friend?',
  surveyLow: 'Not likely',
  surveyHigh: 'Very likely',
  surveyScore: '{score} out of 10',
  surveyThanks: 'Thank you for rating this conversation.',
  conversationClosed: 'This conversation was closed.',
  errorGeneric: 'Something went wrong. Please try again.',
} as const;

export type MessageKey = keyof typeof en;
/** A catalog: one string for every key of the English one. */
export type Catalog = Record<MessageKey, string>;
