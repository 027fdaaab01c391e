import { createHash } from 'node:crypto';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FaqPayload } from '../../protocol/faq.js';
import { checkFaq, createFaqLibrary, FaqError, renderAnswer, runFaqCheck, type FaqLibrary } from '../../server/faq/index.js';
import { createFaqSearch } from '../../widget/search/index.js';

const fixture = (path: string): string => new URL(`../fixtures/faq/${path}`, import.meta.url).pathname;
const demoFaq = new URL('../../demo/faq.json', import.meta.url).pathname;

const open: FaqLibrary[] = [];
const temp: string[] = [];
afterEach(async () => {
  for (const lib of open.splice(0)) lib.close();
  for (const dir of temp.splice(0)) await rm(dir, { recursive: true, force: true });
});
const library = async (source: string, extra: Partial<Parameters<typeof createFaqLibrary>[0]> = {}): Promise<FaqLibrary> => {
  const lib = await createFaqLibrary({ source, site: 'test', ...extra });
  open.push(lib);
  return lib;
};

describe('FAQ sources', () => {
  it('loads a JSON array of entries', async () => {
    const lib = await library(fixture('faq.json'));
    expect(lib.entries().map((e) => e.id)).toEqual(['en-refund', 'fa-refund']);
    expect(lib.entries()[1]?.category).toBe('مرجوعی');
  });
  it('loads a folder of Markdown files with front matter', async () => {
    const lib = await library(fixture('md'));
    const refund = lib.entries().find((e) => e.id === 'en-refund');
    expect(refund).toMatchObject({
      locale: 'en',
      question: 'When will I get my refund?',
      keywords: ['refund', 'money back'],
      synonyms: ['reimbursement'],
      category: 'Returns',
    });
    expect(refund?.answer).toMatch(/^Refunds take 3–5 business days\.\n\n- Cards/);
    expect(lib.entries().find((e) => e.id === 'fa-password')?.question).toBe('رمز عبورم را فراموش کرده‌ام');
  });
  it('loads CSV with |-separated keywords and multi-line answers', async () => {
    const lib = await library(fixture('faq.csv'));
    expect(lib.entries()[0]).toMatchObject({
      id: 'en-refund',
      keywords: ['refund', 'money back'],
      synonyms: ['reimbursement'],
      category: 'Returns',
    });
    expect(lib.entries()[0]?.answer).toContain('\n\nSee [our policy]');
    expect(lib.entries()[1]?.keywords).toEqual(['بازگشت وجه', 'استرداد']);
  });
  it('refuses to start on an invalid FAQ and says what is wrong', async () => {
    await expect(createFaqLibrary({ source: fixture('broken/faq.json'), site: 'test' })).rejects.toThrow(FaqError);
    await expect(createFaqLibrary({ source: fixture('broken/faq.json'), site: 'test' })).rejects.toThrow(/Duplicate id "en-a"/);
  });
});

describe('answers', () => {
  it('renders Markdown to HTML with safe links opening in a new tab', async () => {
    const html = (await library(fixture('faq.json'))).article('en-refund')?.html ?? '';
    expect(html).toContain('<strong>3–5 business days</strong>');
    expect(html).toContain('<a href="https://example.com/refunds" target="_blank" rel="noopener noreferrer">our policy</a>');
    expect(html).toContain('href="mailto:help@example.com"');
  });
  it('removes a <script> and a javascript: link', async () => {
    const html = (await library(fixture('faq.json'))).article('en-refund')?.html ?? '';
    expect(html).not.toMatch(/<script|alert\('x'\)|javascript:/i);
    expect(html).toContain('click me');
  });
  it('drops event handlers and other schemes from raw HTML', () => {
    const html = renderAnswer('<img src=x onerror=alert(1)> <a href="data:text/html,x" onclick="y()">d</a> [v](vbscript:x)');
    expect(html).not.toMatch(/onerror|onclick|data:|vbscript|<img/i);
  });
  it('returns undefined for an unknown article', async () => {
    expect((await library(fixture('faq.json'))).article('nope')).toBeUndefined();
  });
});

