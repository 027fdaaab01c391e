/** The help centre's pages: the front page (topics, popular answers, search), one answer, not found. */
import type { FaqEntry, Locale } from '../../protocol/types.js';
import type { HelpCatalog } from './catalog.js';
import { html, trusted, type SafeHtml } from './html.js';
import { faqPageLd, qaPageLd, type LdAnswer } from './json-ld.js';
import { renderPage } from './layout.js';
import { otherLocale, say } from './strings.js';
import { firstSentence } from './text.js';
import type { HelpUrls } from './urls.js';

export interface HelpContext {
  locale: Locale;
  siteName: string;
  /** Sent back with the search form so a non-default site stays chosen. */
  site?: string;
  catalog: HelpCatalog;
  urls: HelpUrls;
}

export interface HomeModel {
  /** The search query, when the form was sent. */
  query?: string;
  /** Search hits for `query`, or when none answers it the entries closest to it (`near`). */
  results: FaqEntry[];
  near?: boolean;
  /** Most viewed answers first. */
  popular: FaqEntry[];
}

const textOf = (ctx: HelpContext, entry: FaqEntry): string => ctx.catalog.text(entry);
const articlePath = (ctx: HelpContext, entry: FaqEntry): string => ctx.urls.article(entry.locale, ctx.catalog.slugOf(entry));
const ldAnswer = (ctx: HelpContext, entry: FaqEntry): LdAnswer => ({
  question: entry.question,
  text: textOf(ctx, entry),
  url: ctx.urls.absolute(articlePath(ctx, entry)),
});

/** Category → entries, in FAQ order; entries without one go under "Other", last. */
function byCategory(ctx: HelpContext): [string, FaqEntry[]][] {
  const groups = new Map<string, FaqEntry[]>();
  const other = say(ctx.locale, 'other');
  for (const entry of ctx.catalog.entries(ctx.locale)) {
    const name = entry.category ?? other;
    groups.set(name, [...(groups.get(name) ?? []), entry]);
  }
  const list = [...groups].filter(([name]) => name !== other);
  return groups.has(other) ? [...list, [other, groups.get(other) as FaqEntry[]]] : list;
}

const topicId = (index: number): string => `topic-${index + 1}`;

function answerList(ctx: HelpContext, entries: readonly FaqEntry[], withExcerpt: boolean): SafeHtml {
  const items = entries.map(
    (entry) =>
      html`<li><a href="${articlePath(ctx, entry)}">${entry.question}</a>${withExcerpt ? html`<span class="excerpt">${firstSentence(textOf(ctx, entry))}</span>` : ''}</li>\n`,
  );
  return html`<ul class="answers">\n${items}</ul>`;
}

function searchForm(ctx: HelpContext, query = ''): SafeHtml {
  return html`<form role="search" method="get" action="${ctx.urls.home(ctx.locale).split('?')[0]}">
<label for="q">${say(ctx.locale, 'searchLabel')}</label>
${ctx.site ? html`<input type="hidden" name="site" value="${ctx.site}">\n` : ''}<input id="q" name="q" type="search" value="${query}" maxlength="200" autocomplete="off">
<button type="submit">${say(ctx.locale, 'searchButton')}</button>
</form>`;
}

function resultsSection(ctx: HelpContext, query: string, results: readonly FaqEntry[], near?: boolean): SafeHtml {
  const heading = html`<h2 id="results">${say(ctx.locale, 'resultsFor', { q: query })}</h2>`;
  if (!results.length || near) {
    const closest = results.length ? html`\n<h3>${say(ctx.locale, 'closest')}</h3>\n${answerList(ctx, results, true)}` : '';
    return html`<section aria-labelledby="results">${heading}<p class="note">${say(ctx.locale, 'noResults', { q: query })}</p>${closest}</section>`;
  }
  return html`<section aria-labelledby="results">${heading}\n${answerList(ctx, results, true)}</section>`;
}

function alternatesOfHome(ctx: HelpContext): Partial<Record<Locale, string>> {
  const other = otherLocale(ctx.locale);
  const out: Partial<Record<Locale, string>> = { [ctx.locale]: ctx.urls.absolute(ctx.urls.home(ctx.locale)) };
  if (ctx.catalog.entries(other).length) out[other] = ctx.urls.absolute(ctx.urls.home(other));
  return out;
}

