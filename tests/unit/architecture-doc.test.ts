/**
 * docs/architecture.md tells the truth about the contract: every HTTP route the server registers
 * (read from the running app, with every optional feature on), every Socket.IO event of the maps
 * in protocol/events.ts, every error code in protocol/errors.ts, every X-Pasokh-* header the
 * server sends, and every store table and migration are in it, in the section a reader looks in;
 * what it lists as a route exists, and every accessible name it gives is a string of the
 * catalogues. A feature that lands without its line here fails this.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pino from 'pino';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS, ERROR_CODES, WIDGET_ERRORS } from '../../protocol/errors.js';
import { createApp, type App } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { openFaqLibraries } from '../../server/faq/site-libraries.js';
import { provider } from '../../server/store/migrations/index.js';
import { createSqliteStore } from '../../server/store/index.js';
import type { Store } from '../../server/store/store.js';

const ROOT = resolve(import.meta.dirname, '../..');
const DOC = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');

/** The text under the heading that starts with `heading` (any level), up to the next heading of that level or higher. */
function section(heading: string): string {
  const lines = DOC.split('\n');
  const start = lines.findIndex((line) => /^#{2,4} /.test(line) && line.replace(/^#+ /, '').startsWith(heading));
  if (start < 0) throw new Error(`docs/architecture.md has no heading starting "${heading}"`);
  const level = /^#+/.exec(lines[start]!)![0].length;
  const end = lines.findIndex((line, i) => i > start && /^#+ /.test(line) && /^#+/.exec(line)![0].length <= level);
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** The cells of a table row, trimmed, around the outer pipes (`\\|` inside a cell is text). */
function cells(row: string): string[] {
  return row.split(/(?<!\\)\|/).map((cell) => cell.trim());
}

/** The first cell of every table row in `text`. */
function firstCells(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line))
    .map((line) => cells(line)[1]!);
}

// ---------- HTTP routes ----------

interface Route {
  method: string;
  path: string;
}

/**
 * Fastify's route tree (`printRoutes()`), flattened: each line's label appended to its parents'
 * gives the full path, and the methods in brackets are the routes registered there.
 */
function routesOf(app: App): Route[] {
  const stack: string[] = [];
  const routes: Route[] = [];
  for (const line of app.http.printRoutes().split('\n')) {
    const match = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    stack.length = depth;
    stack.push(match[2]!);
    if (!match[3]) continue;
    const path = stack.join('');
    for (const method of match[3].split(', ')) routes.push({ method, path });
  }
  return routes;
}

const dirs: string[] = [];
let store: Store;
let app: App;
let routes: Route[];

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pasokh-doc-'));
  dirs.push(dataDir);
  const distDir = join(dataDir, 'dist');
  for (const part of ['widget', 'console']) mkdirSync(join(distDir, part), { recursive: true });
  // Every optional part on: email (written as files in development) registers its routes too.
  const config = loadConfig({ PASOKH_DATA: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'development' }, dataDir);
  expect(config.mail.transport.kind).not.toBe('off');
  store = await createSqliteStore({ file: join(dataDir, 'pasokh.db'), outbox: true });
  const logger = pino({ level: 'silent' });
  const faqs = await openFaqLibraries({ sites: config.sites, store, logger, watch: false });
  app = await createApp({ config, store, faqs, logger, distDir });
  routes = routesOf(app).filter((route) => route.method !== 'HEAD');
});

