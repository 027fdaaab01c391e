/**
 * In real Chromium: a message still in the widget's outbox when the page is
 * reloaded is delivered exactly once — whether the server never got it (the connection was
 * down) or got it and the acknowledgement was lost on the way back. "Once" is counted where it
 * matters: the agent's screen, the visitor's screen and the server's store (`messages:sync`).
 *
 * The visitor's sockets go through Playwright's WebSocket routing, which can refuse connections
 * (down), forward everything (up), or forward everything but swallow the server's acks of
 * `message:send` (a reply lost in flight).
 */
import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  connectAgentSocket,
  launchChromium,
  loginCookie,
  signInConsole,
  startServerProcess,
  storedMessages,
  type AgentSocket,
  type ServerProcess,
} from './support.js';

const OUTBOX_KEY = 'pasokh:default:outbox';
const CONVERSATION_KEY = 'pasokh:default:conversation';

let server: ServerProcess;
let browser: Browser;
let reader: AgentSocket;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startServerProcess();
  browser = await launchChromium();
  reader = await connectAgentSocket(server.url, await loginCookie(server.url));
});
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});
afterAll(async () => {
  reader?.disconnect();
  await browser?.close();
  await server?.stop();
});

type GateMode = 'up' | 'down' | 'lose-acks';

interface SocketGate {
  mode: GateMode;
  /** Acks of `message:send` the server sent and the page never got. */
  swallowed: string[];
  /** Every frame the page sent, in order. */
  sent: string[];
  /** Drops the connections open now (the page sees them close and starts reconnecting). */
  cut(): void;
}

/** Puts the visitor context's Socket.IO traffic (WebSocket and polling) behind a switch. */
async function gateSockets(context: BrowserContext): Promise<SocketGate> {
  const open = new Set<{ page: WebSocketRoute; server: WebSocketRoute }>();
  const gate: SocketGate = {
    mode: 'up',
    swallowed: [],
    sent: [],
    cut() {
      for (const pair of open) {
        void pair.page.close({ code: 4000, reason: 'cut by the test' }).catch(() => {});
        void pair.server.close().catch(() => {});
      }
      open.clear();
    },
  };
  await context.route(/\/socket\.io\//, (route) =>
    gate.mode === 'down' ? route.abort('internetdisconnected') : route.fallback(),
  );
  await context.routeWebSocket(/\/socket\.io\//, (page) => {
    if (gate.mode === 'down') {
      void page.close({ code: 4000, reason: 'down' }).catch(() => {});
      return;
    }
    const upstream = page.connectToServer();
    const pair = { page, server: upstream };
    open.add(pair);
    const sendIds = new Set<string>();
    page.onMessage((message) => {
      const text = String(message);
      gate.sent.push(text);
      const send = /^42\/visitor,(\d+)\["message:send"/.exec(text);
      if (send) sendIds.add(send[1]!);
      upstream.send(message);
    });
    upstream.onMessage((message) => {
      const text = String(message);
      const ack = /^43\/visitor,(\d+)\[/.exec(text);
      if (gate.mode === 'lose-acks' && ack && sendIds.has(ack[1]!)) {
        gate.swallowed.push(text);
        return;
      }
      page.send(message);
    });
  });
  return gate;
}

async function newContext(width: number, height: number): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width, height } });
  contexts.push(context);
  return context;
}

function outboxTexts(page: Page): Promise<string[]> {
  return page.evaluate((key) => {
    const items = JSON.parse(localStorage.getItem(key) ?? '[]') as { text: string }[];
    return items.map((item) => item.text);
  }, OUTBOX_KEY);
}

async function conversationId(page: Page): Promise<string> {
  const id = await page.evaluate(
    (key) => (JSON.parse(localStorage.getItem(key) ?? 'null') as { id?: string } | null)?.id ?? null,
    CONVERSATION_KEY,
  );
  if (!id) throw new Error('the widget holds no conversation');
  return id;
}

/** How many times `text` is in the store, on the agent's screen and on the visitor's. */
async function countEverywhere(text: string, id: string, agent: Page, visitor: Page) {
  const stored = (await storedMessages(reader, id)).filter((message) => message.text === text).length;
  const agentShows = await agent.getByRole('log', { name: 'Messages' }).getByText(text, { exact: true }).count();
  const visitorShows = await visitor.getByRole('log', { name: 'Messages' }).getByText(text, { exact: true }).count();
  return { stored, agentShows, visitorShows };
}

/** A signed-in agent and a visitor with an open conversation the agent is looking at. */
async function startConversation(first: string) {
  const agent = await (await newContext(1400, 900)).newPage();
  const queue = await signInConsole(agent, server.url);
  const visitorContext = await newContext(1280, 800);
  const gate = await gateSockets(visitorContext);
  const visitor = await visitorContext.newPage();
  await visitor.goto(`${server.url}/`);
  await visitor.getByRole('button', { name: 'Open help' }).click();
  await visitor.getByRole('button', { name: 'Talk to a person' }).click();
  await visitor.getByRole('textbox', { name: 'Message' }).fill(first);
  await visitor.getByRole('button', { name: 'Send', exact: true }).click();
  const row = queue.getByRole('listitem').filter({ hasText: first });
  await row.waitFor({ timeout: 10_000 });
  await row.click();
  await agent.getByRole('log', { name: 'Messages' }).getByText(first).waitFor();
  return { agent, visitor, gate, queue };
}

