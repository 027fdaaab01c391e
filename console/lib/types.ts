/**
 * Shapes of the console's HTTP API (the lead's server/http routes). Copied rather than imported
 * from server/: the console never imports server code.
 */
import type { AgentProfile } from '../../protocol/types.js';

export interface AgentListItem extends AgentProfile {
  online: boolean;
}

export interface SavedReply {
  id: string;
  title: string;
  text: string;
  updatedAt: string;
}

/** Mirrors FaqInsights in server/store/store.ts. */
export interface FaqInsights {
  searches: number;
  zeroHit: { query: string; count: number }[];
  topQueries: { query: string; count: number; hits: number }[];
  views: { articleId: string; count: number }[];
  helpful: { articleId: string; yes: number; no: number }[];
}

/** Mirrors SurveyStats in server/store/store.ts. */
export interface SurveyStats {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  nps: number | null;
}

export interface Insights {
  faq: FaqInsights;
  survey: SurveyStats;
}
