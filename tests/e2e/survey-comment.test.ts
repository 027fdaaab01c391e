/**
 * After the survey, the visitor may say what could be better; a visitor who scored low comes
 * back and the agent's visitor panel says "At risk" and why. Real Chromium on both sides.
 */
import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import type { ConversationSummary } from '../../protocol/types.js';
import { loginCookie, signInConsole, useServerAndBrowser, type AgentSocket } from './support.js';
import { axeWidget } from './widget-support.js';

const e2e = useServerAndBrowser({ PASOKH_AUTO_ACK: 'false' });

describe('the survey comment and customers at risk', () => {
  it('stores the comment with the score and marks the returning detractor at risk in the visitor panel', async () => {
    const agent = await (await e2e.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    const visitor = await (await e2e.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const errors: string[] = [];
    visitor.on('pageerror', (e) => errors.push(e.message));
    agent.on('pageerror', (e) => errors.push(e.message));
    const conversations = await signInConsole(agent, e2e.server.url);

    await visitor.goto(`${e2e.server.url}/`);
    await visitor.getByRole('button', { name: 'Open help' }).click();
    await visitor.getByRole('button', { name: 'Talk to a person' }).click();
    await visitor.getByRole('textbox', { name: 'Message' }).fill('Where is my refund for order 2211?');
    await visitor.getByRole('button', { name: 'Send' }).click();

    const first = conversations.getByRole('listitem').filter({ hasText: 'order 2211' });
    await first.click();
    await agent.getByRole('button', { name: 'Claim' }).click();
    await agent.getByRole('button', { name: 'Close conversation' }).click();

    await visitor.getByRole('button', { name: '3 out of 10' }).click();
    const comment = visitor.getByRole('textbox', { name: 'What could we do better? (optional)' });
    await comment.waitFor();
    expect(
      await comment.evaluate(
        (el) => el.getRootNode() instanceof ShadowRoot && (el.getRootNode() as ShadowRoot).activeElement === el,
      ),
    ).toBe(true);
    expect(await axeWidget(visitor)).toEqual([]);
    await comment.fill('Nobody told me when the refund would come.');
    // Thanked for the score at once; the comment box goes once the comment is sent.
    expect(await visitor.getByText('Thank you for rating this conversation.').count()).toBe(1);
    await visitor.locator('form.survey').getByRole('button', { name: 'Send comment' }).click();
    await comment.waitFor({ state: 'detached' });
    await visitor.getByText('Thank you for rating this conversation.').waitFor();

    await visitor.getByRole('textbox', { name: 'Message' }).fill('Still no refund, order 2211.');
    await visitor.getByRole('button', { name: 'Send' }).click();
    await conversations.getByRole('listitem').filter({ hasText: 'Still no refund' }).click();
    const panel = agent.getByRole('complementary');
    await panel.getByText('At risk', { exact: true }).waitFor({ timeout: 10_000 });
    expect(await panel.locator('.risk').textContent()).toBe('At risk gave a survey score of 3');

    // What the server stored: the earlier conversation's score with the comment, and the risk.
    const cookie = await loginCookie(e2e.server.url);
    const socket: AgentSocket = io(`${e2e.server.url}/agent`, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      extraHeaders: { cookie },
    });
    const queue = await new Promise<ConversationSummary[]>((resolve) => socket.once('queue', resolve));
    const open = queue.find((c) => c.lastMessage?.text.includes('Still no refund'))!;
    const current = await socket.timeout(5000).emitWithAck('conversation:get', { conversationId: open.id });
    if (!current.ok) throw new Error(current.error.message);
    expect(current.conversation.risk).toEqual([{ kind: 'detractor', score: 3 }]);
    const earlier = await socket
      .timeout(5000)
      .emitWithAck('conversation:get', { conversationId: current.conversation.previous[0]!.id });
    if (!earlier.ok) throw new Error(earlier.error.message);
    expect(earlier.conversation.survey).toEqual({ score: 3, comment: 'Nobody told me when the refund would come.' });
    socket.disconnect();
    const report = (await (await fetch(`${e2e.server.url}/api/insights?days=7`, { headers: { cookie } })).json()) as {
      atRisk: { reasons: unknown[] }[];
    };
    expect(report.atRisk.map((v) => v.reasons)).toEqual([[{ kind: 'detractor', score: 3 }]]);
    expect(errors).toEqual([]);
  });
});
