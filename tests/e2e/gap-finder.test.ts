/**
 * The gap finder end to end in real Chromium: visitors' searches that found nothing (sent the
 * way the widget sends them) and a chat that followed one show as a group on the console's
 * Unanswered page; "Draft answer" opens the FAQ editor on a draft prefilled with the group's
 * wording and the agent's reply; once published, the widget's search finds it. The page is
 * checked with axe and photographed in English and Persian.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { VisitorClientToServer, VisitorHello, VisitorServerToClient } from '../../protocol/events.js';
import { docScreenshot } from './doc-screenshot.js';
import { ROOT, connectAgentSocket, loginCookie, signInConsole, useServerAndBrowser, type AgentSocket } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'pasokh-gaps-e2e-'));
const configFile = join(dir, 'pasokh.config.json');
writeFileSync(
  configFile,
  JSON.stringify({
    sites: [{ key: 'default', name: 'Pasokh Demo Store', faq: join(ROOT, 'demo/faq.json'), faqSource: 'database' }],
  }),
);

const e2e = useServerAndBrowser({ PASOKH_CONFIG: configFile });
const sockets: Socket[] = [];
afterAll(() => {
  sockets.forEach((s) => s.disconnect());
  rmSync(dir, { recursive: true, force: true });
});

const AGENT_REPLY = 'Type the 16-digit code from the back of the card at example.com/balance to see what is left on it.';
const RETURNS = 'To send an item back, open your order, choose Return, print the label and drop the parcel at any post office.';

type VisitorSocket = Socket<VisitorServerToClient, VisitorClientToServer>;

async function visitor(): Promise<{ socket: VisitorSocket; token: string }> {
  const socket: VisitorSocket = io(`${e2e.server.url}/visitor`, {
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

/** A failed search, as the widget reports it: from a page of the site, with the visitor's token. */
async function searched(query: string, hits = 0): Promise<void> {
  const { token } = await visitor();
  const response = await fetch(`${e2e.server.url}/api/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: e2e.server.url },
    body: JSON.stringify({ site: 'default', token, events: [{ kind: 'search', query, hits }] }),
  });
  expect(response.status).toBe(202);
}

/** A visitor who asks in a chat (after a failed search when `search` is given) and an agent who answers. */
async function chat(agent: AgentSocket, question: string, reply: string, search?: string): Promise<void> {
  const { socket } = await visitor();
  const sent = await socket.timeout(5000).emitWithAck('message:send', {
    clientId: randomUUID(),
    text: question,
    ...(search ? { context: { searches: [{ query: search, hits: 0 }] } } : {}),
  });
  if (!sent.ok) throw new Error(sent.error.message);
  await agent.timeout(5000).emitWithAck('conversation:claim', { conversationId: sent.conversationId });
  const answered = await agent
    .timeout(5000)
    .emitWithAck('message:send', { conversationId: sent.conversationId, clientId: randomUUID(), text: reply });
  if (!answered.ok) throw new Error(answered.error.message);
}

const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** axe-core's violations inside the Unanswered page, as "rule: targets". */
async function axeGaps(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> };
      }
    ).axe;
    const result = await axe.run(document.querySelector('main.gaps'), { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`);
  });
}

