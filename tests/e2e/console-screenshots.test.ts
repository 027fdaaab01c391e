/**
 * The README's pictures, taken from the real product in Chromium with realistic conversations:
 * the widget searching, a chat seen from both sides, the console in English and Persian, and
 * the Persian widget. Written to tests/e2e/screenshots/; with PASOKH_UPDATE_DOCS=1 also copied to
 * docs/. Each step asserts what the picture is meant to show, so a broken screen fails here.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VisitorClientToServer, VisitorHello, VisitorMessageSend, VisitorServerToClient } from '../../protocol/events.js';
import {
  addAgentAsAdmin,
  consoleApi,
  launchChromium,
  loginCookie,
  ROOT,
  SCREENSHOTS,
  signInConsole,
  startServerProcess,
  waitForWidgetApi,
  type ServerProcess,
} from './support.js';

const SECRET = 'screenshots-site-secret-42';
const DOCS = join(ROOT, 'docs');
const UPDATE_DOCS = process.env.PASOKH_UPDATE_DOCS === '1';
const UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';

let server: ServerProcess;
let browser: Browser;
const contexts: BrowserContext[] = [];
const visitorSockets: Socket[] = [];

const identity = (id: string, name: string) => ({ id, hash: createHmac('sha256', SECRET).update(id).digest('hex'), name });

/** A visitor from another browser (socket.io-client) who asks one question with its page context. */
async function seedConversation(
  user: { id: string; name: string },
  locale: string,
  text: string,
  context: VisitorMessageSend['context'],
): Promise<void> {
  const socket: Socket<VisitorServerToClient, VisitorClientToServer> = io(`${server.url}/visitor`, {
    auth: { site: 'default', user: identity(user.id, user.name), locale },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  visitorSockets.push(socket);
  await new Promise<VisitorHello>((resolve, reject) => {
    socket.once('hello', resolve);
    socket.once('connect_error', reject);
  });
  const ack = await socket
    .timeout(5000)
    .emitWithAck('message:send', { clientId: randomUUID(), text, ...(context ? { context } : {}) });
  expect(ack.ok).toBe(true);
}

async function newPage(options: { width: number; height: number; locale?: string }): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: options.width, height: options.height },
    deviceScaleFactor: 1,
    ...(options.locale ? { locale: options.locale } : {}),
  });
  contexts.push(context);
  return context.newPage();
}

/** Saves a screenshot under tests/e2e/screenshots/ (and docs/ when asked) and checks it is a real picture. */
async function save(page: Page, name: string): Promise<void> {
  const path = join(SCREENSHOTS, name);
  await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
  expect(statSync(path).size).toBeGreaterThan(20_000);
  if (UPDATE_DOCS) {
    mkdirSync(DOCS, { recursive: true });
    copyFileSync(path, join(DOCS, name));
  }
}

beforeAll(async () => {
  server = await startServerProcess({ PASOKH_SECRET: SECRET });
  browser = await launchChromium();
  const adminCookie = await loginCookie(server.url);
  const { agent: admin } = await consoleApi<{ agent: { id: string } }>(server.url, adminCookie, 'GET', '/api/me');
  await consoleApi(server.url, adminCookie, 'PATCH', `/api/agents/${admin.id}`, { name: 'Maryam' });
  await addAgentAsAdmin(server.url, adminCookie, { email: 'omid@example.com', name: 'Omid', password: 'second agent password' });
  await consoleApi(server.url, adminCookie, 'POST', '/api/saved-replies', {
    title: 'Greeting',
    text: 'Hi {name}, this is {agent}. Let me check that for you.',
  });
  await consoleApi(server.url, adminCookie, 'POST', '/api/saved-replies', {
    title: 'Refund timing',
    text: 'Refunds reach your card 3–5 business days after we issue them.',
  });

  // Two conversations already waiting, one of them in Persian, so the queue looks like a real day.
  await seedConversation(
    { id: 'c-2041', name: 'David Miller' },
    'en-CA',
    'Do you ship to Canada? The checkout page does not list it.',
    {
      url: `${server.url}/#shipping`,
      title: 'Pasokh Demo Store — handmade tea and ceramics',
      locale: 'en-CA',
      userAgent: UA,
      searches: [
        { query: 'ship canada', hits: 2 },
        { query: 'international delivery', hits: 3 },
      ],
      articles: [{ id: 'en-international-shipping', title: 'Do you ship internationally?', helpful: false }],
    },
  );
  await seedConversation(
    { id: 'c-3307', name: 'لیلا رضایی' },
    'fa-IR',
    'سلام، سه روز پیش سفارش دادم ولی هنوز کد رهگیری برایم نیامده.',
    {
      url: `${server.url}/fa`,
      title: 'فروشگاه نمونهٔ پاسخ — چای و سفال دست‌ساز',
      locale: 'fa-IR',
      userAgent: UA,
      searches: [
        { query: 'کد رهگیری', hits: 2 },
        { query: 'سفارشم کجاست', hits: 4 },
      ],
      articles: [{ id: 'fa-order-status', title: 'سفارشم کجاست؟', helpful: false }],
    },
  );
});
afterAll(async () => {
  for (const socket of visitorSockets) socket.disconnect();
  await Promise.all(contexts.splice(0).map((context) => context.close()));
  await browser?.close();
  await server?.stop();
});

