/**
 * FAQ answers are Markdown written by the site owner; visitors get them as HTML. Rendered on
 * the server with marked and sanitised with sanitize-html, so a `<script>` or a
 * `javascript:` link in a FAQ file never reaches a visitor's page.
 */
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

// One instance with our options, not marked's global state that other code could change.
const marked = new Marked({ gfm: true, breaks: false, async: false });

const SAFE_HREF = /^\s*(https?:|mailto:)/i;

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'b',
    'em',
    'i',
    'ul',
    'ol',
    'li',
    'a',
    'code',
    'pre',
    'blockquote',
    'h2',
    'h3',
    'h4',
    'hr',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'del',
    'kbd',
  ],
  allowedAttributes: { a: ['href', 'title', 'target', 'rel'], ol: ['start'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    // Answers open links outside the widget, without giving the new page a handle on ours.
    // A link with another scheme (javascript:, data:) loses its attributes here...
    a: (_tag, attribs) =>
      SAFE_HREF.test(attribs.href ?? '')
        ? {
            tagName: 'a',
            attribs: {
              href: attribs.href as string,
              ...(attribs.title ? { title: attribs.title } : {}),
              target: '_blank',
              rel: 'noopener noreferrer',
            },
          }
        : { tagName: 'a', attribs: {} },
  },
  // ...and is unwrapped here, keeping its text. Renaming it instead (to a span the sanitiser then
  // discards) made the sanitiser close the next element of that depth with the wrong tag.
  exclusiveFilter: (frame) => (frame.tag === 'a' && !frame.attribs.href ? 'excludeTag' : false),
};

/** Markdown → sanitised HTML (links limited to http, https and mailto). */
export function renderAnswer(markdown: string): string {
  return sanitizeHtml(marked.parse(markdown) as string, SANITIZE).trim();
}

/** Links whose scheme the sanitiser will drop, for `faq check` to report. */
export function unsafeLinks(markdown: string): string[] {
  const out: string[] = [];
  for (const m of markdown.matchAll(/\]\(\s*<?([^)\s>]+)/g)) {
    const href = (m[1] as string).trim();
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href)?.[1]?.toLowerCase();
    if (scheme && !['http', 'https', 'mailto'].includes(scheme)) out.push(href);
  }
  return out;
}
