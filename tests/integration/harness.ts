/**
 * Starts the real app on port 0 with a real SQLite file, and connects real socket.io-client
 * sockets to it. Everything it opens, `stop()` closes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { io, type Socket } from 'socket.io-client';
import type { ConversationSummary } from '../../protocol/types.js';
import type {
  AgentClientToServer,
  AgentServerToClient,
  VisitorAuth,
  VisitorClientToServer,
  VisitorHello,
  VisitorServerToClient,
} from '../../protocol/events.js';
import { createApp, type App, type AppDeps } from '../../server/app.js';
import { addAgent } from '../../server/auth/agents.js';
import { loadConfig, type Config } from '../../server/config.js';
import { integrationsEnabled, startIntegrations, type Integrations } from '../../server/outbox/index.js';
import { openFaqLibraries } from '../../server/faq/site-libraries.js';
import { createSqliteStore } from '../../server/store/index.js';
import type { Store } from '../../server/store/store.js';

export type VisitorSocket = Socket<VisitorServerToClient, VisitorClientToServer>;
export type AgentSocket = Socket<AgentServerToClient, AgentClientToServer>;

export interface Harness {
  app: App;
  store: Store;
  config: Config;
  url: string;
  dataDir: string;
  /** A visitor socket, connected and greeted. */
  visitor(auth?: Partial<VisitorAuth>, options?: { origin?: string }): Promise<{ socket: VisitorSocket; hello: VisitorHello }>;
  /** Signs in over HTTP and returns the session cookie. */
  login(email?: string, password?: string): Promise<string>;
  /** An agent socket, signed in, connected, and holding its first queue. */
  agent(cookie?: string): Promise<AgentSocket>;
  /** The queue the server sent an agent socket when it connected. */
  queueOf(socket: AgentSocket): ConversationSummary[];
  addAgent(email: string, name: string, role?: 'admin' | 'agent'): Promise<string>;
  /** The delivery worker (webhooks, email), running when the config asks for any. */
  integrations: Integrations | undefined;
  stop(): Promise<void>;
}

export const ADMIN = { email: 'admin@example.com', password: 'correct horse battery' };

export async function startHarness(
  options: {
    env?: Record<string, string>;
    deps?: Partial<AppDeps>;
    /** Another store than a fresh SQLite file (PostgreSQL); the harness closes it. */
    openStore?: (outbox: boolean) => Promise<Store>;
  } = {},
): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pasokh-it-'));
  // Exact seqs are asserted throughout, so the automatic acknowledgement is off unless a test
  // turns it on (auto-ack.test.ts does).
  const config = loadConfig({
    PASOKH_DATA: dataDir,
    LOG_LEVEL: 'silent',
    PASOKH_AUTO_ACK: 'false',
    NODE_ENV: 'test',
    ...options.env,
  });
  const outbox = integrationsEnabled(config);
  const store = options.openStore
    ? await options.openStore(outbox)
    : await createSqliteStore({ file: join(dataDir, 'pasokh.db'), outbox });
  await addAgent(store, { ...ADMIN, name: 'Ada Admin', role: 'admin' });
  const faqs = await openFaqLibraries({ sites: config.sites, store, logger: pino({ level: 'silent' }), watch: false });
  const app = await createApp({ config, store, faqs, logger: pino({ level: 'silent' }), ...options.deps });
  const port = await app.listen(0);
  const url = `http://127.0.0.1:${port}`;
  const integrations = await startIntegrations({ config, store, app, logger: pino({ level: 'silent' }), pollMs: 50 });
  const sockets: Socket[] = [];
  const queues = new WeakMap<AgentSocket, ConversationSummary[]>();

  async function login(email = ADMIN.email, password = ADMIN.password): Promise<string> {
    const response = await fetch(`${url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
    const cookie = response.headers.get('set-cookie');
    if (!cookie) throw new Error('login set no cookie');
    return cookie.split(';')[0]!;
  }

  return {
    app,
    store,
    config,
    url,
    dataDir,
    integrations,
    login,
    async visitor(auth = {}, { origin } = {}) {
      const socket: VisitorSocket = io(`${url}/visitor`, {
        auth: { site: 'default', ...auth },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        ...(origin ? { extraHeaders: { origin } } : {}),
      });
      sockets.push(socket);
      const hello = await new Promise<VisitorHello>((resolve, reject) => {
        socket.once('hello', resolve);
        socket.once('connect_error', reject);
        setTimeout(() => reject(new Error('no hello within 5 s')), 5000);
      });
      return { socket, hello };
    },
    async agent(cookie) {
      const socket: AgentSocket = io(`${url}/agent`, {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        extraHeaders: { cookie: cookie ?? (await login()) },
      });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('queue', (queue) => {
          queues.set(socket, queue);
          resolve();
        });
        socket.once('connect_error', reject);
        setTimeout(() => reject(new Error('agent did not connect within 5 s')), 5000);
      });
      return socket;
    },
    queueOf(socket) {
      const queue = queues.get(socket);
      if (!queue) throw new Error('this agent socket has no queue yet');
      return queue;
    },
    async addAgent(email, name, role = 'agent') {
      await addAgent(store, { email, name, password: ADMIN.password, role });
      return login(email, ADMIN.password);
    },
    async stop() {
      for (const socket of sockets) socket.disconnect();
      await integrations?.stop();
      await app.close();
      for (const faq of faqs.values()) faq.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resolves with the next `event` the socket receives that satisfies `match`. */
export function nextEvent<T>(
  socket: Socket,
  event: string,
  match: (payload: T) => boolean = () => true,
  timeoutMs = 5000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no "${event}" within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: T) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

/** Collects every `event` the socket receives from now on. */
export function collect<T>(socket: Socket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}