afterAll(async () => {
  await app?.close();
  await store?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('docs/architecture.md: HTTP routes', () => {
  const documented = () => {
    const text = section('HTTP routes');
    return [...text.matchAll(/`(GET|POST|PUT|PATCH|DELETE|OPTIONS) (\/[^`\s?]*)(?:\?[^`\s]*)?`/g)].map(([, method, path]) => ({
      method: method!,
      path: path!,
    }));
  };

  it('reads the routes the app really registers', () => {
    // The tree is parsed from text: each route found must be one fastify knows.
    expect(routes.length).toBeGreaterThan(40);
    for (const route of routes)
      expect(app.http.hasRoute({ method: route.method as 'GET', url: route.path }), route.path).toBe(true);
    expect(routes).toContainEqual({ method: 'GET', path: '/api/faq/:id' });
    expect(routes).toContainEqual({ method: 'POST', path: '/api/console/faq/:id/revisions/:revision/restore' });
    expect(routes).toContainEqual({ method: 'GET', path: '/r/:token' });
  });

  it('lists every route the server registers, as `METHOD /path` in the routes section', () => {
    const listed = new Set(documented().map((route) => `${route.method} ${route.path}`));
    const missing = routes.map((route) => `${route.method} ${route.path}`).filter((route) => !listed.has(route));
    expect(missing, 'add these to "HTTP routes" in docs/architecture.md').toEqual([]);
  });

  it('lists no route the server does not have', () => {
    const served = new Set(routes.map((route) => `${route.method} ${route.path}`));
    const stale = documented()
      .map((route) => `${route.method} ${route.path}`)
      .filter((route) => !served.has(route));
    expect(stale, 'these routes in docs/architecture.md do not exist').toEqual([]);
  });

  it('says who may call each route', () => {
    const table = section('HTTP routes')
      .split('\n')
      .filter((line) => /^\| `(GET|POST|PUT|PATCH|DELETE|OPTIONS) \//.test(line));
    expect(table.length).toBeGreaterThan(30);
    for (const row of table) {
      const who = cells(row)[3] ?? '';
      expect(who, row).toMatch(/public|visitor token|allowed origin|agent|admin|FAQ editor|loopback|metrics token|reset link/);
    }
  });
});

// ---------- Socket.IO events ----------

const EVENTS_SOURCE = ts.createSourceFile(
  'events.ts',
  readFileSync(join(ROOT, 'protocol/events.ts'), 'utf8'),
  ts.ScriptTarget.Latest,
);

/** The member names of an interface in protocol/events.ts (an event map). */
function eventsOf(name: string): string[] {
  const found = EVENTS_SOURCE.statements.find(
    (statement): statement is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(statement) && statement.name.text === name,
  );
  if (!found) throw new Error(`protocol/events.ts has no interface ${name}`);
  return found.members.map((member) => {
    const key = member.name!;
    return ts.isStringLiteral(key) || ts.isIdentifier(key) ? key.text : key.getText(EVENTS_SOURCE);
  });
}

describe('docs/architecture.md: Socket.IO events', () => {
  const maps = [
    { map: 'VisitorServerToClient', heading: '`/visitor`: server → client' },
    { map: 'VisitorClientToServer', heading: '`/visitor`: client → server' },
    { map: 'AgentServerToClient', heading: '`/agent`: server → client' },
    { map: 'AgentClientToServer', heading: '`/agent`: client → server' },
    { map: 'InterServerEvents', heading: 'Between server processes' },
  ];

  it('finds the event maps', () => {
    expect(eventsOf('VisitorClientToServer')).toContain('message:send');
    expect(eventsOf('AgentServerToClient')).toContain('conversation:updated');
  });

  it.each(maps)('lists every event of $map under "$heading"', ({ map, heading }) => {
    const rows = new Set(firstCells(section(heading)));
    const missing = eventsOf(map).filter((event) => !rows.has(`\`${event}\``));
    expect(missing, `add these to "${heading}" in docs/architecture.md`).toEqual([]);
  });

  it.each(maps)('lists under "$heading" only events of $map', ({ map, heading }) => {
    const events = new Set(eventsOf(map).map((event) => `\`${event}\``));
    const stale = firstCells(section(heading)).filter((cell) => cell !== 'event' && !events.has(cell));
    expect(stale).toEqual([]);
  });
});

// ---------- Errors, headers, store ----------

describe('docs/architecture.md: error codes', () => {
  it('lists every code of protocol/errors.ts with its HTTP status and whether to retry', () => {
    const rows = section('Error codes')
      .split('\n')
      .filter((line) => line.startsWith('| `'));
    for (const code of ERROR_CODES) {
      const row = rows.find((line) => line.startsWith(`| \`${code}\` |`));
      expect(row, `add ${code} to "Error codes"`).toBeDefined();
      const [, , , status, retry] = cells(row!);
      expect(status, code).toContain(String(ERRORS[code].status));
      expect(retry, code).toMatch(ERRORS[code].retryable ? /^yes/ : /^no/);
    }
  });

  it("lists every one of the widget's own codes", () => {
    const rows = new Set(firstCells(section("The widget's own codes")));
    for (const code of Object.keys(WIDGET_ERRORS)) expect(rows.has(`\`${code}\``), code).toBe(true);
  });
});

/** Every .ts file under a folder of the repository. */
function sources(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => readFileSync(join(ROOT, folder, file), 'utf8'));
}

