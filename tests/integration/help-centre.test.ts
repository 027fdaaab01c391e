/**
 * The public help centre against the real app on port 0: two sites (a crafted FAQ first, the
 * demo FAQ second), pages in both locales, the sitemap, hreflang, JSON-LD, search and escaping.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaqEntry } from '../../protocol/types.js';
import { DEMO_FAQ } from '../../server/config.js';
import { startHarness, type Harness } from './harness.js';

const HOSTILE = 'Is <script>alert("x")</script> safe?';
const FAQ: FaqEntry[] = [
  {
    id: 'en-parcel',
    locale: 'en',
    category: 'Orders',
    question: 'Where is my parcel?',
    answer: 'Follow it from **My account → Orders**. It updates daily.',
  },
  {
    id: 'fa-parcel',
    locale: 'fa',
    category: 'سفارش‌ها',
    question: 'بسته‌ام کجاست؟',
    answer: 'از **حساب من ← سفارش‌ها** دنبالش کنید. هر روز به‌روز می‌شود.',
  },
  {
    id: 'money',
    locale: 'en',
    category: 'Payments',
    question: 'How do I get my money back?',
    answer: 'We send refunds within five business days. Ask us if it takes longer.',
  },
  {
    id: 'pool',
    locale: 'fa',
    category: 'پرداخت',
    question: 'پولم را چطور پس بگیرم؟',
    answer: 'بازپرداخت ظرف پنج روز کاری انجام می‌شود.',
    translationOf: 'money',
  },
  {
    id: 'en-hostile',
    locale: 'en',
    category: '<img src=x onerror=alert(1)>',
    question: HOSTILE,
    answer: 'Plain <script>alert(2)</script> text & more.',
  },
  { id: 'en-lonely', locale: 'en', question: 'Do you sell gift cards?', answer: 'Not yet.' },
];

let h: Harness;
let dir: string;

const get = (path: string, init: RequestInit = {}) => fetch(`${h.url}${path}`, { redirect: 'manual', ...init });
const page = async (path: string) => {
  const response = await get(path);
  return { response, body: await response.text() };
};
const jsonLd = (body: string): Record<string, any> => {
  const scripts = [...body.matchAll(/<script type="application\/ld\+json">([^<]*)<\/script>/g)];
  expect(scripts).toHaveLength(1);
  return JSON.parse(scripts[0]![1]!);
};
const links = (body: string, rel: string) =>
  Object.fromEntries(
    [...body.matchAll(new RegExp(`<link rel="${rel}"(?: hreflang="(\\w+)")? href="([^"]+)">`, 'g'))].map((m) => [
      m[1] ?? rel,
      m[2]!.replaceAll('&amp;', '&'),
    ]),
  );
const pathOf = (url: string) => url.slice(h.url.length);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pasokh-help-'));
  writeFileSync(join(dir, 'faq.json'), JSON.stringify(FAQ));
  writeFileSync(
    join(dir, 'pasokh.config.json'),
    JSON.stringify({
      sites: [
        { key: 'shop', name: 'Shop & Co', faq: 'faq.json' },
        { key: 'demo', name: 'Demo', faq: DEMO_FAQ },
      ],
    }),
  );
  h = await startHarness({ env: { PASOKH_CONFIG: join(dir, 'pasokh.config.json') } });
  // Views before any page is asked for: the front page's popular list is cached a minute.
  const at = new Date().toISOString();
  await h.store.recordFaqEvents([1, 2, 3].map(() => ({ kind: 'view' as const, site: 'demo', articleId: 'en-gift-wrap', at })));
  await h.store.recordFaqEvents([{ kind: 'view', site: 'demo', articleId: 'en-warranty', at }]);
});

afterAll(async () => {
  await h?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the help centre front page', () => {
  it('lists the default site’s topics and answers in English, with a search form that needs no script', async () => {
    const { response, body } = await page('/help');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(body).toMatch(/^<!DOCTYPE html>\n<html lang="en" dir="ltr">/);
    expect(body).toContain('<title>Help centre · Shop &amp; Co</title>');
    expect(body).toContain('<form role="search" method="get" action="/help">');
    expect(body).toContain('<a href="/help/where-is-my-parcel">Where is my parcel?</a>');
    expect(body).toContain('<a href="#topic-2">Payments</a>');
    expect(body).not.toContain('بسته‌ام کجاست');
    expect(body).not.toMatch(/<script(?! type="application\/ld\+json")/);
  });

  it('is FAQPage JSON-LD with every English answer of the page', async () => {
    const ld = jsonLd((await page('/help')).body);
    expect(ld['@type']).toBe('FAQPage');
    expect(ld.mainEntity.map((q: any) => q.name).sort()).toEqual(
      FAQ.filter((e) => e.locale === 'en')
        .map((e) => e.question)
        .sort(),
    );
    const money = ld.mainEntity.find((q: any) => q.name === 'How do I get my money back?');
    expect(money.acceptedAnswer).toMatchObject({
      '@type': 'Answer',
      text: 'We send refunds within five business days. Ask us if it takes longer.',
      url: `${h.url}/help/how-do-i-get-my-money-back`,
    });
  });

  it('links the two front pages to each other with hreflang', async () => {
    expect(links((await page('/help')).body, 'alternate')).toEqual({ en: `${h.url}/help`, fa: `${h.url}/help/fa` });
    expect(links((await page('/help/fa')).body, 'alternate')).toEqual({ en: `${h.url}/help`, fa: `${h.url}/help/fa` });
  });

  it('is Persian and right-to-left at /help/fa', async () => {
    const { response, body } = await page('/help/fa');
    expect(response.status).toBe(200);
    expect(body).toContain('<html lang="fa" dir="rtl">');
    expect(body).toContain('<h1>مرکز راهنما</h1>');
    expect(body).toContain(`<a href="/help/fa/${encodeURIComponent('بستهام-کجاست')}">بسته‌ام کجاست؟</a>`);
    expect(body).not.toContain('Where is my parcel?');
  });

  it('lists the most viewed answers first, from the FAQ view events', async () => {
    const { body } = await page('/help?site=demo');
    const popular =
      /<h2 id="popular">[^<]*<\/h2>\n<ul class="answers">\n<li><a href="([^"]+)">([^<]+)<\/a>[\s\S]*?<li><a href="[^"]+">([^<]+)<\/a>/.exec(
        body,
      );
    expect(popular?.[1]).toBe('/help/can-i-send-an-order-as-a-gift?site=demo');
    expect(popular?.[3]).toBe('Do your products have a warranty?');
  });
});

describe('search on the help centre', () => {
  it('finds an answer by words from its body, with the widget’s search, in English', async () => {
    const { body } = await page(`/help?q=${encodeURIComponent('refunds five days')}`);
    const results = /<section aria-labelledby="results">([\s\S]*?)<\/section>/.exec(body)?.[1] ?? '';
    expect(results).toContain('Answers for “refunds five days”');
    expect(/<li><a href="([^"]+)">/.exec(results)?.[1]).toBe('/help/how-do-i-get-my-money-back');
    expect(results).not.toContain('پولم');
  });

  it('finds the Persian answer on the Persian page, Arabic spelling included', async () => {
    const { body } = await page(`/help/fa?q=${encodeURIComponent('بسته ام كجاست')}`);
    const results = /<section aria-labelledby="results">([\s\S]*?)<\/section>/.exec(body)?.[1] ?? '';
    expect(/<li><a href="([^"]+)">/.exec(results)?.[1]).toBe(`/help/fa/${encodeURIComponent('بستهام-کجاست')}`);
  });

  it('finds the Persian answer for Persian typed with the keyboard still on English', async () => {
    // «بسته ام کجاست» (where is my package), key for key on the English layout.
    const { body } = await page(`/help/fa?q=${encodeURIComponent('fsji hl ;[hsj')}`);
    const results = /<section aria-labelledby="results">([\s\S]*?)<\/section>/.exec(body)?.[1] ?? '';
    expect(/<li><a href="([^"]+)">/.exec(results)?.[1]).toBe(`/help/fa/${encodeURIComponent('بستهام-کجاست')}`);
  });

  it('finds the Persian answer on the Persian page for a Latin word alone, as the widget does', async () => {
    // «PDF» is in the Persian answer and in its English twin: read as an English query, the
    // English answer came first, the Persian one was left out as its translation, and the
    // Persian page then showed nothing.
    const { body } = await page('/help/fa?site=demo&q=PDF');
    const results = /<section aria-labelledby="results">([\s\S]*?)<\/section>/.exec(body)?.[1] ?? '';
    const first = /<li><a href="([^"]+)">/.exec(results)?.[1] ?? '';
    expect(decodeURIComponent(first)).toBe('/help/fa/فاکتور-خریدم-را-از-کجا-دریافت-کنم?site=demo');
  });

  it('says so when nothing matches, and shows the query as text', async () => {
    const { response, body } = await page(`/help?q=${encodeURIComponent('<b>zzqx</b>')}`);
    expect(response.status).toBe(200);
    expect(body).toContain('No answer matched “&lt;b&gt;zzqx&lt;/b&gt;”');
    expect(body).toContain('value="&lt;b&gt;zzqx&lt;/b&gt;"');
    expect(body).not.toContain('<b>zzqx');
  });

  it('lists the answers closest to a query it is not sure of, as the widget does', async () => {
    const { body } = await page(`/help?site=demo&q=${encodeURIComponent('send it to my aunt abroad')}`);
    const results = /<section aria-labelledby="results">([\s\S]*?)<\/section>/.exec(body)?.[1] ?? '';
    expect(results).toContain('No answer matched “send it to my aunt abroad”');
    expect(results).toContain('<h3>Closest answers</h3>');
    expect(/<li><a href="([^"]+)">/.exec(results)?.[1]).toBe('/help/do-you-ship-internationally?site=demo');
    // Nothing of it in the FAQ: no list.
    const none = await page(`/help?site=demo&q=${encodeURIComponent('xylophone quantum astrology')}`);
    expect(none.body).not.toContain('Closest answers');
  });

  it('keeps the chosen site in the form and the links of another site', async () => {
    const { body } = await page('/help?site=demo&q=refund');
    expect(body).toContain('<input type="hidden" name="site" value="demo">');
    expect(body).toMatch(/<section aria-labelledby="results">[\s\S]*?<a href="\/help\/when-will-i-get-my-refund\?site=demo">/);
  });
});

describe('one answer', () => {
  it('shows the sanitised answer with title, description, canonical and QAPage JSON-LD', async () => {
    const { response, body } = await page('/help/how-do-i-get-my-money-back');
    expect(response.status).toBe(200);
    expect(body).toContain('<h1>How do I get my money back?</h1>');
    expect(body).toContain('<title>How do I get my money back? · Shop &amp; Co</title>');
    expect(body).toContain('<meta name="description" content="We send refunds within five business days.">');
    expect(links(body, 'canonical')).toEqual({ canonical: `${h.url}/help/how-do-i-get-my-money-back` });
    const ld = jsonLd(body);
    expect(ld['@type']).toBe('QAPage');
    expect(ld.mainEntity).toMatchObject({
      '@type': 'Question',
      name: 'How do I get my money back?',
      acceptedAnswer: { text: 'We send refunds within five business days. Ask us if it takes longer.' },
    });
  });

  it('links translations both ways with hreflang, by id prefix and by translationOf', async () => {
    for (const [en, fa] of [
      ['/help/where-is-my-parcel', `/help/fa/${encodeURIComponent('بستهام-کجاست')}`],
      ['/help/how-do-i-get-my-money-back', `/help/fa/${encodeURIComponent('پولم-را-چطور-پس-بگیرم')}`],
    ] as const) {
      const expected = { en: `${h.url}${en}`, fa: `${h.url}${fa}` };
      expect(links((await page(en)).body, 'alternate')).toEqual(expected);
      const persian = await page(fa);
      expect(persian.response.status).toBe(200);
      expect(persian.body).toContain('<html lang="fa" dir="rtl">');
      expect(links(persian.body, 'alternate')).toEqual(expected);
    }
    expect(links((await page('/help/do-you-sell-gift-cards')).body, 'alternate')).toEqual({
      en: `${h.url}/help/do-you-sell-gift-cards`,
    });
  });

  it('redirects an answer’s id to its slug, in its own locale', async () => {
    const en = await get('/help/money');
    expect(en.status).toBe(301);
    expect(en.headers.get('location')).toBe('/help/how-do-i-get-my-money-back');
    const fa = await get('/help/fa-parcel');
    expect(fa.status).toBe(301);
    expect(fa.headers.get('location')).toBe(`/help/fa/${encodeURIComponent('بستهام-کجاست')}`);
    const other = await get('/help/en-gift-wrap?site=demo');
    expect(other.headers.get('location')).toBe('/help/can-i-send-an-order-as-a-gift?site=demo');
  });

  it('redirects a front page asked for with a trailing slash to the one without, keeping the query', async () => {
    expect((await get('/help/?site=demo')).headers.get('location')).toBe('/help?site=demo');
    expect((await get('/help/fa/')).headers.get('location')).toBe('/help/fa');
  });

  it('renders a question, category and answer containing <script> as text', async () => {
    const { response, body } = await page('/help/is-script-alert-x-script-safe');
    expect(response.status).toBe(200);
    expect(body).toContain('<h1>Is &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; safe?</h1>');
    expect(body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(body).not.toContain('alert(2)');
    expect(body.match(/<script/g)).toHaveLength(1);
    expect(body).not.toContain('<img');
    expect(jsonLd(body).mainEntity.name).toBe(HOSTILE);
  });

  it('answers an unknown slug with a friendly 404 page in the page’s language', async () => {
    const en = await page('/help/no-such-answer');
    expect(en.response.status).toBe(404);
    expect(en.response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(en.body).toContain('<h1>We could not find that page</h1>');
    expect(en.body).toContain('<meta name="robots" content="noindex">');
    expect(en.body).toContain('<form role="search"');
    const fa = await page(`/help/fa/${encodeURIComponent('هیچ')}`);
    expect(fa.response.status).toBe(404);
    expect(fa.body).toContain('<html lang="fa" dir="rtl">');
    expect(fa.body).toContain('<h1>این صفحه پیدا نشد</h1>');
    expect((await page('/help?site=nope')).response.status).toBe(404);
  });
});

describe('headers', () => {
  it('sends a CSP without script, frame denial and nosniff, like the console', async () => {
    const { response } = await page('/help/fa');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'none'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('tags pages with the FAQ version and answers 304 to a matching If-None-Match', async () => {
    const version = JSON.parse(await (await get('/api/faq?site=shop')).text()).version as string;
    const first = await get('/help/where-is-my-parcel');
    const etag = first.headers.get('etag') ?? '';
    expect(etag.startsWith(`"${version}-`)).toBe(true);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const again = await get('/help/where-is-my-parcel', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const other = await get('/help/do-you-sell-gift-cards', { headers: { 'if-none-match': etag } });
    expect(other.status).toBe(200);
  });
});

describe('the sitemap', () => {
  it('lists every answer of every site in both locales, and nothing else', async () => {
    const response = await get('/sitemap.xml');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const xml = await response.text();
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/,
    );
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
    const demo = (await (await get('/api/faq?site=demo')).json()) as { docs: { id: string }[] };
    expect(locs).toHaveLength(FAQ.length + demo.docs.length);
    expect(new Set(locs).size).toBe(locs.length);
    const canonicals = new Set<string>();
    const ids = new Set<string>();
    for (const loc of locs) {
      const { response: answer, body } = await page(pathOf(loc));
      expect(answer.status, loc).toBe(200);
      expect(jsonLd(body)['@type']).toBe('QAPage');
      canonicals.add(links(body, 'canonical').canonical!);
      ids.add(jsonLd(body).mainEntity.name);
    }
    expect(canonicals).toEqual(new Set(locs));
    expect(ids.has(HOSTILE)).toBe(true);
    expect(locs.filter((l) => l.includes('?site=demo'))).toHaveLength(demo.docs.length);
  });
});