describe('the README screenshots', () => {
  it('shows one chat from both sides, with the visitor’s searches beside it in the console', async () => {
    const agent = await newPage({ width: 1440, height: 900 });
    const queue = await signInConsole(agent, server.url);

    const visitor = await newPage({ width: 1280, height: 800 });
    await visitor.goto(`${server.url}/`);
    await waitForWidgetApi(visitor);
    await visitor.evaluate(
      (user) => (window as unknown as { Pasokh: (...args: unknown[]) => void }).Pasokh('identify', user),
      identity('c-1187', 'Sara'),
    );
    await visitor.getByRole('button', { name: 'Open help' }).click();
    await visitor.getByRole('searchbox', { name: 'Search' }).pressSequentially('refnd', { delay: 40 });
    await visitor.getByRole('link', { name: 'When will I get my refund?' }).click();
    await visitor.getByText('Was this helpful?').waitFor();
    await visitor.getByRole('button', { name: 'No', exact: true }).click();
    await visitor.getByRole('button', { name: 'Talk to a person' }).click();
    const message = visitor.getByRole('textbox', { name: 'Message' });
    await message.fill('Hi! I returned the turquoise tea glass set on the 3rd, but the refund is still not on my card.');
    await visitor.getByRole('button', { name: 'Send', exact: true }).click();

    const row = queue.getByRole('listitem').filter({ hasText: 'turquoise tea glass set' });
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    await agent.getByRole('button', { name: 'Claim' }).click();
    const reply = agent.getByRole('textbox', { name: 'Reply' });
    await reply.click();
    await reply.pressSequentially('/greet', { delay: 30 });
    await reply.press('Enter');
    await expect.poll(() => reply.inputValue()).toBe('Hi Sara, this is Maryam. Let me check that for you.');
    await reply.press('Enter');
    await visitor.getByText('Hi Sara, this is Maryam.').waitFor({ timeout: 10_000 });
    await reply.fill(
      'Your return reached our warehouse on the 6th and the refund of $38 went out today. Banks usually show it within 3–5 business days.',
    );
    await reply.press('Enter');
    await visitor.getByText('the refund of $38 went out today').waitFor({ timeout: 10_000 });
    await message.fill('Perfect, thank you so much!');
    await message.press('Enter');
    await agent.getByRole('log', { name: 'Messages' }).getByText('Perfect, thank you so much!').waitFor({ timeout: 10_000 });

    // The agent starts typing again: the visitor sees it.
    await reply.pressSequentially('You are welcome! ', { delay: 30 });
    await visitor.getByText('is typing').waitFor({ timeout: 10_000 });
    await save(visitor, 'widget-chat.png');

    const panel = agent.getByRole('complementary', { name: 'About the visitor' });
    await panel.getByText('refnd').waitFor();
    expect(await panel.textContent()).toContain('When will I get my refund?');
    await agent.mouse.move(0, 0);
    await save(agent, 'console.png');
  });

  it('shows the widget answering a search as the visitor types, with an agent online', async () => {
    const visitor = await newPage({ width: 1280, height: 800 });
    await visitor.goto(`${server.url}/`);
    await visitor.getByRole('button', { name: 'Open help' }).click();
    await visitor.getByRole('searchbox', { name: 'Search' }).pressSequentially('refund', { delay: 40 });
    await visitor.getByRole('link', { name: 'When will I get my refund?' }).waitFor();
    expect(await visitor.getByRole('list').getByRole('link').count()).toBeGreaterThan(1);
    await visitor.waitForTimeout(300);
    await save(visitor, 'widget.png');
  });

  it('shows the console in Persian, right to left', async () => {
    const agent = await newPage({ width: 1440, height: 900 });
    const queue = await signInConsole(agent, server.url);
    await agent.getByRole('button', { name: 'فارسی' }).click();
    const list = agent.getByRole('list', { name: 'گفتگوها' });
    await list.waitFor();
    expect(await agent.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await queue.count()).toBe(0); // the English name is gone
    const row = list.getByRole('listitem').filter({ hasText: 'کد رهگیری' });
    await row.click();
    await agent.getByRole('button', { name: 'پذیرفتن' }).click();
    const reply = agent.getByRole('textbox', { name: 'پاسخ' });
    await reply.fill('سلام لیلا جان، سفارش شما امروز صبح تحویل پست شد. کد رهگیری تا یک ساعت دیگر پیامک می‌شود.');
    await agent.getByRole('button', { name: 'ارسال', exact: true }).click();
    await agent.getByRole('log').getByText('سفارش شما امروز صبح تحویل پست شد').waitFor();
    await expect.poll(() => agent.locator('.msg-pending').count()).toBe(0);
    await agent.getByRole('complementary').getByText('کد رهگیری').first().waitFor();
    expect(await agent.getByRole('button', { name: 'بستن گفتگو' }).count()).toBe(1);
    await agent.mouse.move(0, 0);
    await save(agent, 'console-fa.png');
  });

  it('shows the Persian widget finding an answer typed with Arabic letters', async () => {
    const visitor = await newPage({ width: 1280, height: 800, locale: 'fa-IR' });
    await visitor.goto(`${server.url}/fa`);
    await visitor.getByRole('button', { name: 'بازکردن راهنما' }).click();
    const search = visitor.getByRole('searchbox');
    await search.pressSequentially('پيگيري سفارش', { delay: 40 });
    await visitor
      .getByRole('link', { name: /سفارشم کجاست/ })
      .first()
      .waitFor({ timeout: 10_000 });
    expect(await search.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    await visitor.waitForTimeout(300);
    await save(visitor, 'widget-fa.png');
  });
});
