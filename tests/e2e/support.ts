/**
 * End-to-end support: the real server as a child process (the same CLI `npm start` runs) and
 * Debian's Chromium through playwright-core. In CI a missing browser fails loudly.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { io, type Socket as ClientSocket } from 'socket.io-client';
import type { AgentClientToServer, AgentServerToClient } from '../../protocol/events.js';
import type { AgentProfile, Message } from '../../protocol/types.js';
import { ADMIN, freePort, startServerChild } from '../../bench/lib/server-process.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SCREENSHOTS = join(ROOT, 'tests/e2e/screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export { ADMIN, freePort };

export interface ServerProcess {
  url: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `pasokh serve` (bench/lib/server-process.ts, shared with the durability tests) on a free
 * port with a fresh data folder, the product's defaults (automatic acknowledgement on), and waits
 * until it is healthy.
 */
export async function startServerProcess(env: Record<string, string> = {}, dataDir?: string): Promise<ServerProcess> {
  if (!existsSync(join(ROOT, 'dist/widget/pasokh.js')) || !existsSync(join(ROOT, 'dist/console/index.html'))) {
    throw new Error('The widget and console are not built: run `npm run build` first (npm test does).');
  }
  const port = await freePort();
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'pasokh-e2e-'));
  const server = await startServerChild({ port, dataDir: dir, env: { PASOKH_AUTO_ACK: 'true', ...env } });
  return {
    url: server.url,
    port,
    dataDir: dir,
    child: server.child,
    output: server.output,
    async stop(signal = 'SIGTERM') {
      await server.kill(signal);
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * One server process and one Chromium for a test file: started before its tests, stopped after.
 * Read `server` and `browser` inside tests (they are set once `beforeAll` has run); contexts made
 * with `newContext` are closed after each test.
 */
export function useServerAndBrowser(env: Record<string, string> = {}): {
  readonly server: ServerProcess;
  readonly browser: Browser;
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
} {
  const contexts: BrowserContext[] = [];
  const handles = {
    async newContext(options?: BrowserContextOptions) {
      const context = await handles.browser.newContext(options);
      contexts.push(context);
      return context;
    },
  } as { server: ServerProcess; browser: Browser; newContext(options?: BrowserContextOptions): Promise<BrowserContext> };
  beforeAll(async () => {
    handles.server = await startServerProcess(env);
    handles.browser = await launchChromium();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    await handles.browser?.close();
    await handles.server?.stop();
  });
  return handles;
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not at ${CHROMIUM}: install Debian's package (apt-get install -y chromium). End-to-end tests never download a browser.`,
    );
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

// ---------- helpers for the console, offline and outbox suites (additive) ----------

/** An agent's sign-in details. */
export interface Credentials {
  email: string;
  password: string;
}

/** Signs in over HTTP and returns the session cookie as `name=value`, for API calls and agent sockets. */
export async function loginCookie(url: string, credentials: Credentials = ADMIN): Promise<string> {
  const response = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  if (response.status !== 200)
    throw new Error(`sign-in of ${credentials.email} failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.get('set-cookie');
  if (!cookie) throw new Error('the sign-in answer set no cookie');
  return cookie.split(';')[0]!;
}

/** Calls the console's HTTP API with a session cookie; throws with the body on anything but 2xx. */
export async function consoleApi<T = unknown>(
  url: string,
  cookie: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Adds an agent as the admin (`POST /api/agents`) and returns its profile. */
export async function addAgentAsAdmin(
  url: string,
  adminCookie: string,
  input: { email: string; name: string; password: string; role?: 'admin' | 'agent' },
): Promise<AgentProfile> {
  const { agent } = await consoleApi<{ agent: AgentProfile }>(url, adminCookie, 'POST', '/api/agents', {
    role: 'agent',
    ...input,
  });
  return agent;
}

/** Signs an agent in through the console's form and waits until the "Conversations" list shows. */
export async function signInConsole(page: Page, url: string, credentials: Credentials = ADMIN): Promise<Locator> {
  await page.goto(`${url}/console`);
  await page.getByLabel('Email').fill(credentials.email);
  await page.getByLabel('Password').fill(credentials.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const conversations = page.getByRole('list', { name: 'Conversations' });
  await conversations.waitFor();
  return conversations;
}

/** Waits until the loader has run on `page` and `window.Pasokh` takes commands. */
export async function waitForWidgetApi(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { Pasokh?: { loaded?: boolean } }).Pasokh?.loaded === true);
}

/** All text inside the widget's shadow root (what the page could ever show the visitor). */
export function widgetText(page: Page): Promise<string> {
  return page.evaluate(() => document.querySelector('pasokh-widget')?.shadowRoot?.textContent ?? '');
}

export type AgentSocket = ClientSocket<AgentServerToClient, AgentClientToServer>;

/**
 * A headless agent on `/agent` from Node (socket.io-client), for reading what the server stored:
 * `messages:sync` answers from the database. It counts as an online agent while connected.
 */
export async function connectAgentSocket(url: string, cookie: string): Promise<AgentSocket> {
  const socket: AgentSocket = io(`${url}/agent`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { cookie },
  });
  await new Promise<void>((resolveQueue, reject) => {
    const timer = setTimeout(() => reject(new Error('the agent socket got no queue within 5 s')), 5000);
    socket.once('queue', () => {
      clearTimeout(timer);
      resolveQueue();
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  return socket;
}

/** Every stored message of a conversation, internal notes included, as the server's store has them. */
export async function storedMessages(socket: AgentSocket, conversationId: string): Promise<Message[]> {
  const ack = await socket.timeout(5000).emitWithAck('messages:sync', { conversationId, afterSeq: 0 });
  if (!ack.ok) throw new Error(`messages:sync failed: ${ack.error.code} ${ack.error.message}`);
  return ack.messages;
}
