/** Plain text from the sanitised answer HTML, for meta descriptions and JSON-LD. */
import sanitizeHtml from 'sanitize-html';

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };

/** The text of an HTML fragment, entities decoded, whitespace collapsed. */
export function htmlToText(markup: string): string {
  // Block ends become spaces so "<p>a</p><p>b</p>" reads "a b", not "ab".
  const spaced = markup.replace(/<\/(p|li|h\d|pre|blockquote|tr|td|th)>|<br\s*\/?>/gi, (tag) => `${tag} `);
  const text = sanitizeHtml(spaced, { allowedTags: [], allowedAttributes: {} });
  return text
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (entity) => ENTITIES[entity] as string)
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first sentence of `text`, at most `max` characters (cut at a word, with "…"). */
export function firstSentence(text: string, max = 160): string {
  const sentence = /^.*?[.!?؟](?=\s|$)/u.exec(text)?.[0] ?? text;
  if (sentence.length <= max) return sentence;
  const cut = sentence.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2))}…`;
}
