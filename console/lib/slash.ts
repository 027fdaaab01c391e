/**
 * The `/` shortcut in the reply box: typing "/ref" at the start of the box or after a space
 * opens the saved replies filtered by "ref"; picking one replaces the "/ref" token.
 */

export interface SlashQuery {
  /** Index of the "/" in the text. */
  start: number;
  /** Index just after the token (the caret). */
  end: number;
  /** What was typed after the "/". */
  query: string;
}

/** The slash token ending at `caret`, or null when the caret is not in one. */
export function findSlashQuery(text: string, caret: number): SlashQuery | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)\/([^\s/]*)$/u.exec(before);
  if (!match) return null;
  const start = caret - match[2]!.length - 1;
  return { start, end: caret, query: match[2]! };
}

/** `text` with [start, end) replaced by `insert`, and where the caret goes after it. */
export function replaceRange(text: string, start: number, end: number, insert: string): { text: string; caret: number } {
  return { text: text.slice(0, start) + insert + text.slice(end), caret: start + insert.length };
}
