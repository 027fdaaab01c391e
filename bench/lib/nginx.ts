/**
 * Runs Debian's nginx with the shipped deploy/nginx/pasokh.conf, on loopback, as a child
 * process with its own prefix folder: the tests and the cluster bench go through the same
 * proxy configuration a site owner installs.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, freePort } from './server-process.js';

export const NGINX_BIN = process.env.NGINX_BIN ?? '/usr/sbin/nginx';
export const NGINX_SITE_CONF = join(ROOT, 'deploy/nginx/pasokh.conf');

/** Why nginx cannot run here, or null when it can. */
export function nginxUnavailable(): string | null {
  const probe = spawnSync(NGINX_BIN, ['-v'], { encoding: 'utf8' });
  return probe.error ? `${NGINX_BIN}: ${probe.error.message}` : null;
}

/**
 * The shipped site configuration with its placeholders replaced: the listen address and the
 * upstream nodes. Everything else (stickiness, upgrades, headers, failover) is kept verbatim.
 */
export function renderSiteConf(listenPort: number, upstreams: string[]): string {
  const shipped = readFileSync(NGINX_SITE_CONF, 'utf8');
  const servers = shipped.match(/^ *server 127\.0\.0\.1:\d+ .*$/gm);
  if (!servers || servers.length === 0) throw new Error(`${NGINX_SITE_CONF} lists no upstream servers`);
  const options = servers[0]!.replace(/^ *server \S+/, '');
  const withoutServers = shipped.replace(/^ *server 127\.0\.0\.1:\d+ .*\n/gm, '');
  const upstreamLines = upstreams.map((address) => `    server ${address}${options}\n`).join('');
  return withoutServers
    .replace(/(upstream pasokh_nodes \{\n(?:.*\n)*?)( *keepalive)/, `$1${upstreamLines}$2`)
    .replace(/listen 80;/, `listen 127.0.0.1:${listenPort};`);
}

export interface NginxProcess {
  url: string;
  port: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts nginx in front of `upstreams` ("127.0.0.1:port") and waits until it accepts. */
export async function startNginx(upstreams: string[]): Promise<NginxProcess> {
  const prefix = mkdtempSync(join(tmpdir(), 'pasokh-nginx-'));
  const port = await freePort();
  const main = [
    // Workers run as the user who started the test; as root nginx would switch to nobody,
    // who cannot read this private folder.
    ...(process.getuid?.() === 0 ? ['user root;'] : []),
    'daemon off;',
    'worker_processes 1;',
    `pid ${prefix}/nginx.pid;`,
    `error_log ${prefix}/error.log warn;`,
    // Each proxied socket holds two connections; the capacity bench opens thousands.
    'events { worker_connections 16384; }',
    'http {',
    `  access_log off;`,
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${prefix}/${t};`),
    renderSiteConf(port, upstreams),
    '}',
  ].join('\n');
  writeFileSync(join(prefix, 'nginx.conf'), main);
  const child = spawn(NGINX_BIN, ['-p', prefix, '-c', join(prefix, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr}${readError(prefix)}`);
    try {
      await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`nginx did not start: ${stderr}${readError(prefix)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    url,
    port,
    child,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGQUIT');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

function readError(prefix: string): string {
  try {
    return readFileSync(join(prefix, 'error.log'), 'utf8');
  } catch {
    return '';
  }
}
