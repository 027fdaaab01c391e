import type { Insights as InsightsData } from '../lib/types.js';
import { useConsole } from './context.js';
import { InsightsTable } from './InsightsTable.js';

/** What visitors searched for: the searches that found nothing, and the most frequent. */
export function InsightsFaqQueries({ faq, num }: { faq: InsightsData['faq']; num: (n: number) => string }) {
  const { t } = useConsole();
  return (
    <>
      <section class="card" aria-labelledby="zero-heading">
        <h2 id="zero-heading">{t('insights.zeroHit')}</h2>
        <InsightsTable
          empty={t('insights.empty')}
          head={[t('insights.query'), t('insights.count')]}
          rows={faq.zeroHit.map((z) => [z.query, num(z.count)])}
        />
      </section>
      <section class="card" aria-labelledby="top-heading">
        <h2 id="top-heading">{t('insights.top')}</h2>
        <p class="sub">{t('insights.searches', { n: faq.searches })}</p>
        <InsightsTable
          empty={t('insights.empty')}
          head={[t('insights.query'), t('insights.count'), t('insights.hits')]}
          rows={faq.topQueries.map((q) => [q.query, num(q.count), num(q.hits)])}
        />
      </section>
    </>
  );
}
