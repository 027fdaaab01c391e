/**
 * Which visitors are "at risk" of leaving unhappy, and why. One rule, pure: the server applies
 * it both to the visitor panel of a conversation and to the insights list.
 */
import type { IsoTime } from './types.js';

/** The thresholds, exported so a store can prefilter candidates with the same numbers. */
export const RISK_RULES = {
  /** A survey score at or below this is a detractor (the NPS definition: 0–6). */
  detractorMax: 6,
  /** This many "not helpful" votes within `lookbackDays` mark a visitor. */
  notHelpfulVotes: 2,
  /** This many conversations within `frequentDays` mark a visitor. */
  frequentConversations: 3,
  frequentDays: 14,
  /** How far back surveys and votes count. */
  lookbackDays: 30,
} as const;

/** What a visitor did that the rule looks at; times are ISO strings, in any order. */
export interface RiskSignals {
  surveys: { score: number; at: IsoTime }[];
  notHelpfulVotes: IsoTime[];
  conversations: IsoTime[];
}

export type RiskReason =
  | { kind: 'detractor'; score: number }
  | { kind: 'not_helpful'; votes: number }
  | { kind: 'frequent'; conversations: number; days: number };

const DAY_MS = 24 * 3600 * 1000;

/**
 * The reasons a visitor is at risk, empty when it is not. Only the visitor's latest survey in
 * the lookback counts: a detractor who later answers 9 has been won back.
 */
export function assessRisk(signals: RiskSignals, now: Date): RiskReason[] {
  const within = (at: IsoTime, days: number) => {
    const t = Date.parse(at);
    return t >= now.getTime() - days * DAY_MS && t <= now.getTime();
  };
  const reasons: RiskReason[] = [];
  const recentSurveys = signals.surveys.filter((s) => within(s.at, RISK_RULES.lookbackDays));
  const latest = recentSurveys.reduce<RiskSignals['surveys'][number] | null>(
    (a, b) => (a === null || Date.parse(b.at) > Date.parse(a.at) ? b : a),
    null,
  );
  if (latest && latest.score <= RISK_RULES.detractorMax) reasons.push({ kind: 'detractor', score: latest.score });
  const votes = signals.notHelpfulVotes.filter((at) => within(at, RISK_RULES.lookbackDays)).length;
  if (votes >= RISK_RULES.notHelpfulVotes) reasons.push({ kind: 'not_helpful', votes });
  const chats = signals.conversations.filter((at) => within(at, RISK_RULES.frequentDays)).length;
  if (chats >= RISK_RULES.frequentConversations)
    reasons.push({ kind: 'frequent', conversations: chats, days: RISK_RULES.frequentDays });
  return reasons;
}
