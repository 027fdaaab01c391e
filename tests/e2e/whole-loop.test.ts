/**
 * The whole loop in real Chromium: a visitor on the demo site searches, reads, asks a person;
 * an agent in the console sees the question with its context, claims, replies, closes; the
 * visitor sees the reply live and keeps the conversation across a reload.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN, SCREENSHOTS, consoleApi, loginCookie, useServerAndBrowser } from './support.js';

const e2e = useServerAndBrowser();

describe('the whole loop', () => {
  it('takes a visitor from search to a live answer from an agent, and keeps it across a reload', async () => {
    const visitorContext = await e2e.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const agentContext = await e2e.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const visitor = await visitorContext.newPage();
    const agent = await agentContext.newPage();
    const pageErrors: string[] = [];
    visitor.on('pageerror', (e) => pageErrors.push(`visitor: ${e.message}`));
    agent.on('pageerror', (e) => pageErrors.push(`agent: ${e.message}`));

    // The agent signs in first so the widget offers live chat rather than the offline form.
    await agent.goto(`${e2e.server.url}/console`);
    await agent.getByLabel('Email').fill(ADMIN.email);
    await agent.getByLabel('Password').fill(ADMIN.password);
    await agent.getByRole('button', { name: 'Sign in' }).click();
    const conversations = agent.getByRole('list', { name: 'Conversations' });
    await conversations.waitFor();

    // Visitor: open the widget, search as they type, read an answer.
    await visitor.goto(`${e2e.server.url}/`);
    await visitor.getByRole('button', { name: 'Open help' }).click();
    const search = visitor.getByRole('searchbox', { name: 'Search' });
    await search.pressSequentially('refnd', { delay: 30 });
    const firstResult = visitor.getByRole('link', { name: /refund/i }).first();
    await firstResult.waitFor();
    await firstResult.click();
    await visitor.getByText('Was this helpful?').waitFor();
    await visitor.screenshot({ path: join(SCREENSHOTS, 'widget-article.png') });

    // Not answered: talk to a person.
    await visitor.getByRole('button', { name: 'Talk to a person' }).click();
    await visitor.getByRole('textbox', { name: 'Message' }).fill('My refund has not arrived after two weeks. Order #1042.');
    await visitor.getByRole('button', { name: 'Send' }).click();

    // Agent: the conversation appears live with the first message and where it came from.
    const row = conversations.getByRole('listitem').filter({ hasText: 'My refund has not arrived' });
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    await agent.getByText(`${e2e.server.url}/`, { exact: false }).first().waitFor();
    await agent.getByText('refnd', { exact: false }).first().waitFor();
    await agent.getByRole('button', { name: 'Claim' }).click();
    await agent
      .getByRole('textbox', { name: 'Reply' })
      .fill('Sorry about that! I have re-sent the refund for order #1042 today.');
    await agent.getByRole('button', { name: 'Send' }).click();

    // Visitor: the reply arrives live.
    await visitor.getByText('I have re-sent the refund for order #1042').waitFor({ timeout: 10_000 });
    await visitor.screenshot({ path: join(SCREENSHOTS, 'widget-chat.png') });
    await agent.screenshot({ path: join(SCREENSHOTS, 'console.png') });

    // Reload: the conversation is still there, from the e2e.server.
    await visitor.reload();
    await visitor.getByRole('button', { name: 'Open help' }).click();
    await visitor.getByText('I have re-sent the refund for order #1042').waitFor({ timeout: 10_000 });
    expect(await visitor.getByText('My refund has not arrived after two weeks').count()).toBe(1);

    // Agent closes; the visitor is asked the one survey question.
    await agent.getByRole('button', { name: 'Close conversation' }).click();
    await visitor.getByRole('button', { name: '9' }).waitFor({ timeout: 10_000 });

    expect(pageErrors).toEqual([]);
    await visitorContext.close();
    await agentContext.close();
  });

  it('renders a Persian visitor’s widget right to left with Persian names', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fa-IR' });
    const page = await context.newPage();
    // A visitor who only searches never opens a socket nor downloads the chat.
    const chatTraffic: string[] = [];
    page.on('websocket', (socket) => chatTraffic.push(socket.url()));
    page.on('request', (request) => {
      if (/\/socket\.io\/|chat-panel/.test(request.url())) chatTraffic.push(request.url());
    });
    await page.goto(`${e2e.server.url}/fa`);
    await page.getByRole('button', { name: 'بازکردن راهنما' }).click();
    const search = page.getByRole('searchbox');
    await search.waitFor();
    // Typed with the Arabic yeh (ي) as many keyboards do: must still find the Persian answer.
    await search.pressSequentially('پيگيري سفارش', { delay: 20 });
    await page
      .getByRole('link', { name: /سفارشم کجاست/ })
      .first()
      .waitFor({ timeout: 10_000 });
    const dir = await search.evaluate((el) => getComputedStyle(el).direction);
    expect(dir).toBe('rtl');
    await page.screenshot({ path: join(SCREENSHOTS, 'widget-fa.png') });
    // Once the query settles it goes out in the analytics beacon and the team sees it; still no socket.
    const cookie = await loginCookie(e2e.server.url);
    const searched = async () =>
      (
        await consoleApi<{ faq: { topQueries: { query: string }[] } }>(e2e.server.url, cookie, 'GET', '/api/insights?days=1')
      ).faq.topQueries.map((q) => q.query);
    await expect.poll(searched, { timeout: 8000 }).toContain('پيگيري سفارش');
    expect(chatTraffic).toEqual([]);
    await context.close();
  });
});
