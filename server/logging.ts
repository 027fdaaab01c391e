/**
 * How the server talks to the person running it: pretty, coloured lines on a terminal and JSON
 * lines otherwise (a log collector reads those), a start banner that says what runs where and
 * what to do next, and FAQ reload problems as one sentence with file:line.
 */
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { Config } from './config.js';
import { FaqError } from './faq/library.js';

/** pino at `level` writing to `destination` (stdout): pretty when it is a terminal, JSON lines otherwise. */
export function createLogger(level: string, destination: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout): Logger {
  if (!destination.isTTY) return pino({ level }, destination);
  return pino({ level }, pretty({ destination, colorize: true, sync: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname' }));
}

export interface BannerFacts {
  port: number;
  /** Whether outgoing email is configured (offline replies reach visitors by mail). */
  email: boolean;
  redis: boolean;
  /** Whether any agent can sign in yet. */
  hasAgents: boolean;
}

/** The lines printed once the server listens. */
export function startBanner(config: Config, facts: BannerFacts): string {
  const base = `http://localhost:${facts.port}`;
  const database = config.databaseUrl
    ? `PostgreSQL (${new URL(config.databaseUrl).host || 'local socket'})`
    : `SQLite in ${config.dataDir}`;
  const next = facts.hasAgents
    ? `Next: paste <script async src="${base}/pasokh.js" data-site="${config.sites[0]!.key}"></script> into your site and list its origin in allowedOrigins.`
    : 'Next: create the first admin (PASOKH_ADMIN_EMAIL and PASOKH_ADMIN_PASSWORD, or `npx pasokh agent add you@example.com --role admin`).';
  return [
    `Pasokh is running.`,
    `  Demo site   ${base}/`,
    `  Console     ${base}/console`,
    `  Database    ${database}`,
    `  Sites       ${config.sites.map((site) => `${site.key} (${site.allowedOrigins.length ? site.allowedOrigins.join(', ') : 'this server only'})`).join('; ')}`,
    `  Email       ${facts.email ? 'on' : 'off (set PASOKH_SMTP_URL to email offline replies)'}`,
    `  Redis       ${facts.redis ? 'on (scaled out)' : 'off (one process)'}`,
    `  ${next}`,
  ].join('\n');
}

/** A failed FAQ reload as one sentence: where (file:line) and what, never a stack. */
export function faqReloadMessage(site: string, error: Error): string {
  const what =
    error instanceof FaqError
      ? error.problems.map((problem) => `${problem.file}${problem.line ? `:${problem.line}` : ''}: ${problem.message}`).join('; ')
      : error.message;
  return `The FAQ of site "${site}" was edited but not reloaded, so the last good version stays: ${what.replace(/\s*\n\s*/g, ' ')}`;
}
