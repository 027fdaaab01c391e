/** The at-risk reasons in words (the rule itself is protocol/at-risk.ts, applied by the server). */
import type { RiskReason } from '../../protocol/at-risk.js';
import type { Translate } from '../i18n/index.js';

export function describeRisk(reason: RiskReason, t: Translate): string {
  switch (reason.kind) {
    case 'detractor':
      return t('risk.detractor', { score: reason.score });
    case 'not_helpful':
      return t('risk.notHelpful', { votes: reason.votes });
    case 'frequent':
      return t('risk.frequent', { conversations: reason.conversations, days: reason.days });
  }
}
