/**
 * Shapes of the console's HTTP API (docs/architecture.md, "HTTP routes"): the server returns them, the console
 * reads them. Pure types.
 */
import type { AnswerStats, AtRiskVisitor, InsightSeries } from './insights.js';
import type { AgentProfile } from './types.js';

export interface AgentListItem extends AgentProfile {
  online: boolean;
}

/** `GET /api/sites`: the sites an agent serves (all of them for an admin). */
export interface SiteSummary {
  key: string;
  /** In the site's own language. */
  name: string;
  /** In each language, for a visitor of that language. */
  names: Record<'en' | 'fa', string>;
}

export interface SavedReply {
  id: string;
  title: string;
  text: string;
  updatedAt: string;
}

export interface FaqInsights {
  searches: number;
  /** Most frequent queries that found nothing: what the FAQ is missing. */
  zeroHit: { query: string; count: number }[];
  topQueries: { query: string; count: number; hits: number }[];
  views: { articleId: string; count: number }[];
  helpful: { articleId: string; yes: number; no: number }[];
}

export interface SurveyStats {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** -100…100, null without responses. */
  nps: number | null;
}

/** `GET /api/insights` */
export interface Insights {
  site: string;
  days: number;
  faq: FaqInsights;
  survey: SurveyStats;
  /** One point per UTC day of the period, for the charts. */
  series: InsightSeries;
  answers: AnswerStats[];
  atRisk: AtRiskVisitor[];
}
