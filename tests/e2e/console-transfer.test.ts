/**
 * Agents' help-desk flow in real Chromium, a visitor and two agents: agent A claims, answers with a saved reply
 * whose `{name}` and `{agent}` are filled in, leaves an internal note, transfers to agent B; B
 * answers and closes. The visitor sees both answers and the survey, and never the note — not on
 * screen and not on the wire. A sees what the visitor searched and read before asking.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  addAgentAsAdmin,
  consoleApi,
  loginCookie,
  signInConsole,
  useServerAndBrowser,
  waitForWidgetApi,
  widgetText,
} from './support.js';

// The site vouches for its signed-in users: identify carries HMAC-SHA256(secret, id).
const SECRET = 'e2e-site-secret-0123456789';
const AGENT_B = { email: 'omid@example.com', name: 'Omid', password: 'second agent password' };
const NOTE = 'Finance approved a goodwill voucher, ref VIP-7731 — keep between us until it is issued.';
const ANSWER_B = 'I have re-sent the refund of $38 to your card today; it shows within 3–5 business days.';

const e2e = useServerAndBrowser({ PASOKH_SECRET: SECRET });

describe('a conversation handed from one agent to another', () => {
  it('fills a saved reply, keeps the internal note from the visitor, and ends with a stored survey answer', async () => {
    // Agent A is the admin, renamed so `{agent}` has a real name to fill in; B is added by A.
    const adminCookie = await loginCookie(e2e.server.url);
    const { agent: admin } = await consoleApi<{ agent: { id: string } }>(e2e.server.url, adminCookie, 'GET', '/api/me');
    await consoleApi(e2e.server.url, adminCookie, 'PATCH', `/api/agents/${admin.id}`, { name: 'Maryam' });
    const agentB = await addAgentAsAdmin(e2e.server.url, adminCookie, AGENT_B);

    const visitor = await (await e2e.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const pageA = await (await e2e.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    const pageB = await (await e2e.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    const pageErrors: string[] = [];
    for (const [who, page] of [
      ['visitor', visitor],
      ['A', pageA],
      ['B', pageB],
    ] as const) {
      page.on('pageerror', (error) => pageErrors.push(`${who}: ${error.message}`));
    }
    // Everything the visitor's browser receives over its sockets: the note must never be in it.
    const visitorFrames: string[] = [];
    visitor.on('websocket', (socket) => socket.on('framereceived', ({ payload }) => visitorFrames.push(String(payload))));

    const queueA = await signInConsole(pageA, e2e.server.url);
    const queueB = await signInConsole(pageB, e2e.server.url, AGENT_B);

    // Visitor: named by the site, searches with a typo, reads the refund answer, says it did not help.
    await visitor.goto(`${e2e.server.url}/`);
    await waitForWidgetApi(visitor);
    const hash = createHmac('sha256', SECRET).update('u-1').digest('hex');
    await visitor.evaluate((user) => (window as unknown as { Pasokh: (...args: unknown[]) => void }).Pasokh('identify', user), {
      id: 'u-1',
      hash,
      name: 'Sara',
    });
    await visitor.getByRole('button', { name: 'Open help' }).click();
    await visitor.getByRole('searchbox', { name: 'Search' }).pressSequentially('refnd', { delay: 30 });
    await visitor.getByRole('link', { name: 'When will I get my refund?' }).click();
    await visitor.getByText('Was this helpful?').waitFor();
    await visitor.getByRole('button', { name: 'No', exact: true }).click();
    await visitor.getByRole('button', { name: 'Talk to a person' }).click();
    await visitor
      .getByRole('textbox', { name: 'Message' })
      .fill('My refund for order #1042 has still not arrived after two weeks.');
    await visitor.getByRole('button', { name: 'Send', exact: true }).click();

    // Agent A: the question arrives under the visitor's name, with what she searched and read.
    const rowA = queueA.getByRole('listitem').filter({ hasText: 'My refund for order #1042' });
    await rowA.waitFor({ timeout: 10_000 });
    await expect.poll(() => rowA.textContent()).toContain('Sara');
    await rowA.click();
    const contextPanel = pageA.getByRole('complementary', { name: 'About the visitor' });
    await contextPanel.getByText('refnd').waitFor({ timeout: 10_000 });
    await expect.poll(() => contextPanel.textContent()).toContain('When will I get my refund?');
    expect(await contextPanel.textContent()).toContain('not helpful');
    await pageA.getByRole('button', { name: 'Claim' }).click();
    await pageA.getByText('Assigned to You').waitFor();

    // A writes a saved reply in the console's saved-replies view.
    await pageA.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Saved replies' }).click();
    await pageA.getByRole('button', { name: 'Add saved reply' }).click();
    await pageA.getByLabel('Title').fill('Greeting');
    await pageA.getByLabel('Text').fill('Hi {name}, this is {agent}.');
    await pageA.getByRole('button', { name: 'Save', exact: true }).click();
    await pageA.getByRole('heading', { name: 'Greeting' }).waitFor();
    await pageA.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Inbox' }).click();

    // `/gre` opens the picker filtered to the greeting; Enter inserts it with the placeholders filled.
    const replyA = pageA.getByRole('textbox', { name: 'Reply' });
    await replyA.click();
    await replyA.pressSequentially('/gre', { delay: 30 });
    await pageA
      .getByRole('listbox', { name: 'Saved replies' })
      .getByRole('option', { name: /Greeting/ })
      .waitFor();
    await replyA.press('Enter');
    await expect.poll(() => replyA.inputValue()).toBe('Hi Sara, this is Maryam.');
    await pageA.getByRole('button', { name: 'Send', exact: true }).click();
    await pageA.getByRole('log', { name: 'Messages' }).getByText('Hi Sara, this is Maryam.').waitFor();

    // An internal note, then the hand-over to B.
    await pageA.getByRole('checkbox', { name: 'Internal note' }).check();
    await replyA.fill(NOTE);
    await pageA.getByRole('button', { name: 'Send', exact: true }).click();
    await pageA.getByRole('log', { name: 'Messages' }).locator('.msg-internal').filter({ hasText: 'VIP-7731' }).waitFor();
    await expect.poll(() => pageA.getByRole('log', { name: 'Messages' }).locator('.msg-pending').count()).toBe(0);
    await pageA.getByRole('combobox', { name: 'Transfer to' }).selectOption(agentB.id);
    await pageA.getByRole('button', { name: 'Transfer', exact: true }).click();
    await pageA.getByText('Assigned to Omid').waitFor({ timeout: 10_000 });

    // Visitor: the saved reply arrived with her name and A's.
    await visitor.getByText('Hi Sara, this is Maryam.').waitFor({ timeout: 10_000 });

    // Agent B: the conversation is now under "Mine", note included (agents see notes).
    await pageB.getByRole('group', { name: 'Show' }).getByRole('button', { name: 'Mine' }).click();
    const rowB = queueB.getByRole('listitem').filter({ hasText: 'Sara' });
    await rowB.waitFor({ timeout: 10_000 });
    await rowB.click();
    await pageB.getByRole('log', { name: 'Messages' }).getByText('VIP-7731', { exact: false }).waitFor({ timeout: 10_000 });
    await pageB.getByText('Assigned to You').waitFor();
    await pageB.getByRole('textbox', { name: 'Reply' }).fill(ANSWER_B);
    await pageB.getByRole('button', { name: 'Send', exact: true }).click();
    await visitor.getByText(ANSWER_B).waitFor({ timeout: 10_000 });
    await pageB.getByRole('button', { name: 'Close conversation' }).click();

    // Visitor: asked the one survey question; the answer is stored.
    await visitor.getByRole('button', { name: '9 out of 10' }).click({ timeout: 10_000 });
    await visitor.getByText('Thank you for rating this conversation.').waitFor({ timeout: 10_000 });
    const insights = await consoleApi<{ survey: { responses: number; promoters: number } }>(
      e2e.server.url,
      adminCookie,
      'GET',
      '/api/insights',
    );
    expect(insights.survey.responses).toBe(1);
    expect(insights.survey.promoters).toBe(1);

    // The note never reached the visitor: not in the widget's DOM, not in any frame it received.
    const shown = await widgetText(visitor);
    expect(shown).toContain('Hi Sara, this is Maryam.');
    expect(shown).toContain(ANSWER_B);
    expect(shown).not.toContain('VIP-7731');
    expect(visitorFrames.some((frame) => frame.includes('Hi Sara, this is Maryam.'))).toBe(true);
    expect(visitorFrames.filter((frame) => frame.includes('VIP-7731'))).toEqual([]);

    expect(pageErrors).toEqual([]);
  });
});
