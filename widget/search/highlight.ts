/** One run of a result's text; the UI renders each as a text node (never innerHTML). */
export interface HighlightSegment {
  text: string;
  /** Whether this run matched the query. */
  hit: boolean;
}

/**
 * Splits a question into plain and matched runs from a hit's `[start, endInclusive]`
 * ranges. Overlapping, unordered or out-of-range ranges are tolerated.
 * @example highlight('Where is my order?', [[12, 16]]) // [{ text: 'Where is my ', hit: false }, { text: 'order', hit: true }, { text: '?', hit: false }]
 */
export function highlight(text: string, ranges: readonly (readonly [number, number])[]): HighlightSegment[] {
  const marks = new Uint8Array(text.length);
  for (const [start, end] of ranges) {
    for (let i = Math.max(0, start); i <= Math.min(end, text.length - 1); i++) marks[i] = 1;
  }
  const out: HighlightSegment[] = [];
  let from = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || marks[i] !== marks[from]) {
      out.push({ text: text.slice(from, i), hit: marks[from] === 1 });
      from = i;
    }
  }
  return out;
}