describe('the gap finder', () => {
  it('turns failed searches into a published answer the widget finds', async () => {
    const agent = await connectAgentSocket(e2e.server.url, await loginCookie(e2e.server.url));
    sockets.push(agent);
    for (const query of ['gift card balance', 'Gift card balance?', 'check my gift card balance']) await searched(query);
    for (const query of ['هزینه ارسال به شیراز', 'هزينه‌ی ارسال شيراز']) await searched(query);
    await searched('opening hours on sunday', 3);
    await chat(agent, 'How do I check the balance of my gift card?', AGENT_REPLY, 'gift card balance');
    for (const question of ['How do I return a jacket?', 'can i send shoes back', 'Return an item please']) {
      await chat(agent, question, RETURNS);
    }

    const page = await (await e2e.newContext({ viewport: { width: 1280, height: 1200 }, deviceScaleFactor: 1 })).newPage();
    await signInConsole(page, e2e.server.url);
    await page.getByRole('link', { name: 'Unanswered' }).click();
    const groups = page.getByRole('list', { name: 'Questions without an answer' });
    const giftCards = groups.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /gift card balance/i }) });
    await giftCards.waitFor();
    // The most asked group comes first, with its wordings and counts.
    expect(await groups.locator(':scope > li').first().getByRole('heading', { level: 2 }).textContent()).toMatch(
      /gift card balance/i,
    );
    expect(await giftCards.textContent()).toContain('How do I check the balance of my gift card?');
    expect(await groups.locator(':scope > li').count()).toBe(3);
    await page.getByRole('region', { name: 'Repeated replies' }).getByText(RETURNS).waitFor();
    expect(await axeGaps(page)).toEqual([]);
    await docScreenshot(page, 'console-gaps.png');

    await page.getByRole('button', { name: 'فارسی' }).click();
    const persian = page.getByRole('list', { name: 'پرسش‌های بی‌پاسخ' });
    await persian.waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.getByRole('link', { name: 'بی‌پاسخ' }).getAttribute('aria-current')).toBe('page');
    await persian.getByRole('button', { name: 'پیش‌نویس پاسخ' }).first().waitFor();
    expect(await axeGaps(page)).toEqual([]);
    await docScreenshot(page, 'console-gaps-fa.png');
    await page.getByRole('button', { name: 'English' }).click();

    // Draft answer → the FAQ editor, prefilled; publish → the widget's search finds it.
    await groups.waitFor();
    await giftCards.getByRole('button', { name: 'Draft answer' }).click();
    const question = page.getByRole('textbox', { name: 'Question', exact: true });
    await question.waitFor();
    const asked = await question.inputValue();
    expect(asked).toMatch(/gift card balance/i);
    expect(await page.getByRole('textbox', { name: 'Answer', exact: true }).inputValue()).toBe(AGENT_REPLY);
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByRole('list', { name: 'Answers' }).getByRole('button', { name: asked }).waitFor();

    const visitorPage = await (await e2e.newContext()).newPage();
    await visitorPage.goto(`${e2e.server.url}/`);
    await visitorPage.getByRole('button', { name: 'Open help' }).click();
    await visitorPage.getByRole('searchbox', { name: 'Search' }).fill('check my gift card balance');
    await visitorPage.getByRole('link', { name: asked }).first().waitFor({ timeout: 10_000 });

    // Answered, the group leaves the Unanswered page.
    await page.getByRole('link', { name: 'Unanswered' }).click();
    await groups.waitFor();
    await giftCards.waitFor({ state: 'detached' });
    expect(await groups.locator(':scope > li').count()).toBe(2);

    // "Add as phrasing of…": the wording joins an existing answer, which search then finds.
    const hours = groups.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'opening hours on sunday' }) });
    await hours.getByRole('button', { name: 'Add as phrasing of…' }).click();
    await hours.getByRole('combobox', { name: 'Answer to extend' }).selectOption('en-contact');
    await hours.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'How can I contact customer support?' }).waitFor();
    await hours.waitFor({ state: 'detached' });
    await visitorPage.reload();
    await visitorPage.getByRole('button', { name: 'Open help' }).click();
    await visitorPage.getByRole('searchbox', { name: 'Search' }).fill('opening hours on sunday');
    await visitorPage.getByRole('link', { name: 'How can I contact customer support?' }).first().waitFor({ timeout: 10_000 });

    // "Save as reply": a saved reply now, so it is no longer offered.
    const repeated = page.getByRole('region', { name: 'Repeated replies' });
    await repeated.getByRole('button', { name: 'Save as reply' }).click();
    await repeated.getByText('No reply has been sent three times yet.').waitFor();
    await page.getByRole('button', { name: 'Saved replies' }).click();
    await page.getByText(RETURNS).waitFor();
  });
});
