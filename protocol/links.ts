/**
 * Finding links in message text, for the widget and the console alike: http, https and mailto
 * only, so a message can never carry a `javascript:` or `data:` link. The result is text and
 * link parts, which the UIs render as text nodes and <a> elements — never as HTML. Small on
 * purpose: it ships in the widget's chat chunk.
 */

export type TextPart = string | { href: string; text: string };

/** A scheme not glued to a word before it, then everything up to whitespace or a quote/angle bracket. */
const LINK = /\b(?:https?:\/\/|mailto:)[^\s<>"]+/gi;

/** Sentence punctuation (Latin and Persian) or a closing bracket at the end of a link. */
const TAIL = /[.,;:!?'،؛؟»…)\]}]$/;

/** Cuts what ends a sentence, and a closing bracket that has no partner inside the link. */
function trim(link: string): string {
  let last;
  while ((last = TAIL.exec(link)?.[0])) {
    const opener = '([{'[')]}'.indexOf(last)];
    if (opener && link.split(opener).length >= link.split(last).length) break;
    link = link.slice(0, -1);
  }
  return link;
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
    if (match.index > at) parts.push(text.slice(at, match.index));
    parts.push({ href: link, text: link });
    at = match.index + link.length;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}