describe('search payload', () => {
  it('carries docs and a prebuilt index but no full answers, with a stable ETag', async () => {
    const lib = await library(fixture('faq.json'));
    const { body, etag, version } = lib.payload();
    const payload = JSON.parse(body) as FaqPayload;
    // The version and the body's digest: an upgrade that indexes the same FAQ otherwise sends
    // another body, which a browser holding the old one must not be told is current.
    expect(etag).toBe(`"${version}-${createHash('sha256').update(body).digest('base64url').slice(0, 12)}"`);
    expect(payload).toMatchObject({ site: 'test', version, locales: ['en', 'fa'], vocabulary: true });
    expect(body).not.toContain('alert');
    expect(lib.payload()).toBe(lib.payload());
    const again = await library(fixture('faq.json'));
    expect(again.payload().etag).toBe(etag);
    expect(createFaqSearch(payload.docs, { index: payload.index }).search('refund')[0]?.id).toBe('en-refund');
  });
  it('leaves the end of every answer out (answers come one by one when opened)', async () => {
    const lib = await library(demoFaq);
    const { body } = lib.payload();
    const endings = lib.entries().map((e) => e.answer.split(/\s+/).slice(-4).join(' '));
    expect(endings.filter((end) => body.includes(end))).toEqual([]);
  });
});

describe('checkFaq', () => {
  it('finds nothing wrong with the demo FAQ', async () => {
    const { entries, problems } = await checkFaq(demoFaq);
    expect(problems).toEqual([]);
    expect(entries.filter((e) => e.locale === 'en').length).toBeGreaterThanOrEqual(40);
    expect(entries.filter((e) => e.locale === 'fa').length).toBeGreaterThanOrEqual(40);
  });
  it('reports duplicate ids, empty answers, unknown locales and missing questions with their lines', async () => {
    const { entries, problems } = await checkFaq(fixture('broken/faq.json'));
    expect(entries.map((e) => e.id)).toEqual(['en-a']);
    expect(problems.map((p) => [p.line, p.message.replace(/\(first.*/, '').trim()])).toEqual([
      [8, 'Duplicate id "en-a"'],
      [14, '"en-empty" has an empty answer.'],
      [20, '"de-x" has unknown locale "de" (expected en or fa).'],
      [26, '"en-noq" has no question.'],
    ]);
  });
  it('reports a JSON syntax error on its line', async () => {
    const { problems } = await checkFaq(fixture('broken/syntax.json'));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.line).toBe(3);
  });
  it('reports broken front matter and broken Markdown in a folder with file and line', async () => {
    const { problems } = await checkFaq(fixture('broken/md'));
    const byFile = Object.fromEntries(problems.map((p) => [p.file.split('/').pop(), p]));
    expect(byFile['front.md']?.message).toMatch(/Broken front matter/);
    expect(byFile['front.md']?.line).toBeGreaterThanOrEqual(4);
    expect(byFile['fence.md']).toMatchObject({ line: 8 });
    expect(byFile['fence.md']?.message).toMatch(/never closed/);
  });
  it('reports CSV problems on the line of the record', async () => {
    const { problems } = await checkFaq(fixture('broken/faq.csv'));
    expect(problems.map((p) => p.line)).toEqual([3, 4]);
  });
  it('warns about an unsafe link without rejecting the FAQ', async () => {
    const { problems } = await checkFaq(fixture('faq.json'));
    expect(problems).toEqual([
      expect.objectContaining({ line: 2, warning: true, message: expect.stringMatching(/"javascript:" link will be removed/) }),
    ]);
  });
});

