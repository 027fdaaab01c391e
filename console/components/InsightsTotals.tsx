import type { InsightTotals } from '../../protocol/insights.js';
import { intlLocale } from '../i18n/index.js';
import { useConsole } from './context.js';

/** The period's headline numbers. */
export function InsightsTotals({ totals }: { totals: InsightTotals }) {
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
