/**
 * The insights page in Chromium: real visitors search, read, chat and answer the survey; the
 * admin opens Insights and sees charts drawn, switches them to tables, and reads the page in
 * Persian. Screenshots go to tests/e2e/screenshots/ (and docs/ with PASOKH_UPDATE_DOCS=1).
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { VisitorClientToServer, VisitorHello, VisitorServerToClient } from '../../protocol/events.js';
import {
  connectAgentSocket,
  loginCookie,
  ROOT,
  SCREENSHOTS,
  signInConsole,
  useServerAndBrowser,
  type AgentSocket,
} from './support.js';

const env = useServerAndBrowser({ PASOKH_AUTO_ACK: 'false' });
const sockets: Socket[] = [];
afterAll(() => sockets.forEach((s) => s.disconnect()));

type VisitorSocket = Socket<VisitorServerToClient, VisitorClientToServer>;

async function visitor(): Promise<{ socket: VisitorSocket; token: string }> {
  const socket: VisitorSocket = io(`${env.server.url}/visitor`, {
    auth: { site: 'default' },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  sockets.push(socket);
  const hello = await new Promise<VisitorHello>((resolve, reject) => {
    socket.once('hello', resolve);
    socket.once('connect_error', reject);
  });
  return { socket, token: hello.token };
}

async function beacon(token: string, events: unknown[]): Promise<void> {
  const response = await fetch(`${env.server.url}/api/events`, {
    method: 'POST',
    // What the widget sends: from a page of the site, with its visitor token.
    headers: { 'content-type': 'application/json', origin: env.server.url },
    body: JSON.stringify({ site: 'default', token, events }),
  });
  expect(response.status).toBe(202);
}

/** A visitor who reads the refund answer, asks anyway, is answered and closed, and rates the chat. */
async function readerWhoAsks(agent: AgentSocket, score: number): Promise<void> {
  const { socket, token } = await visitor();
  await beacon(token, [
    { kind: 'search', query: 'refund', hits: 2 },
    { kind: 'view', articleId: 'en-refund-policy' },
    { kind: 'helpful', articleId: 'en-refund-policy', helpful: false },
  ]);
  const sent = await socket.timeout(5000).emitWithAck('message:send', { clientId: randomUUID(), text: 'Where is my refund?' });
  if (!sent.ok) throw new Error(sent.error.message);
  await agent.timeout(5000).emitWithAck('conversation:claim', { conversationId: sent.conversationId });
  await agent
    .timeout(5000)
    .emitWithAck('message:send', { conversationId: sent.conversationId, clientId: randomUUID(), text: 'Looking now.' });
  const closed = new Promise((resolve) => socket.once('conversation:closed', resolve));
  await agent.timeout(5000).emitWithAck('conversation:close', { conversationId: sent.conversationId });
  await closed;
  expect(await socket.timeout(5000).emitWithAck('survey:answer', { conversationId: sent.conversationId, score })).toEqual({
    ok: true,
  });
}

const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** axe-core's violations (every impact) inside the insights page, as "rule: targets". */
async function axeInsights(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> };
      }
    ).axe;
    const result = await axe.run(document.querySelector('main.insights'), { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`);
  });
}

function keep(name: string): void {
  if (process.env.PASOKH_UPDATE_DOCS === '1') copyFileSync(join(SCREENSHOTS, name), join(ROOT, 'docs', name));
}

describe('the insights page', () => {
  it('draws the charts, switches them to tables, and reads in Persian', async () => {
    const agent = await connectAgentSocket(env.server.url, await loginCookie(env.server.url));
    sockets.push(agent);
    for (let i = 0; i < 3; i += 1) {
      const { token } = await visitor();
      await beacon(token, [
        { kind: 'search', query: 'opening hours', hits: 1 },
        { kind: 'view', articleId: 'en-order-status' },
      ]);
    }
    for (const score of [3, 10, 9]) await readerWhoAsks(agent, score);

    const context = await env.newContext({ viewport: { width: 1280, height: 1500 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await signInConsole(page, env.server.url);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Insights' }).click();

    const volume = page.getByRole('figure', { name: 'Searches and chats per day' });
    await volume.locator('canvas').first().waitFor();
    const alt = await volume.getByRole('img').getAttribute('aria-label');
    expect(alt).toMatch(/^Searches and chats per day, 30 days\. Searches: latest 6, highest 6 on .+; Chats: latest 3/);
    await expect.poll(() => page.locator('.kpi', { hasText: 'Deflection rate' }).locator('dd').textContent()).toBe('50%');
    const answers = page.getByRole('region', { name: 'Answers' });
    await expect
      .poll(() => answers.getByRole('row', { name: /When will I get my refund\?/ }).textContent())
      .toContain('Needs review');
    await expect
      .poll(() => page.getByRole('region', { name: 'Customers at risk' }).textContent())
      .toContain('gave a survey score of 3');
    await page.screenshot({ path: join(SCREENSHOTS, 'console-insights.png'), fullPage: true });
    keep('console-insights.png');
    expect(await axeInsights(page)).toEqual([]);

    await page.getByRole('button', { name: 'Show as table' }).click();
    expect(await page.getByRole('button', { name: 'Show as table' }).getAttribute('aria-pressed')).toBe('true');
    expect(await volume.locator('canvas').count()).toBe(0);
    const rows = volume.getByRole('table').getByRole('row');
    expect(await rows.count()).toBe(31);
    expect(await rows.last().textContent()).toMatch(/63$/);
    expect(await axeInsights(page)).toEqual([]);

    await page.getByRole('button', { name: 'فارسی' }).click();
    const persian = page.getByRole('figure', { name: 'جستجوها و گفتگوها در هر روز' });
    await persian.getByRole('table').waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await persian.getByRole('row').last().textContent()).toMatch(/۶۳$/);
    await page.getByRole('button', { name: 'نمایش به صورت جدول' }).click();
    await persian.locator('canvas').first().waitFor();
    expect(await persian.getByRole('img').getAttribute('aria-label')).toContain('جستجوها: آخرین ۶');
    await page.screenshot({ path: join(SCREENSHOTS, 'console-insights-fa.png'), fullPage: true });
    keep('console-insights-fa.png');
  });
});