describe('docs/architecture.md: headers and the store', () => {
  it('names every X-Pasokh-* header the server sends', () => {
    const headers = new Set(
      sources('server').flatMap((text) => [...text.matchAll(/\bx-pasokh-[a-z-]+/gi)].map((m) => m[0].toLowerCase())),
    );
    expect(headers.size).toBeGreaterThanOrEqual(4);
    const doc = section('Integrations').toLowerCase();
    for (const header of headers) expect(doc, header).toContain(`\`${header}`);
  });

  it('names every table of the store schema and every migration', async () => {
    const schema = ts.createSourceFile(
      'schema.ts',
      readFileSync(join(ROOT, 'server/store/schema.ts'), 'utf8'),
      ts.ScriptTarget.Latest,
    );
    const database = schema.statements.find(
      (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'Database',
    )!;
    const tables = database.members.map((member) => (member.name as ts.Identifier).text);
    expect(tables).toContain('messages');
    const stores = section('Stores');
    for (const table of tables) expect(firstCells(stores), table).toContain(`\`${table}\``);
    const migrations = Object.keys(await provider.getMigrations());
    expect(migrations.length).toBeGreaterThanOrEqual(8);
    for (const migration of migrations) expect(stores, migration).toContain(`\`${migration}\``);
  });
});

// ---------- Accessible names ----------

/** Every string literal of the files, with `{x}` placeholders as they are written. */
function literals(files: string[]): string[] {
  return files.flatMap((file) =>
    [...readFileSync(join(ROOT, file), 'utf8').matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"/g)].map((m) =>
      (m[1] ?? m[2]!).replace(/\\(.)/g, '$1'),
    ),
  );
}

/** Whether `name` is one of the strings, or what one of them becomes with its `{x}` filled in. */
function inCatalogue(strings: string[], name: string): boolean {
  return strings.some((text) => {
    if (text === name) return true;
    if (!/\{\w+\}/.test(text)) return false;
    const pattern = text.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{\w+\\?\}/g, '.+');
    return new RegExp(`^${pattern}$`).test(name);
  });
}

const CATALOGUES: Record<string, string[]> = {
  Widget: readdirSync(join(ROOT, 'widget/i18n')).map((file) => `widget/i18n/${file}`),
  Console: ['console/i18n/en.ts', 'console/i18n/fa.ts'],
  'Help centre': ['server/help/strings.ts'],
};

describe('docs/architecture.md: accessible names', () => {
  const lines = section('Accessible names').split('\n');

  it.each(Object.keys(CATALOGUES))('gives only names the %s catalogues have', (part) => {
    const start = lines.findIndex((line) => line.startsWith(`${part} (`));
    expect(start, `a table introduced by "${part} (…)"`).toBeGreaterThanOrEqual(0);
    // The table right after the line that introduces it, up to the first line of prose.
    const after = lines.slice(start + 1);
    const prose = after.findIndex((line) => line !== '' && !line.startsWith('|'));
    const rows = after.slice(0, prose < 0 ? undefined : prose);
    const strings = literals(CATALOGUES[part]!);
    const names = rows
      .filter((row) => row.startsWith('|') && !/^\|\s*-/.test(row))
      .slice(1)
      .flatMap((row) => {
        const [, , english = '', persian = ''] = cells(row);
        return [
          ...[...english.matchAll(/"([^"]+)"/g)].map((m) => m[1]!),
          ...[...persian.matchAll(/«((?:[^«»]|«[^«»]*»)+)»/g)].map((m) => m[1]!),
        ];
      });
    expect(names.length).toBeGreaterThan(part === 'Help centre' ? 5 : 15);
    const unknown = names.filter((name) => !inCatalogue(strings, name));
    expect(unknown, `names in docs/architecture.md that no ${part} string has`).toEqual([]);
  });
});
