/**
 * Answers offered at the last step: the console's suggested answers for a visitor's latest
 * message, the answer card an agent sends (a button in the widget that opens the article), and
 * the wordings search learns from use (learned phrasings of an FAQ entry).
 */
import type { IsoTime, Locale } from './types.js';

/** An FAQ answer sent in a chat message: the widget shows a button that opens the article. */
export interface AnswerCard {
  entryId: string;
  /** The entry's question when the card was sent. */
  title: string;
}

/** Who taught search a wording: visitors whose query led to a helpful answer, or an agent's card. */
export type PhrasingSource = 'visitor' | 'agent';

/** A visitor's wording stored as an alternate phrasing of an FAQ entry. */
export interface LearnedPhrasing {
  id: string;
  entryId: string;
  locale: Locale;
  /** The wording as typed, trimmed and with whitespace collapsed. */
  text: string;
  /** `agent` once any agent linked it. */
  source: PhrasingSource;
  /** Distinct visitors whose query led to the answer they voted helpful. */
  visitors: number;
  /** Searched by visitors: after `learnAfterVisitors` distinct visitors, or one agent link. */
  promoted: boolean;
  createdAt: IsoTime;
}

/** One suggestion for the agent: an FAQ entry (sendable as a card) or a saved reply. */
export interface SuggestedAnswer {
  kind: 'faq' | 'reply';
  id: string;
  title: string;
  /** The entry's excerpt or the saved reply's text. */
  text: string;
  locale?: Locale;
}

/** The limits of learning and suggesting. */
export const ANSWERS = {
  /** Distinct visitors before a visitor-learned wording is searched (site setting `learnAfterVisitors`). */
  learnAfterVisitors: 3,
  /** Candidate wordings (not yet searched) kept per entry (site setting `learnCandidatesPerAnswer`). */
  learnCandidatesPerAnswer: 50,
  /** A helpful vote teaches the visitor's last query only if it came this recently. */
  queryWindowMinutes: 30,
  /** Longest wording kept, in characters. */
  maxText: 200,
  /** Suggestions sent to the console at most. */
  suggestions: 5,
} as const;
