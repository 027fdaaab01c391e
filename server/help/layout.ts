/** The document every help-centre page shares: head (title, links, JSON-LD), header, footer. */
import type { Locale } from '../../protocol/types.js';
import { html, trusted, type SafeHtml } from './html.js';
import { ldScriptBody } from './json-ld.js';
import { otherLocale, say } from './strings.js';
import { HELP_CSS } from './style.js';
import type { HelpUrls } from './urls.js';

export interface PageHead {
  locale: Locale;
  siteName: string;
  /** Without the site name; it is added here. */
  title: string;
  description: string;
  /** Absolute URL of this page; absent on error pages, which must not be indexed. */
  canonical?: string;
  /** Absolute URL of the same page in each locale it exists in (this one included). */
  alternates: Partial<Record<Locale, string>>;
  /** Where the language link in the header goes (the translation, or the other front page). */
  otherLanguagePath: string;
  jsonLd?: object;
}

/** Search engines cut titles near 60–70 characters; html-validate's `long-title` too. */
const MAX_TITLE = 70;

function titleOf(head: PageHead): string {
  const full = `${head.title} · ${head.siteName}`;
  if (full.length <= MAX_TITLE) return full;
  return head.title.length <= MAX_TITLE ? head.title : `${head.title.slice(0, MAX_TITLE - 1)}…`;
}

function headLinks(head: PageHead): SafeHtml {
  const alternates = Object.entries(head.alternates).map(
    ([locale, href]) => html`<link rel="alternate" hreflang="${locale}" href="${href}">\n`,
  );
  return html`${head.canonical ? html`<link rel="canonical" href="${head.canonical}">\n` : ''}${alternates}`;
}

export function renderPage(head: PageHead, urls: HelpUrls, main: SafeHtml): string {
  const { locale } = head;
  const other = otherLocale(locale);
  return html`<!DOCTYPE html>
<html lang="${locale}" dir="${locale === 'fa' ? 'rtl' : 'ltr'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${titleOf(head)}</title>
<meta name="description" content="${head.description}">
${head.canonical ? '' : html`<meta name="robots" content="noindex">\n`}${headLinks(head)}<style>${HELP_CSS_SAFE}</style>
${head.jsonLd ? html`<script type="application/ld+json">${ldScriptBody(head.jsonLd)}</script>\n` : ''}</head>
<body>
<a class="skip" href="#main">${say(locale, 'skip')}</a>
<header>
<div class="bar">
<a class="brand" href="${urls.home(locale)}">${head.siteName} · ${say(locale, 'helpCentre')}</a>
<nav aria-label="${say(locale, 'language')}"><a href="${head.otherLanguagePath}" lang="${other}" hreflang="${other}">${say(locale, 'otherLanguage')}</a></nav>
</div>
</header>
<main id="main">
${main}
</main>
<footer><p>${say(locale, 'poweredBy', { site: head.siteName })}</p></footer>
</body>
</html>
`.value;
}

// The stylesheet is ours and constant; it goes in as is (escaping would break `>` selectors).
const HELP_CSS_SAFE = trusted(HELP_CSS);
