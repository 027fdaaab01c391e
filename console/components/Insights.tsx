import { useEffect, useState } from 'preact/hooks';
import { ApiError, api } from '../lib/api.js';
import type { Insights as InsightsData } from '../lib/types.js';
import { useConsole } from './context.js';

const PERIODS = [7, 30, 90] as const;

/** NPS from the post-chat survey and what the FAQ is missing, from the search analytics. */
export function Insights() {
  const { t, locale, actions } = useConsole();
  const [days, setDays] = useState<number>(30);
  const [data, setData] = useState<InsightsData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const num = (n: number) => new Intl.NumberFormat(locale === 'fa' ? 'fa-IR' : 'en-US').format(n);

  useEffect(() => {
    let live = true;
    setError(null);
    api
      .insights(days)
      .then((d) => live && setData(d))
      .catch((err: unknown) => {
        if (!live) return;
        if (err instanceof ApiError && err.code === 'unauthorized') void actions.signOut();
        setError(err instanceof Error ? err.message : String(err));
      });
    return () => {
      live = false;
    };
  }, [days]);

  return (
    <main class="page insights" aria-labelledby="insights-heading">
      <div class="page-head">
        <h1 id="insights-heading">{t('insights.heading')}</h1>
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
      </div>
      {error && <p class="error" role="alert">{t('error.generic', { message: error })}</p>}
      {!data && !error && <p>{t('insights.loading')}</p>}
      {data && (
        <>
          <NpsCard data={data} num={num} />
          <FaqCards data={data} num={num} />
        </>
      )}
    </main>
  );
}

type Num = (n: number) => string;

/** Net promoter score from the post-chat survey, with its split. */
function NpsCard({ data, num }: { data: InsightsData; num: Num }) {
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

/** What the FAQ is missing: searches without results, top searches, answers and their votes. */
function FaqCards({ data, num }: { data: InsightsData; num: Num }) {
  const { t } = useConsole();
  return (
    <>
      <section class="card" aria-labelledby="zero-heading">
        <h2 id="zero-heading">{t('insights.zeroHit')}</h2>
        <Table empty={t('insights.empty')} head={[t('insights.query'), t('insights.count')]} rows={data.faq.zeroHit.map((z) => [z.query, num(z.count)])} />
      </section>

      <section class="card" aria-labelledby="top-heading">
        <h2 id="top-heading">{t('insights.top')}</h2>
        <p class="sub">{t('insights.searches', { n: data.faq.searches })}</p>
        <Table
          empty={t('insights.empty')}
          head={[t('insights.query'), t('insights.count'), t('insights.hits')]}
          rows={data.faq.topQueries.map((q) => [q.query, num(q.count), num(q.hits)])}
        />
      </section>

      <section class="card" aria-labelledby="articles-heading">
        <h2 id="articles-heading">{t('insights.articles')}</h2>
        <Table
          empty={t('insights.empty')}
          head={[t('insights.article'), t('insights.views'), t('insights.yes'), t('insights.no')]}
          rows={articleRows(data).map((a) => [a.articleId, num(a.views), num(a.yes), num(a.no)])}
        />
      </section>
    </>
  );
}

/** One row per answer: views and helpful votes, most viewed first. */
function articleRows(data: InsightsData): { articleId: string; views: number; yes: number; no: number }[] {
  const rows = new Map<string, { articleId: string; views: number; yes: number; no: number }>();
  for (const v of data.faq.views) rows.set(v.articleId, { articleId: v.articleId, views: v.count, yes: 0, no: 0 });
  for (const h of data.faq.helpful) {
    const row = rows.get(h.articleId) ?? { articleId: h.articleId, views: 0, yes: 0, no: 0 };
    rows.set(h.articleId, { ...row, yes: h.yes, no: h.no });
  }
  return [...rows.values()].sort((a, b) => b.views - a.views);
}

/** A plain data table; the first column is user-provided text (auto direction). */
function Table({ head, rows, empty }: { head: string[]; rows: string[][]; empty: string }) {
  if (rows.length === 0) return <p class="empty">{empty}</p>;
  return (
    <table>
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={i}>
            {row.map((cell, j) => (j === 0 ? <th key={j} scope="row">
                  <bdi>{cell}</bdi>
                </th> : <td key={j}>{cell}</td>))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