describe('pasokh faq check', () => {
  it('prints problems line by line and exits 1', async () => {
    const lines: string[] = [];
    const code = await runFaqCheck(['check', fixture('broken/faq.json')], (l) => lines.push(l));
    expect(code).toBe(1);
    expect(lines[0]).toMatch(/broken\/faq\.json:8: Duplicate id "en-a"/);
    expect(lines.at(-1)).toMatch(/4 problems; 1 valid entry \(/);
  });
  it('prints the top hits for a query with their scores and exits 0', async () => {
    const lines: string[] = [];
    const code = await runFaqCheck([demoFaq, '--query', 'money back'], (l) => lines.push(l));
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/^OK: 82 entries \(en, fa\)\.$/);
    expect(lines[2]).toMatch(/^ {2}1\. 0\.\d{3} {2}en-refund-policy {2}When will I get my refund\?$/);
  });
  it("searches with the page's language when given one, as the widget does", async () => {
    // "PDF" alone reads as English; on a Persian page it is a Persian visitor's question.
    const top = async (...extra: string[]): Promise<string | undefined> => {
      const lines: string[] = [];
      expect(await runFaqCheck([demoFaq, '--query', 'PDF', ...extra], (l) => lines.push(l))).toBe(0);
      return /^ {2}1\. \S+ {2}(\S+)/.exec(lines[2] ?? '')?.[1];
    };
    expect(await top()).toBe('en-invoices');
    expect(await top('--locale', 'fa')).toBe('fa-invoices');
    expect(await top('--locale=en')).toBe('en-invoices');
    const lines: string[] = [];
    expect(await runFaqCheck([demoFaq, '--query', 'PDF', '--locale', 'de'], (l) => lines.push(l))).toBe(2);
    expect(lines[0]).toMatch(/--locale en\|fa/);
  });
  it('says when nothing matches', async () => {
    const lines: string[] = [];
    await runFaqCheck([demoFaq, '--query=bitcoin mining rigs'], (l) => lines.push(l));
    expect(lines.at(-1)).toMatch(/No hits/);
  });
  it('prints usage and exits 2 without a path', async () => {
    const lines: string[] = [];
    expect(await runFaqCheck(['check'], (l) => lines.push(l))).toBe(2);
    expect(lines[0]).toMatch(/Usage: pasokh faq check/);
  });
});

describe('watching the FAQ', () => {
  const until = async (check: () => boolean, ms = 5000): Promise<void> => {
    const end = Date.now() + ms;
    while (!check()) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('picks up an edit without a restart and keeps the last good FAQ after a bad one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pasokh-faq-'));
    temp.push(dir);
    const file = join(dir, 'faq.json');
    await cp(fixture('faq.json'), file);
    const reloads: (Error | undefined)[] = [];
    const lib = await library(file, { watch: true, onReload: (e) => reloads.push(e) });
    const first = lib.payload().etag;

    const entries = lib.entries().map((e) => (e.id === 'fa-refund' ? { ...e, question: 'بازگشت وجه چقدر طول می‌کشد؟' } : e));
    await writeFile(file, JSON.stringify(entries));
    await until(() => reloads.length > 0);
    expect(reloads[0]).toBeUndefined();
    expect(lib.payload().etag).not.toBe(first);
    expect(lib.entries()[1]?.question).toBe('بازگشت وجه چقدر طول می‌کشد؟');

    const good = lib.payload().etag;
    await writeFile(file, '[{ "id": "broken", ');
    await until(() => reloads.length > 1);
    expect(reloads.at(-1)).toBeInstanceOf(Error);
    expect(lib.payload().etag).toBe(good);
    expect(lib.entries()).toHaveLength(2);
  });

  it('picks up a new file in a Markdown folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pasokh-md-'));
    temp.push(dir);
    await cp(fixture('md'), dir, { recursive: true });
    const reloads: (Error | undefined)[] = [];
    const lib = await library(dir, { watch: true, onReload: (e) => reloads.push(e) });
    await writeFile(join(dir, 'new.md'), '---\nid: en-new\nlocale: en\nquestion: Is this new?\n---\nYes.\n');
    await until(() => lib.entries().some((e) => e.id === 'en-new'));
    expect(lib.article('en-new')?.html).toBe('<p>Yes.</p>');
  });
});
