/**
 * A tiny tagged template for server-rendered pages: every interpolated value is escaped as
 * text unless it is already `SafeHtml` (made by `html` itself, or by `trusted` for HTML that
 * was sanitised elsewhere). Concatenating raw strings into markup is how user text becomes
 * markup; this makes the safe way the short way.
 */

/** Markup known to be safe to insert as is. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What `html` accepts: text is escaped, `SafeHtml` kept, lists joined, nothing-values dropped. */
export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an element's content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/**
 * @example html`<p title="${title}">${body}</p>` // title and body are escaped
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] as string;
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] as string);
  });
  return new SafeHtml(out);
}

/** Marks HTML as safe: only for markup a sanitiser produced (the FAQ answer renderer). */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
