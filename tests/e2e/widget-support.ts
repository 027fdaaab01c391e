/**
 * What the widget's browser tests share: an agent online through a real socket.io-client (the
 * same /agent namespace the console uses), host pages served through Playwright routes on the
 * server's own origin, the widget opened to its search box, and axe-core run against the
 * widget's shadow root.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import type { AgentClientToServer, AgentServerToClient } from '../../protocol/events.js';
import type { Message } from '../../protocol/types.js';
import { ADMIN, ROOT } from './support.js';

export type AgentSocket = Socket<AgentServerToClient, AgentClientToServer>;

export interface Agent {
  socket: AgentSocket;
  /** Resolves with the first visitor message whose text contains `text`. */
  visitorMessage(text: string, timeoutMs?: number): Promise<Message>;
  /** Claims the conversation and replies in it. */
  reply(conversationId: string, text: string): Promise<void>;
  close(): void;
}

/** Signs the admin in over HTTP and connects an agent socket (online from the first moment). */
export async function connectAgent(url: string): Promise<Agent> {
  const response = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!response.ok || !cookie) throw new Error(`agent login failed: HTTP ${response.status}`);
  const socket: AgentSocket = io(`${url}/agent`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { cookie },
  });
  const messages: Message[] = [];
  const waiters = new Set<() => void>();
  socket.on('message:new', (message) => {
    messages.push(message);
    waiters.forEach((wake) => wake());
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('queue', () => resolve());
    socket.once('connect_error', reject);
    setTimeout(() => reject(new Error('the agent did not connect within 5 s')), 5000);
  });
  await socket.timeout(5000).emitWithAck('status:set', { status: 'online' });

  return {
    socket,
    visitorMessage(text, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find((message) => message.author.kind === 'visitor' && message.text.includes(text));
          if (!found) return;
          waiters.delete(check);
          resolve(found);
        };
        waiters.add(check);
        check();
        setTimeout(() => reject(new Error(`no visitor message with "${text}" within ${timeoutMs} ms`)), timeoutMs);
      });
    },
    async reply(conversationId, text) {
      const claimed = await socket.timeout(5000).emitWithAck('conversation:claim', { conversationId });
      if (!claimed.ok) throw new Error(`claim failed: ${claimed.error.code}`);
      const sent = await socket.timeout(5000).emitWithAck('message:send', { conversationId, clientId: randomUUID(), text });
      if (!sent.ok) throw new Error(`reply failed: ${sent.error.code}`);
    },
    close: () => void socket.close(),
  };
}

/** Opens the widget on the page at `path` by its launcher named `open`, ready to search. */
export async function openWidgetSearch(
  page: Page,
  url: string,
  path: string,
  open: string,
): Promise<{ widget: Locator; search: Locator }> {
  await page.goto(`${url}${path}`);
  await page.getByRole('button', { name: open }).click();
  const widget = page.locator('pasokh-widget');
  const search = widget.getByRole('searchbox');
  await search.waitFor();
  return { widget, search };
}

/** Serves `html` at `path` on the server's origin (so the site's origin check passes). */
export async function hostPage(page: Page, url: string, path: string, html: string): Promise<void> {
  await page.route(`${url}${path}`, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe-core on the widget (its shadow root included) and returns serious and critical violations. */
export async function axeWidget(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ path: join(ROOT, 'node_modules/axe-core/axe.min.js') });
  }
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: any[] }> } }).axe;
    const result = await axe.run({ include: [['pasokh-widget']] }, { resultTypes: ['violations'] });
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        nodes: violation.nodes.map((node: { target: unknown }) => JSON.stringify(node.target)),
      }));
  });
}

/** The element focused inside the widget's shadow root, described for assertions. */
export function widgetFocus(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const active = document.querySelector('pasokh-widget')?.shadowRoot?.activeElement as HTMLElement | null | undefined;
    if (!active || document.activeElement?.tagName !== 'PASOKH-WIDGET') return null;
    return active.id === 'l'
      ? 'launcher'
      : active.getAttribute('aria-label') || active.textContent?.trim() || active.tagName.toLowerCase();
  });
}
