/**
 * A question with the matched characters in <mark>. Every piece is a text node: FAQ text is
 * site-owner content, and the query is the visitor's, so neither is ever parsed as HTML.
 */
import { highlight } from '../search/highlight.js';

export interface HighlightedProps {
  text: string;
  /** Fuse's [start, endInclusive] ranges within `text`. */
  indices: readonly [number, number][];
}

/** Renders `text` with `indices` highlighted. */
export function Highlighted({ text, indices }: HighlightedProps) {
  return <>{highlight(text, indices).map((segment, i) => (segment.hit ? <mark key={i}>{segment.text}</mark> : segment.text))}</>;
}