describe('a message in the outbox across a page reload', () => {
  it('is sent once the connection returns when it was typed while the connection was down', async () => {
    const { agent, visitor, gate } = await startConversation('Hello, is the Lahijan black tea in stock?');
    const text = 'Please hold two packs for me, I will pick them up on Friday.';

    gate.mode = 'down';
    gate.cut();
    await visitor.getByText('Connection lost').waitFor({ timeout: 10_000 });
    await visitor.getByRole('textbox', { name: 'Message' }).fill(text);
    await visitor.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => outboxTexts(visitor)).toEqual([text]);

    // Reloaded before anything could be sent; the connection is still down.
    await visitor.reload();
    await visitor.getByRole('button', { name: 'Open help' }).click();
    await visitor.getByRole('log', { name: 'Messages' }).getByText(text).waitFor({ timeout: 10_000 });
    expect(await outboxTexts(visitor)).toEqual([text]);
    const id = await conversationId(visitor);
    expect((await storedMessages(reader, id)).some((message) => message.text === text)).toBe(false);

    gate.mode = 'up';
    await agent.getByRole('log', { name: 'Messages' }).getByText(text).waitFor({ timeout: 45_000 });
    await expect.poll(() => outboxTexts(visitor), { timeout: 10_000 }).toEqual([]);
    // Give a duplicate time to show up before counting.
    await visitor.waitForTimeout(1500);
    expect(await countEverywhere(text, id, agent, visitor)).toEqual({ stored: 1, agentShows: 1, visitorShows: 1 });
  });

  it('is stored once when the server saved it but the acknowledgement was lost before the reload', async () => {
    const { agent, visitor, gate } = await startConversation('Hi! I ordered the turquoise tea glass set this morning.');
    const text = 'Can you send it to my office address instead of home?';

    gate.mode = 'lose-acks';
    await visitor.getByRole('textbox', { name: 'Message' }).fill(text);
    await visitor.getByRole('button', { name: 'Send', exact: true }).click();
    // The server committed it (it acked, and the agent has it); the page never heard back.
    await expect.poll(() => gate.swallowed.length, { timeout: 10_000 }).toBe(1);
    await agent.getByRole('log', { name: 'Messages' }).getByText(text).waitFor({ timeout: 10_000 });
    expect(await outboxTexts(visitor)).toEqual([text]);
    const clientId = /"clientId":"([^"]+)"/.exec(gate.sent.find((frame) => frame.includes(text))!)![1]!;

    gate.mode = 'up';
    await visitor.reload();
    await visitor.getByRole('button', { name: 'Open help' }).click();
    await expect.poll(() => outboxTexts(visitor), { timeout: 20_000 }).toEqual([]);
    // The reloaded page sent it again under the same clientId, and the server kept one copy.
    expect(gate.sent.filter((frame) => frame.includes('"message:send"') && frame.includes(clientId)).length).toBe(2);
    await visitor.getByRole('log', { name: 'Messages' }).getByText(text).waitFor();
    await visitor.waitForTimeout(1500);
    const id = await conversationId(visitor);
    expect(await countEverywhere(text, id, agent, visitor)).toEqual({ stored: 1, agentShows: 1, visitorShows: 1 });
  });

  it('sends a first message typed while the connection was down once it returns after a reload', async () => {
    const agent = await (await newContext(1400, 900)).newPage();
    const queue = await signInConsole(agent, server.url);
    const visitorContext = await newContext(1280, 800);
    const gate = await gateSockets(visitorContext);
    const visitor = await visitorContext.newPage();
    const text = 'Does the samovar starter kit work with 110 V sockets?';

    gate.mode = 'down';
    await visitor.goto(`${server.url}/`);
    await visitor.getByRole('button', { name: 'Open help' }).click();
    await visitor.getByRole('button', { name: 'Talk to a person' }).click();
    await visitor.getByRole('textbox', { name: 'Message' }).fill(text);
    await visitor.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => outboxTexts(visitor)).toEqual([text]);

    await visitor.reload();
    gate.mode = 'up';
    // The visitor only opens the widget again: the outbox is theirs to deliver, not to retype.
    await visitor.getByRole('button', { name: 'Open help' }).click();
    const row = queue.getByRole('listitem').filter({ hasText: text });
    await row.waitFor({ timeout: 45_000 });
    await row.click();
    await agent.getByRole('log', { name: 'Messages' }).getByText(text).waitFor();
    await expect.poll(() => outboxTexts(visitor), { timeout: 10_000 }).toEqual([]);
    await visitor.waitForTimeout(1500);
    const id = await conversationId(visitor);
    expect(await countEverywhere(text, id, agent, visitor)).toEqual({ stored: 1, agentShows: 1, visitorShows: 1 });
  });
});
