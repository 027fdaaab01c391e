/**
 * Search as you type over the FAQ: a searchbox named "Search", result links with the matched
 * letters highlighted, and "Talk to a person" below. Stateless: App owns the query and the hits.
 */
import type { FaqSearchDoc } from '../../protocol/faq.js';
import type { Locale } from '../../protocol/types.js';
import { t } from '../i18n/runtime.js';
import type { FaqStatus } from './faq-source.js';
import { Highlighted } from './Highlighted.js';
import { TalkButton } from './TalkButton.js';

/** One result row: the doc and the matched ranges of its question. */
export interface ResultRow {
  doc: FaqSearchDoc;
  indices: readonly [number, number][];
}

export interface SearchViewProps {
  locale: Locale;
  query: string;
  status: FaqStatus;
  rows: ResultRow[];
  onQuery: (query: string) => void;
  onOpen: (doc: FaqSearchDoc) => void;
  /** The visitor is heading for a result (hover, focus): fetch the article view's code now. */
  onIntent: () => void;
  onRetry: () => void;
  onTalk: () => void;
}

export function SearchView({ locale, query, status, rows, onQuery, onOpen, onIntent, onRetry, onTalk }: SearchViewProps) {
  const trimmed = query.trim();
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
            {/* No heading over nothing: "No answers match" says it alone. */}
            {rows.length > 0 && <h3 class="title">{trimmed ? t(locale, 'results') : t(locale, 'popular')}</h3>}
            <p class="sr-only" role="status">
              {trimmed ? t(locale, 'resultCount', { count: rows.length }) : ''}
            </p>
            {rows.length > 0 && (
              <ul class="results" onPointerOver={onIntent} onFocusIn={onIntent}>
                {rows.map(({ doc, indices }) => (
                  <li key={doc.id}>
                    <a
                      href={`#faq-${doc.id}`}
                      lang={doc.locale}
                      dir="auto"
                      onClick={(event) => {
                        event.preventDefault(); // The href only makes it a link; the host page's URL stays.
                        onOpen(doc);
                      }}
                    >
                      <span class="q">
                        <Highlighted text={doc.question} indices={indices} />
                      </span>
                      {doc.excerpt && <span class="excerpt">{doc.excerpt}</span>}
                    </a>
                  </li>
                ))}
              </ul>
            )}
            {trimmed && rows.length === 0 && <p class="note">{t(locale, 'noResults', { query: trimmed })}</p>}
          </>
        )}
      </div>
      <TalkButton locale={locale} onTalk={onTalk} />
    </div>
  );
}
