/**
 * Search as you type over the FAQ: a searchbox named "Search", result links with the matched
 * letters highlighted, and "Talk to a person" below.
 */
import { useEffect, useMemo } from 'preact/hooks';
import type { FaqHit, FaqSearchDoc } from '../../protocol/faq.js';
import type { Locale } from '../../protocol/types.js';
import { t } from '../i18n/index.js';
import { Highlighted } from './Highlighted.js';
import type { SearchTracker } from './search-tracker.js';
import { TalkButton } from './TalkButton.js';
import type { FaqState } from './use-faq.js';

const MAX_RESULTS = 8;

export interface SearchViewProps {
  locale: Locale;
  query: string;
  faq: FaqState;
  tracker: SearchTracker;
  onQuery: (query: string) => void;
  onOpen: (doc: FaqSearchDoc) => void;
  onTalk: () => void;
}

export function SearchView({ locale, query, faq, tracker, onQuery, onOpen, onTalk }: SearchViewProps) {
  const trimmed = query.trim();
  const hits: FaqHit[] = useMemo(
    () => (faq.search && trimmed ? faq.search.search(trimmed, MAX_RESULTS) : []),
    [faq.search, trimmed],
  );

  useEffect(() => {
    if (faq.status === 'ready') tracker.typed(trimmed, hits.length, locale);
  }, [trimmed, hits, faq.status]);

  const rows = trimmed
    ? hits.flatMap((hit) => {
        const doc = faq.docs.get(hit.id);
        const indices = hit.matches.find((match) => match.key === 'question')?.indices ?? [];
        return doc ? [{ doc, indices }] : [];
      })
    : faq.popular.map((doc) => ({ doc, indices: [] as [number, number][] }));

  const open = (doc: FaqSearchDoc) => (event: Event) => {
    event.preventDefault(); // The href is only there to make it a link; the host page's URL stays.
    tracker.flush();
    onOpen(doc);
  };

  return (
    <div class="view search-view">
      <div class="search-box">
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
        {faq.status === 'loading' && <p class="note">{t(locale, 'loading')}</p>}
        {faq.status === 'error' && (
          <div class="note" role="alert">
            <p>{t(locale, 'loadFailed')}</p>
            <button type="button" class="link-button" onClick={faq.retry}>
              {t(locale, 'tryAgain')}
            </button>
          </div>
        )}
        {faq.status === 'ready' && (
          <>
            <h3 class="list-title">{trimmed ? t(locale, 'results') : t(locale, 'popular')}</h3>
            <p class="sr-only" role="status">
              {trimmed ? t(locale, 'resultCount', { count: rows.length }) : ''}
            </p>
            {rows.length > 0 && (
              <ul class="results">
                {rows.map(({ doc, indices }) => (
                  <li key={doc.id}>
                    <a href={`#faq-${doc.id}`} onClick={open(doc)} lang={doc.locale} dir="auto">
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
