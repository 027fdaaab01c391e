/**
 * A list of FAQ result links, each with its matched letters highlighted and its excerpt: the
 * hits for a query, or the most viewed answers when there is no query or no hit.
 */
import type { FaqSearchDoc } from '../../protocol/faq.js';
import { Highlighted } from './Highlighted.js';

/** One result row: the doc and the matched ranges of its question. */
export interface ResultRow {
  doc: FaqSearchDoc;
  indices: readonly [number, number][];
}

export interface ResultListProps {
  rows: ResultRow[];
  onOpen: (doc: FaqSearchDoc) => void;
  /** The visitor is heading for a result (hover, focus): fetch the article view's code now. */
  onIntent: () => void;
}

export function ResultList({ rows, onOpen, onIntent }: ResultListProps) {
  return (
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
  );
}
