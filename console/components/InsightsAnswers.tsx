import type { AnswerStats } from '../../protocol/insights.js';
import { intlLocale } from '../i18n/index.js';
import { useConsole } from './context.js';
import { InsightsTable } from './InsightsTable.js';

/** Per answer: views, readers, votes, "read and still asked" and those chats' survey score. */
export function InsightsAnswers({ answers }: { answers: AnswerStats[] }) {
  const { t, locale } = useConsole();
  const num = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 1 });
  const fmt = (n: number | null) => (n === null ? '—' : num.format(n));
  return (
    <section class="card wide" aria-labelledby="answers-heading">
      <h2 id="answers-heading">{t('insights.answers')}</h2>
      <p class="sub">{t('insights.answersHint')}</p>
      <InsightsTable
        empty={t('insights.empty')}
        head={[
          t('insights.article'),
          t('insights.views'),
          t('insights.readers'),
          t('insights.yes'),
          t('insights.no'),
          t('insights.stillAsked'),
          t('insights.stillAskedScore'),
          t('insights.review'),
        ]}
        rows={answers.map((a) => [
          a.title,
          fmt(a.views),
          fmt(a.readers),
          fmt(a.yes),
          fmt(a.no),
          fmt(a.stillAsked),
          fmt(a.stillAskedScore),
          a.needsReview ? <span class="tag tag-warn">{t('insights.needsReview')}</span> : '',
        ])}
      />
    </section>
  );
}