export function renderHome(ctx: HelpContext, model: HomeModel): string {
  const { locale, urls } = ctx;
  const topics = byCategory(ctx);
  const canonical = urls.absolute(urls.home(locale, model.query));
  const listed = model.query ? model.results : topics.flatMap(([, entries]) => entries);
  const main = html`<h1>${say(locale, 'helpCentre')}</h1>
${searchForm(ctx, model.query)}
${model.query ? resultsSection(ctx, model.query, model.results, model.near) : ''}
${model.popular.length ? html`<section aria-labelledby="popular"><h2 id="popular">${say(locale, 'popular')}</h2>\n${answerList(ctx, model.popular, true)}</section>` : ''}
<section aria-labelledby="topics"><h2 id="topics">${say(locale, 'topics')}</h2>
<ul class="topics">${topics.map(([name], i) => html`<li><a href="#${topicId(i)}">${name}</a></li>`)}</ul>
${topics.map(([name, entries], i) => html`<h3 id="${topicId(i)}">${name}</h3>\n${answerList(ctx, entries, false)}\n`)}</section>`;
  return renderPage(
    {
      locale,
      siteName: ctx.siteName,
      title: model.query ? say(locale, 'resultsFor', { q: model.query }) : say(locale, 'helpCentre'),
      description: say(locale, 'homeDescription', { site: ctx.siteName }),
      canonical,
      alternates: model.query ? {} : alternatesOfHome(ctx),
      otherLanguagePath: urls.home(otherLocale(locale)),
      jsonLd: faqPageLd(
        listed.map((e) => ldAnswer(ctx, e)),
        canonical,
        locale,
      ),
    },
    urls,
    main,
  );
}

export function renderArticle(ctx: HelpContext, entry: FaqEntry): string {
  const { locale, urls, catalog } = ctx;
  const article = catalog.article(entry);
  const translation = catalog.translationOf(entry);
  const answer = ldAnswer(ctx, entry);
  const topics = byCategory(ctx);
  const topicIndex = topics.findIndex(([, entries]) => entries.includes(entry));
  const [category, siblings] = topics[topicIndex] ?? ['', []];
  const more = siblings.filter((e) => e !== entry);
  const alternates: Partial<Record<Locale, string>> = { [locale]: answer.url };
  if (translation) alternates[translation.locale] = urls.absolute(articlePath(ctx, translation));
  const main = html`<nav class="crumbs" aria-label="${say(locale, 'breadcrumb')}"><ol>
<li><a href="${urls.home(locale)}">${say(locale, 'helpCentre')}</a></li>
${category ? html`<li><a href="${urls.home(locale)}#${topicId(topicIndex)}">${category}</a></li>\n` : ''}</ol></nav>
<article>
<h1>${entry.question}</h1>
<div class="answer">${trusted(article.html)}</div>
${translation ? html`<p><a href="${articlePath(ctx, translation)}" lang="${translation.locale}" hreflang="${translation.locale}">${say(locale, 'readInOther')}</a></p>\n` : ''}</article>
${more.length ? html`<section aria-labelledby="more"><h2 id="more">${say(locale, 'moreIn', { category })}</h2>\n${answerList(ctx, more, false)}</section>` : ''}`;
  return renderPage(
    {
      locale,
      siteName: ctx.siteName,
      title: entry.question,
      description: firstSentence(answer.text),
      canonical: answer.url,
      alternates,
      otherLanguagePath: translation ? articlePath(ctx, translation) : urls.home(otherLocale(locale)),
      jsonLd: qaPageLd(answer, locale),
    },
    urls,
    main,
  );
}

/** The friendly 404: what happened, a search box, the way back. */
export function renderNotFound(ctx: HelpContext): string {
  const { locale, urls } = ctx;
  const main = html`<h1>${say(locale, 'notFoundTitle')}</h1>
<p>${say(locale, 'notFoundText')}</p>
${searchForm(ctx)}
<p><a href="${urls.home(locale)}">${say(locale, 'back')}</a></p>`;
  return renderPage(
    {
      locale,
      siteName: ctx.siteName,
      title: say(locale, 'notFoundTitle'),
      description: say(locale, 'notFoundText'),
      alternates: {},
      otherLanguagePath: urls.home(otherLocale(locale)),
    },
    urls,
    main,
  );
}
