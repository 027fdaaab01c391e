/**
 * The insights routes on a real server with real traffic: visitors search and read over the
 * beacon, chat over socket.io, an agent answers and closes, visitors answer the survey; the
 * JSON report and the CSV export then say what happened.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextEvent, startHarness, type AgentSocket, type Harness, type VisitorSocket } from './harness.js';
import type { Insights } from '../../protocol/http.js';

let h: Harness;
let dir: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pasokh-insights-'));
  const configFile = join(dir, 'pasokh.config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      sites: [
        { key: 'default', name: 'Shop', autoAcknowledge: false },
        { key: 'blog', name: 'Blog', autoAcknowledge: false },
      ],
    }),
  );
  h = await startHarness({ env: { PASOKH_CONFIG: configFile } });
});
afterEach(async () => {
  await h.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function beacon(token: string, events: unknown[]): Promise<void> {
  const response = await fetch(`${h.url}/api/events`, {
    method: 'POST',
    // What the widget sends: from a page of the site, with its visitor token.
    headers: { 'content-type': 'application/json', origin: h.url },
    body: JSON.stringify({ site: 'default', token, events }),
  });
  expect(response.status).toBe(202);
}

/** A visitor who searches, reads the refund answer, asks anyway, is answered, and rates the chat. */
async function unhappyReader(agent: AgentSocket, score: number, comment?: string): Promise<VisitorSocket> {
  const { socket, hello } = await h.visitor();
  await beacon(hello.token, [
    { kind: 'search', query: 'refund', hits: 2 },
    { kind: 'view', articleId: 'en-refund-policy' },
    { kind: 'helpful', articleId: 'en-refund-policy', helpful: false },
  ]);
  const sent = await socket.timeout(5000).emitWithAck('message:send', { clientId: randomUUID(), text: 'Where is my refund?' });
  if (!sent.ok) throw new Error(sent.error.message);
  const { conversationId } = sent;
  await agent.timeout(5000).emitWithAck('conversation:claim', { conversationId });
  await agent.timeout(5000).emitWithAck('message:send', { conversationId, clientId: randomUUID(), text: 'Looking now.' });
  const closed = nextEvent(socket, 'conversation:closed');
  await agent.timeout(5000).emitWithAck('conversation:close', { conversationId });
  await closed;
  expect(
    await socket.timeout(5000).emitWithAck('survey:answer', { conversationId, score, ...(comment ? { comment } : {}) }),
  ).toEqual({ ok: true });
  return socket;
}

describe('the insights routes', () => {
  it('report searches, deflection, chats, answers by title and visitors at risk, and export them as CSV', async () => {
    const cookie = await h.login();
    const agent = await h.agent(cookie);
    const { hello: satisfied } = await h.visitor();
    await beacon(satisfied.token, [
      { kind: 'search', query: '=HYPERLINK("x")', hits: 0 },
      { kind: 'view', articleId: 'en-order-status' },
    ]);
    await unhappyReader(agent, 3, 'Too slow');
    await unhappyReader(agent, 10);
    await unhappyReader(agent, 5);

    const response = await fetch(`${h.url}/api/insights?days=7`, { headers: { cookie } });
    expect(response.status).toBe(200);
    const report = (await response.json()) as Insights;
    expect(report.series.days).toHaveLength(7);
    expect(report.series.totals).toMatchObject({ searches: 4, visits: 4, deflected: 1, deflectionRate: 0.25, chats: 3 });
    expect(report.series.totals.firstResponseMedian).not.toBeNull();
    expect(report.series.days.at(-1)).toMatchObject({ chats: 3, surveys: 3, nps: -33 });
    const refund = report.answers.find((a) => a.articleId === 'en-refund-policy');
    expect(refund).toMatchObject({
      title: 'When will I get my refund?',
      views: 3,
      readers: 3,
      no: 3,
      stillAsked: 3,
      stillAskedScore: 6,
      needsReview: true,
    });
    expect(report.answers.find((a) => a.articleId === 'en-order-status')).toMatchObject({
      title: 'Where is my order?',
      stillAsked: 0,
      needsReview: false,
    });
    expect(report.atRisk).toHaveLength(2);
    expect(report.atRisk.flatMap((v) => v.reasons)).toEqual(
      expect.arrayContaining([
        { kind: 'detractor', score: 3 },
        { kind: 'detractor', score: 5 },
      ]),
    );

    const csv = await fetch(`${h.url}/api/insights.csv?days=7`, { headers: { cookie } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="pasokh-default-days-7d.csv"');
    const days = parse((await csv.text()).replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(days).toHaveLength(7);
    expect(days.at(-1)).toMatchObject({
      searches: '4',
      visits: '4',
      deflected: '1',
      deflection_rate: '0.25',
      chats: '3',
      surveys: '3',
      nps: '-33',
    });

    const answersCsv = await (await fetch(`${h.url}/api/insights.csv?days=30&table=answers`, { headers: { cookie } })).text();
    const answers = parse(answersCsv.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(answers.find((a) => a.answer_id === 'en-refund-policy')).toMatchObject({
      title: 'When will I get my refund?',
      read_and_still_asked: '3',
      needs_review: 'yes',
    });
    const risk = parse(
      (await (await fetch(`${h.url}/api/insights.csv?table=at-risk`, { headers: { cookie } })).text()).replace(/^\uFEFF/, ''),
      { columns: true },
    ) as Record<string, string>[];
    expect(risk.map((r) => r.reasons).sort()).toEqual(['survey score 3', 'survey score 5']);
  });

  it('refuses without a session, for a site the agent does not serve, and for a malformed period or table', async () => {
    expect((await fetch(`${h.url}/api/insights.csv`)).status).toBe(401);
    const cookie = await h.login();
    expect((await fetch(`${h.url}/api/insights.csv?days=7x`, { headers: { cookie } })).status).toBe(400);
    expect((await fetch(`${h.url}/api/insights.csv?table=secrets`, { headers: { cookie } })).status).toBe(400);
    expect((await fetch(`${h.url}/api/insights.csv?site=nope`, { headers: { cookie } })).status).toBe(404);
    const blogger = await h.addAgent('blogger@example.com', 'Bahar');
    await h.store.updateAgent((await h.store.findAgentByEmail('blogger@example.com'))!.id, { sites: ['blog'] });
    expect((await fetch(`${h.url}/api/insights.csv?site=default`, { headers: { cookie: blogger } })).status).toBe(404);
    const own = await fetch(`${h.url}/api/insights?days=30`, { headers: { cookie: blogger } });
    expect(((await own.json()) as Insights).site).toBe('blog');
  });
});
