import type { ConversationDetail, ConversationSummary } from '../../protocol/types.js';
import { describeBrowser, formatDateTime, safeHref } from '../lib/format.js';
import { describeRisk } from '../lib/risk.js';
import { previewLine } from '../lib/queue.js';
import { useConsole } from './context.js';

/**
 * What the visitor did before asking: the page, language, browser, history, and — what other
 * help desks do not show — the FAQ searches and answers it tried first.
 */
export function ContextPanel({ summary, detail }: { summary: ConversationSummary; detail: ConversationDetail | null }) {
  const { t, locale } = useConsole();
  return (
    <aside class="context" aria-labelledby="context-heading">
      <h2 id="context-heading">{t('ctx.heading')}</h2>
      {detail && detail.risk.length > 0 && (
        <p class="risk">
          <span class="tag tag-bad">{t('risk.label')}</span>{' '}
          {detail.risk.map((reason) => describeRisk(reason, t)).join(locale === 'fa' ? '، ' : '; ')}
        </p>
      )}
      <Facts summary={summary} detail={detail} />
      <Trail summary={summary} detail={detail} />
    </aside>
  );
}

/** The page, language, browser, first visit, contact and survey score. */
function Facts({ summary, detail }: { summary: ConversationSummary; detail: ConversationDetail | null }) {
  const { t, locale } = useConsole();
  const ctx = summary.context;
  const href = safeHref(ctx.url);
  const browser = describeBrowser(ctx.userAgent);
  return (
    <dl class="facts">
      {(ctx.url || ctx.title) && (
        <>
          <dt>{t('ctx.page')}</dt>
          <dd>
            {href ? (
              <a href={href} target="_blank" rel="noopener noreferrer" dir="auto">
                {ctx.title || ctx.url}
              </a>
            ) : (
              <span dir="auto">{ctx.title || ctx.url}</span>
            )}
            {ctx.title && ctx.url && (
              <span class="sub" dir="ltr">
                {ctx.url}
              </span>
            )}
          </dd>
        </>
      )}
      {ctx.referrer && (
        <>
          <dt>{t('ctx.referrer')}</dt>
          <dd class="sub" dir="ltr">
            {ctx.referrer}
          </dd>
        </>
      )}
      {ctx.locale && (
        <>
          <dt>{t('ctx.locale')}</dt>
          <dd dir="ltr">{ctx.locale}</dd>
        </>
      )}
      {browser && (
        <>
          <dt>{t('ctx.browser')}</dt>
          <dd dir="ltr" title={ctx.userAgent}>
            {browser}
          </dd>
        </>
      )}
      <dt>{t('ctx.firstSeen')}</dt>
      <dd>{formatDateTime(summary.visitor.firstSeenAt, locale)}</dd>
      {summary.visitor.email && (
        <>
          <dt>{t('ctx.contact')}</dt>
          <dd>
            <span dir="ltr">{summary.visitor.email}</span>
            {summary.visitor.verifiedFields?.includes('email') && <span class="tag tag-ok">{t('ctx.verified')}</span>}
          </dd>
        </>
      )}
      {detail?.survey && (
        <>
          <dt>{t('insights.nps')}</dt>
          <dd>
            {t('ctx.survey', { score: detail.survey.score })}
            {detail.survey.comment && <q dir="auto">{detail.survey.comment}</q>}
          </dd>
        </>
      )}
    </dl>
  );
}

/** The FAQ searches and answers tried before asking, and the visitor's earlier conversations. */
function Trail({ summary, detail }: { summary: ConversationSummary; detail: ConversationDetail | null }) {
  const { t, locale } = useConsole();
  const searches = summary.context.searches ?? [];
  const articles = summary.context.articles ?? [];
  const previous = detail?.previous ?? [];
  return (
    <>
      <h3>{t('ctx.searches')}</h3>
      {searches.length === 0 ? (
        <p class="empty">{t('ctx.none')}</p>
      ) : (
        <ul class="context-list">
          {searches.map((s, i) => (
            <li key={i} class={s.hits === 0 ? 'zero' : undefined}>
              <q dir="auto">{s.query}</q> <span class="sub">{s.hits === 0 ? t('ctx.noHits') : t('ctx.hits', { n: s.hits })}</span>
            </li>
          ))}
        </ul>
      )}

      <h3>{t('ctx.articles')}</h3>
      {articles.length === 0 ? (
        <p class="empty">{t('ctx.none')}</p>
      ) : (
        <ul class="context-list">
          {articles.map((a, i) => (
            <li key={i} class={a.helpful === false ? 'zero' : undefined}>
              <span dir="auto">{a.title || a.id}</span>{' '}
              {a.helpful === false && <span class="tag tag-bad">{t('ctx.notHelpful')}</span>}
              {a.helpful === true && <span class="tag tag-ok">{t('ctx.helpful')}</span>}
            </li>
          ))}
        </ul>
      )}

      <h3>{t('ctx.previous')}</h3>
      {previous.length === 0 ? (
        <p class="empty">{t('ctx.none')}</p>
      ) : (
        <ul class="context-list">
          {previous.map((p) => (
            <li key={p.id}>
              <span class="sub">{formatDateTime(p.createdAt, locale)}</span>
              <span class="prev-text" dir="auto">
                {p.lastMessage === null ? '—' : previewLine({ text: p.lastMessage, files: p.files }, t)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
