import type { AtRiskVisitor } from '../../protocol/insights.js';
import { formatDateTime } from '../lib/format.js';
import { describeRisk } from '../lib/risk.js';
import { useConsole } from './context.js';
import { InsightsTable } from './InsightsTable.js';

/** Visitors the at-risk rule marks, with the reasons in words. */
export function InsightsAtRisk({ visitors }: { visitors: AtRiskVisitor[] }) {
  const { t, locale } = useConsole();
  return (
    <section class="card wide" aria-labelledby="at-risk-heading">
      <h2 id="at-risk-heading">{t('insights.atRisk')}</h2>
      <InsightsTable
        empty={t('insights.empty')}
        head={[t('insights.visitor'), t('insights.why'), t('insights.lastSeen')]}
        rows={visitors.map((v) => [
          v.name || v.email || t('risk.anonymous'),
          v.reasons.map((r) => describeRisk(r, t)).join(locale === 'fa' ? '، ' : '; '),
          formatDateTime(v.lastSeenAt, locale),
        ])}
      />
    </section>
  );
}
