import type { Insights as InsightsData } from '../lib/types.js';
import { useConsole } from './context.js';

/** NPS from the post-chat survey. */
export function InsightsSurvey({ data, num }: { data: InsightsData; num: (n: number) => string }) {
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
