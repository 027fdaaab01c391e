/**
 * The real server as a child process, restartable on the same port and data folder, so clients
 * reconnect to a restarted server exactly as they would in production. (tests/e2e/support.ts
 * startServerProcess always picks a new port, which a restart test cannot use.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const ADMIN = { email: 'admin@example.com', password: 'correct horse battery' };

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export interface ServerChild {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the process wrote so far. */
  output(): string;
  /** True until the process has exited. */
  alive(): boolean;
  /** Sends `signal` and waits for the exit (SIGKILL after 5 s if it will not go). */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface ServerChildOptions {
  port: number;
  dataDir: string;
  env?: Record<string, string>;
  /** Script and arguments after `node --import tsx`. @default ['server/cli.ts', 'serve'] */
  args?: string[];
  /** Extra node flags, e.g. --expose-gc. */
  nodeArgs?: string[];
  /** @default 30000 */
  healthyWithinMs?: number;
}

/** Starts the server and resolves once GET /healthz answers 200. */
export async function startServerChild(options: ServerChildOptions): Promise<ServerChild> {
  let output = '';
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), '--import', 'tsx', ...(options.args ?? ['server/cli.ts', 'serve'])],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(options.port),
        HOST: '127.0.0.1',
        PASOKH_DATA: options.dataDir,
        PASOKH_ADMIN_EMAIL: ADMIN.email,
        PASOKH_ADMIN_PASSWORD: ADMIN.password,
        LOG_LEVEL: 'warn',
        // The relay's own guarantees are measured without the extra system message per conversation.
        PASOKH_AUTO_ACK: 'false',
        // Without SMTP, development (NODE_ENV unset) writes email to files and so records
        // integration events with every message; a benchmark measures a production install.
        NODE_ENV: process.env.NODE_ENV ?? 'production',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.healthyWithinMs ?? 30_000);
  for (;;) {
    if (!alive()) throw new Error(`the server exited (${child.exitCode ?? child.signalCode}):\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not become healthy in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port: options.port,
    child,
    output: () => output,
    alive,
    async kill(signal = 'SIGTERM') {
      if (!alive()) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
