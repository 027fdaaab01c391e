import { useEffect, useState } from 'preact/hooks';
import type { InsightTotals } from '../../protocol/insights.js';
import { intlLocale } from '../i18n/index.js';
import { ApiError, api } from '../lib/api.js';
import { CHARTS } from '../lib/insights-charts.js';
import type { Insights as InsightsData, SiteSummary } from '../lib/types.js';
import { useConsole } from './context.js';
import { InsightsAnswers } from './InsightsAnswers.js';
import { InsightsAtRisk } from './InsightsAtRisk.js';
import { InsightsChart } from './InsightsChart.js';
import { InsightsTable } from './InsightsTable.js';
import './insights.css';

const PERIODS = [7, 30, 90] as const;

/**
 * Insights of one site the agent serves: day charts (or their tables), per-answer numbers,
 * customers at risk, NPS and what the FAQ is missing. Loaded as its own chunk (LazyInsights),
 * so the charting library never weighs on the inbox.
 */
export function Insights() {
  const { t, locale, actions } = useConsole();
  const [days, setDays] = useState<number>(30);
  const [sites, setSites] = useState<SiteSummary[]>([]);
  const [site, setSite] = useState<string | null>(null);
  const [asTable, setAsTable] = useState(false);
  const [data, setData] = useState<InsightsData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const num = (n: number) => new Intl.NumberFormat(intlLocale(locale)).format(n);

  useEffect(() => {
    api.sites().then(
      (r) => setSites(r.sites),
      () => setSites([]),
    );
  }, []);

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
        setError(err instanceof Error ? err.message : String(err));
      });
    return () => {
      live = false;
    };
  }, [days, site]);

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
          <Totals totals={data.series.totals} />
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
          <Survey data={data} num={num} />
          <section class="card" aria-labelledby="zero-heading">
            <h2 id="zero-heading">{t('insights.zeroHit')}</h2>
            <InsightsTable
              empty={t('insights.empty')}
              head={[t('insights.query'), t('insights.count')]}
              rows={data.faq.zeroHit.map((z) => [z.query, num(z.count)])}
            />
          </section>
          <section class="card" aria-labelledby="top-heading">
            <h2 id="top-heading">{t('insights.top')}</h2>
            <p class="sub">{t('insights.searches', { n: data.faq.searches })}</p>
            <InsightsTable
              empty={t('insights.empty')}
              head={[t('insights.query'), t('insights.count'), t('insights.hits')]}
              rows={data.faq.topQueries.map((q) => [q.query, num(q.count), num(q.hits)])}
            />
          </section>
        </>
      )}
    </main>
  );
}

/** The period's headline numbers. */
function Totals({ totals }: { totals: InsightTotals }) {
  const { t, locale } = useConsole();
  const number = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(intlLocale(locale), { style: 'percent' });
  const mins = (s: number | null) => {
    if (s === null) return '—';
    return s < 60 ? t('insights.seconds', { n: Math.round(s) }) : t('insights.minutes', { n: Math.round((s / 60) * 10) / 10 });
  };
  const items: [string, string, string?][] = [
    [t('insights.kpi.searches'), number.format(totals.searches)],
    [
      t('insights.kpi.deflection'),
      totals.deflectionRate === null ? '—' : percent.format(totals.deflectionRate),
      t('insights.kpi.deflectionHint'),
    ],
    [t('insights.kpi.chats'), number.format(totals.chats)],
    [t('insights.kpi.firstResponse'), `${mins(totals.firstResponseMedian)} / ${mins(totals.firstResponseP90)}`],
    [t('insights.kpi.resolution'), mins(totals.resolutionMedian)],
  ];
  return (
    <dl class="kpis">
      {items.map(([label, value, hint]) => (
        <div key={label} class="card kpi" title={hint}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** NPS from the post-chat survey. */
function Survey({ data, num }: { data: InsightsData; num: (n: number) => string }) {
  const { t } = useConsole();
  return (
    <section class="card nps" aria-labelledby="nps-heading">
      <h2 id="nps-heading">{t('insights.nps')}</h2>
      <p class="nps-score">{data.survey.nps === null ? '—' : num(data.survey.nps)}</p>
      <p class="sub">{t('insights.responses', { n: data.survey.responses })}</p>
      <dl class="nps-split">
        <div class="promoters">
          <dt>{t('insights.promoters')}</dt>
          <dd>{num(data.survey.promoters)}</dd>
        </div>
        <div class="passives">
          <dt>{t('insights.passives')}</dt>
          <dd>{num(data.survey.passives)}</dd>
        </div>
        <div class="detractors">
          <dt>{t('insights.detractors')}</dt>
          <dd>{num(data.survey.detractors)}</dd>
        </div>
      </dl>
    </section>
  );
}
