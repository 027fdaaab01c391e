/**
 * Search as you type over the FAQ: a searchbox named "Search", result links with the matched
 * letters highlighted, and "Talk to a person" below. When nothing matches, the answers closest
 * to the query or the most viewed instead of an empty list. Stateless: App owns the query and
 * the hits.
 */
import type { FaqSearchDoc } from '../../protocol/faq.js';
import type { Locale } from '../../protocol/types.js';
import { t } from '../i18n/runtime.js';
import type { FaqStatus } from './faq-source.js';
import { ResultList, type ResultRow } from './ResultList.js';
import { TalkButton } from './TalkButton.js';

export type { ResultRow } from './ResultList.js';

export interface SearchViewProps {
  locale: Locale;
  query: string;
  status: FaqStatus;
  rows: ResultRow[];
  /** When a query matches nothing: the answers closest to it, shown in place of `popular`. */
  near: ResultRow[];
  /** The locale's most viewed answers: shown when a query matches nothing, and nothing is near. */
  popular: ResultRow[];
  onQuery: (query: string) => void;
  onOpen: (doc: FaqSearchDoc) => void;
  /** The visitor is heading for a result (hover, focus): fetch the article view's code now. */
  onIntent: () => void;
  onRetry: () => void;
  onTalk: () => void;
}

export function SearchView({
  locale,
  query,
  status,
  rows,
  near,
  popular,
  onQuery,
  onOpen,
  onIntent,
  onRetry,
  onTalk,
}: SearchViewProps) {
  const trimmed = query.trim();
  const nothing = Boolean(trimmed) && rows.length === 0;
  const shown = nothing ? (near.length ? near : popular) : rows;
  return (
    <div class="view">
      <div class="box">
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <circle cx="11" cy="11" r="7" />
          <path d="M20 20l-4-4" />
        </svg>
        <input
          type="search"
          data-autofocus
          aria-label={t(locale, 'search')}
          placeholder={t(locale, 'searchPlaceholder')}
          value={query}
          maxLength={200}
          autocomplete="off"
          enterKeyHint="search"
          onInput={(event) => onQuery((event.currentTarget as HTMLInputElement).value)}
        />
      </div>
      <div class="scroll">
        {status === 'loading' && <p class="note">{t(locale, 'loading')}</p>}
        {status === 'error' && (
          <div class="note" role="alert">
            <p>{t(locale, 'loadFailed')}</p>
            <button type="button" class="link" onClick={onRetry}>
              {t(locale, 'tryAgain')}
            </button>
          </div>
        )}
        {status === 'ready' && (
          <>
            {nothing && (
              <p class="note" role="status">
                {t(locale, 'noResults', { query: trimmed })}
              </p>
            )}
            {/* No heading over an empty list. */}
            {shown.length > 0 && (
              <h3 class="title">{t(locale, trimmed && !nothing ? 'results' : shown === near ? 'closest' : 'popular')}</h3>
            )}
            {!nothing && (
              <p class="sr-only" role="status">
                {trimmed ? t(locale, 'resultCount', { count: rows.length }) : ''}
              </p>
            )}
            {shown.length > 0 && <ResultList rows={shown} onOpen={onOpen} onIntent={onIntent} />}
          </>
        )}
      </div>
      <TalkButton locale={locale} onTalk={onTalk} />
    </div>
  );
}
