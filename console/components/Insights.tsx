import { useEffect, useState } from 'preact/hooks';
import { intlLocale } from '../i18n/index.js';
import { ApiError, api } from '../lib/api.js';
import { CHARTS } from '../lib/insights-charts.js';
import type { Insights as InsightsData } from '../lib/types.js';
import { useConsole } from './context.js';
import { InsightsAnswers } from './InsightsAnswers.js';
import { InsightsAtRisk } from './InsightsAtRisk.js';
import { InsightsChart } from './InsightsChart.js';
import { InsightsFaqQueries } from './InsightsFaqQueries.js';
import { InsightsSurvey } from './InsightsSurvey.js';
import { InsightsTotals } from './InsightsTotals.js';
import { useSites } from './use-sites.js';
import './insights.css';
import { errorText } from '../lib/error-text.js';

const PERIODS = [7, 30, 90] as const;

/**
 * Insights of one site the agent serves: day charts (or their tables), per-answer numbers,
 * customers at risk, NPS and what the FAQ is missing. Loaded as its own chunk (LazyInsights),
 * so the charting library never weighs on the inbox.
 */
export function Insights() {
  const { t, locale } = useConsole();
  const [days, setDays] = useState<number>(30);
  const sites = useSites();
  const [site, setSite] = useState<string | null>(null);
  const [asTable, setAsTable] = useState(false);
  const num = (n: number) => new Intl.NumberFormat(intlLocale(locale)).format(n);

  const { data, error } = useInsights(days, site, setSite);

  const csv = (table: string) =>
    `/api/insights.csv?${new URLSearchParams({ site: data?.site ?? '', days: String(days), table })}`;

  return (
    <main class="page insights" aria-labelledby="insights-heading">
      <div class="page-head">
        <h1 id="insights-heading">{t('insights.heading')}</h1>
        {sites.length > 1 && (
          <label class="inline-field">
            <span>{t('insights.site')}</span>
            <select value={site ?? ''} onChange={(e) => setSite(e.currentTarget.value)}>
              {sites.map((s) => (
                <option key={s.key} value={s.key}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label class="inline-field">
          <span>{t('insights.period')}</span>
          <select value={days} onChange={(e) => setDays(Number(e.currentTarget.value))}>
            {PERIODS.map((d) => (
              <option key={d} value={d}>
                {t('insights.days', { n: d })}
              </option>
            ))}
          </select>
        </label>
        <button type="button" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
          {t('insights.showTable')}
        </button>
        {data && (
          <a class="button-link" href={csv('days')} download>
            {t('insights.csv')}
          </a>
        )}
      </div>
      {error && (
        <p class="error" role="alert">
          {t('error.generic', { message: error })}
        </p>
      )}
      {!data && !error && <p>{t('insights.loading')}</p>}
      {data && (
        <>
          <InsightsTotals totals={data.series.totals} />
          <div class="charts">
            {CHARTS.map((spec) => (
              <InsightsChart key={spec.id} spec={spec} days={data.series.days} asTable={asTable} />
            ))}
          </div>
          <InsightsAnswers answers={data.answers} />
          <p class="csv-links">
            <a href={csv('answers')} download>
              {t('insights.csvAnswers')}
            </a>
            <a href={csv('at-risk')} download>
              {t('insights.csvAtRisk')}
            </a>
          </p>
          <InsightsAtRisk visitors={data.atRisk} />
          <InsightsSurvey data={data} num={num} />
          <InsightsFaqQueries faq={data.faq} num={num} />
        </>
      )}
    </main>
  );
}

/** The insights of `site` (the server's choice while null) over `days`; tells `setSite` which site it chose. */
function useInsights(days: number, site: string | null, setSite: (site: string) => void) {
  const { actions } = useConsole();
  const [data, setData] = useState<InsightsData | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setError(null);
    api
      .insights(days, site ?? undefined)
      .then((d) => {
        if (!live) return;
        setData(d);
        setSite(d.site);
      })
      .catch((err: unknown) => {
        if (!live) return;
        if (err instanceof ApiError && err.code === 'unauthorized') void actions.signOut();
        setError(errorText(err));
      });
    return () => {
      live = false;
    };
  }, [days, site]);
  return { data, error };
}
