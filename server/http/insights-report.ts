/**
 * Builds the insights report of one site: the store's aggregates, answers named by their
 * titles from the site's FAQ, and the visitors the at-risk rule marks.
 */
import { assessRisk } from '../../protocol/at-risk.js';
import type { Insights } from '../../protocol/http.js';
import type { AtRiskVisitor } from '../../protocol/insights.js';
import type { SiteKey } from '../../protocol/types.js';
import type { FaqLibrary } from '../faq/index.js';
import type { Store } from '../store/store.js';

/** The periods the console offers; any other value is rejected rather than guessed. */
export const INSIGHT_PERIODS = [7, 30, 90] as const;
const DAY_MS = 24 * 3600 * 1000;
/** How many at-risk visitors the page lists (most recently seen first). */
const AT_RISK_LIMIT = 100;

/** Answer id → question, from the site's current FAQ. */
function titles(faq: FaqLibrary | undefined): Map<string, string> {
  return new Map((faq?.entries() ?? []).map((entry) => [entry.id, entry.question]));
}

export async function atRiskVisitors(store: Store, site: SiteKey, now: Date): Promise<AtRiskVisitor[]> {
  const candidates = await store.riskCandidates(site, now.toISOString(), AT_RISK_LIMIT);
  return candidates
    .map(({ signals, ...visitor }) => ({ ...visitor, reasons: assessRisk(signals, now) }))
    .filter((visitor) => visitor.reasons.length > 0);
}

/**
 * The period is whole UTC days ending today: `days` = 7 covers today and the six before it,
 * so every chart has exactly `days` points.
 */
export async function buildInsights(input: {
  store: Store;
  faq: FaqLibrary | undefined;
  site: SiteKey;
  days: number;
  now: Date;
}): Promise<Insights> {
  const { store, site, days, now } = input;
  const startOfToday = Date.parse(now.toISOString().slice(0, 10));
  const since = new Date(startOfToday - (days - 1) * DAY_MS).toISOString();
  const range = { since, until: now.toISOString() };
  const [faq, survey, series, answers, atRisk] = await Promise.all([
    store.faqInsights(site, since, 20),
    store.surveyStats(site, since),
    store.insightSeries(site, range),
    store.answerStats(site, range),
    atRiskVisitors(store, site, now),
  ]);
  const names = titles(input.faq);
  return {
    site,
    days,
    faq,
    survey,
    series,
    answers: answers.map((answer) => ({ ...answer, title: names.get(answer.articleId) ?? answer.articleId })),
    atRisk,
  };
}
