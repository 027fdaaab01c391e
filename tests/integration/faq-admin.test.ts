/**
 * The console's FAQ editor API against the real server and a real SQLite store: a site managed
 * in the console starts with its file imported once, and every published change is what the
 * next GET /api/faq serves, under a new ETag.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaqPayload } from '../../protocol/faq.js';
import type { FaqAdminList, FaqEntryRecord } from '../../protocol/faq-admin.js';
import { startHarness, type Harness } from './harness.js';

const FIXTURE = resolve(import.meta.dirname, '../fixtures/faq/faq.json');
const CONTENT = {
  locale: 'en',
  question: 'Can I pay with a gift card?',
  answer: 'Yes: gift cards work at **checkout**.',
  keywords: ['voucher'],
};

describe('FAQ editor API', () => {
  let h: Harness;
  let admin: string;
  let agent: string;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pasokh-faq-admin-'));
    const config = join(dir, 'pasokh.config.json');
    writeFileSync(
      config,
      JSON.stringify({
        sites: [
          { key: 'default', faq: FIXTURE, faqSource: 'database' },
          { key: 'files', faq: FIXTURE },
          { key: 'team', faqSource: 'database', faqEditors: 'agents' },
        ],
      }),
    );
    h = await startHarness({ env: { PASOKH_CONFIG: config } });
    admin = await h.login();
    agent = await h.addAgent('agent@example.com', 'Sam');
  });
  afterAll(async () => {
    await h.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = async (cookie: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${h.url}${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const faq = async () => {
    const response = await fetch(`${h.url}/api/faq?site=default`);
    return { etag: response.headers.get('etag'), payload: (await response.json()) as FaqPayload };
  };

  it('imports the site file once and lists it as editable for an admin', async () => {
    const { status, body } = await call(admin, 'GET', '/api/console/faq?site=default');
    const list = body as unknown as FaqAdminList;
    expect(status).toBe(200);
    expect(list).toMatchObject({ source: 'database', editable: true });
    expect(list.entries.map((e) => e.id)).toEqual((await faq()).payload.docs.map((d) => d.id));
    expect(list.entries.length).toBeGreaterThan(1);
  });

  it('serves a published answer under a new ETag, and a draft not at all', async () => {
    const before = await faq();
    const draft = await call(admin, 'POST', '/api/console/faq?site=default', { id: 'gift-cards', content: CONTENT });
    expect(draft.status).toBe(201);
    expect((await faq()).etag).toBe(before.etag);

    const published = await call(admin, 'POST', '/api/console/faq/gift-cards/publish?site=default');
    expect((published.body.entry as FaqEntryRecord).status).toBe('published');
    const after = await faq();
    expect(after.etag).not.toBe(before.etag);
    expect(after.payload.docs.find((d) => d.id === 'gift-cards')?.question).toBe(CONTENT.question);
    const article = await (await fetch(`${h.url}/api/faq/gift-cards?site=default`)).json();
    expect(article.html).toContain('<strong>checkout</strong>');
    // The help centre reads the same library: the answer is a page there too.
    const page = await fetch(`${h.url}/help/gift-cards`, { redirect: 'follow' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(CONTENT.question);
  });

  it('hides a deleted answer from visitors and brings it back on undo', async () => {
    await call(admin, 'POST', '/api/console/faq?site=default', { id: 'to-delete', content: CONTENT, publish: true });
    expect((await faq()).payload.docs.some((d) => d.id === 'to-delete')).toBe(true);
    expect((await call(admin, 'POST', '/api/console/faq/to-delete/delete?site=default')).status).toBe(200);
    expect((await faq()).payload.docs.some((d) => d.id === 'to-delete')).toBe(false);
    const listed = (await call(admin, 'GET', '/api/console/faq?site=default&deleted=1')).body as unknown as FaqAdminList;
    expect(listed.entries.find((e) => e.id === 'to-delete')?.deletedAt).toBeTruthy();
    await call(admin, 'POST', '/api/console/faq/to-delete/undelete?site=default');
    expect((await faq()).payload.docs.some((d) => d.id === 'to-delete')).toBe(true);
  });

  it('keeps revisions, restores one as a draft, and refuses a stale save', async () => {
    await call(admin, 'POST', '/api/console/faq?site=default', {
      id: 'history',
      content: { ...CONTENT, answer: 'first' },
      publish: true,
    });
    await call(admin, 'PUT', '/api/console/faq/history?site=default', {
      content: { ...CONTENT, answer: 'second' },
      publish: true,
      baseRevision: 1,
    });
    const stale = await call(admin, 'PUT', '/api/console/faq/history?site=default', {
      content: { ...CONTENT, answer: 'third' },
      baseRevision: 1,
    });
    expect(stale.status).toBe(409);
    const revisions = (await call(admin, 'GET', '/api/console/faq/history/revisions?site=default')).body.revisions as {
      revision: number;
    }[];
    expect(revisions.map((r) => r.revision)).toEqual([2, 1]);
    const restored = (await call(admin, 'POST', '/api/console/faq/history/revisions/1/restore?site=default')).body
      .entry as FaqEntryRecord;
    expect(restored).toMatchObject({ answer: 'first', status: 'draft', published: { answer: 'second' } });
  });

  it('picks up a change another process published, within two seconds', async () => {
    // Written straight to the database, as a second server behind the load balancer would.
    await h.store.saveFaqEntry({
      site: 'default',
      id: 'from-elsewhere',
      content: { ...CONTENT, keywords: [], phrasings: [], category: null, translationOf: null, locale: 'en' },
      publish: true,
      by: null,
    });
    const started = Date.now();
    while (!(await faq()).payload.docs.some((d) => d.id === 'from-elsewhere')) {
      expect(Date.now() - started).toBeLessThan(2000);
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  it('searches the list by any of the answer’s words', async () => {
    const list = (await call(admin, 'GET', '/api/console/faq?site=default&q=CHECKOUT')).body as unknown as FaqAdminList;
    expect(list.entries.map((e) => e.id)).toContain('gift-cards');
    expect(
      list.entries.every((e) => `${e.question} ${e.answer} ${e.keywords.join(' ')}`.toLowerCase().includes('checkout')),
    ).toBe(true);
  });

  it('rejects a bad payload with a sentence and saves nothing', async () => {
    const bad = await call(admin, 'POST', '/api/console/faq?site=default', {
      id: 'bad',
      content: { ...CONTENT, locale: 'de', question: '' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_payload' });
    expect((await call(admin, 'GET', '/api/console/faq/bad?site=default')).status).toBe(404);
    const huge = await call(admin, 'POST', '/api/console/faq?site=default', {
      content: { ...CONTENT, answer: 'x'.repeat(20_001) },
    });
    expect(huge.status).toBe(400);
  });

  it('lets an agent read but not edit unless the site allows agents', async () => {
    const list = (await call(agent, 'GET', '/api/console/faq?site=default')).body as unknown as FaqAdminList;
    expect(list.editable).toBe(false);
    const refused = await call(agent, 'POST', '/api/console/faq?site=default', { content: CONTENT });
    expect(refused.status).toBe(403);
    expect((await call('', 'GET', '/api/console/faq?site=default')).status).toBe(401);
  });

  it('lets any agent of a site edit when the site allows agents, and hides sites an agent does not serve', async () => {
    const list = (await call(agent, 'GET', '/api/console/faq?site=team')).body as unknown as FaqAdminList;
    expect(list).toMatchObject({ editable: true, entries: [] });
    expect((await call(agent, 'POST', '/api/console/faq?site=team', { content: CONTENT, publish: true })).status).toBe(201);
    const scoped = await h.addAgent('scoped@example.com', 'Scoped');
    await h.store.updateAgent((await h.store.findAgentByEmail('scoped@example.com'))!.id, { sites: ['default'] });
    expect((await call(scoped, 'GET', '/api/console/faq?site=team')).status).toBe(404);
  });

  it('keeps a file-managed FAQ read-only in the console', async () => {
    const list = (await call(admin, 'GET', '/api/console/faq?site=files')).body as unknown as FaqAdminList;
    expect(list).toMatchObject({ source: 'files', editable: false });
    expect(list.entries.length).toBeGreaterThan(1);
    const refused = await call(admin, 'POST', '/api/console/faq?site=files', { content: CONTENT });
    expect(refused.status).toBe(403);
    expect((refused.body.error as { message: string }).message).toMatch(/managed in files/);
  });

  it('renders the preview with the visitors’ sanitiser', async () => {
    const { body } = await call(admin, 'POST', '/api/console/faq-preview', {
      markdown: '**bold** <script>alert(1)</script> [x](javascript:alert(1))',
    });
    expect(body.html).toContain('<strong>bold</strong>');
    expect(body.html).not.toMatch(/script|javascript/);
  });
});
