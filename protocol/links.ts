/**
 * Finding links in message text, for the widget and the console alike: http, https and mailto
 * only, so a message can never carry a `javascript:` or `data:` link. The result is text and
 * link parts, which the UIs render as text nodes and <a> elements — never as HTML. Small on
 * purpose: it ships in the widget's chat chunk.
 */

export type TextPart = string | { href: string; text: string };

/** A scheme not glued to a word before it, then everything up to whitespace or a quote/angle bracket. */
const LINK = /(?<![\p{L}\p{N}_])(?:https?:\/\/|mailto:)[^\s<>"]+/giu;

/** Sentence punctuation after a link is not part of it (Latin and Persian). */
const TRAILING = /[.,;:!?'،؛؟»…]$/u;

/** Cuts what ends a sentence, and a closing bracket that has no partner inside the link. */
function trim(link: string): string {
  for (;;) {
    const last = link.slice(-1);
    const opener = { ')': '(', ']': '[', '}': '{' }[last];
    if (TRAILING.test(last) || (opener !== undefined && link.split(opener).length <= link.split(last).length - 1)) link = link.slice(0, -1);
    else return link;
  }
}

/**
 * Splits `text` into plain strings and links, in order; joined back they are the text.
 * @example linkify('see https://x.example/a.') // ['see ', { href: 'https://x.example/a', text: 'https://x.example/a' }, '.']
 */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const match of text.matchAll(LINK)) {
    const link = trim(match[0]);
    // "https://" or "mailto:" alone is not a link.
    if (/^(https?:\/\/|mailto:)$/i.test(link)) continue;
    if (match.index > at) parts.push(text.slice(at, match.index));
    parts.push({ href: link, text: link });
    at = match.index + link.length;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}
