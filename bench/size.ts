/**
 * Bundle sizes beside the budgets (docs/decisions/004-size-budgets.md) and the peers' published figures:
 * `npm run bench:size` (builds first) prints JSON.
 *
 * What a visitor downloads is measured from dist/widget (the built files, gzip -9 and brotli
 * q11): the loader; the search path (loader + app chunk + the panel strings of one locale,
 * everything needed to search the FAQ, FAQ data not counted); the chat chunk, fetched only when
 * the visitor chooses to talk. `breakdown` splits the app chunk into what it is made of: each
 * group's modules as bundled, minified together and compressed alone (so the groups add up to a
 * little more than the chunk, which compresses across them). `wire` is what the real server sends
 * over real HTTP to a browser (`Accept-Encoding: br, gzip`) and to a client that accepts no
 * compression, body bytes, for the demo site and its FAQ.
 */
import { transform } from 'esbuild';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build, type Rollup } from 'vite';
import { freePort, startServerChild } from './lib/server-process.js';
import { widgetWire } from './lib/wire.js';

const ROOT = resolve(import.meta.dirname, '..');
const WIDGET = join(ROOT, 'dist/widget');
const CONSOLE = join(ROOT, 'dist/console/assets');
/** 1 KB = 1,024 bytes, as the loader's "2 KB" has always been read here. */
const KB = 1024;
const BUDGETS = { loader: 2 * KB, searchPath: 20 * KB, chat: 20 * KB };

/**
 * Peers' figures as they publish or measure them. Units as published: Chatwoot's is
 * the widget's JS (KiB, transfer), the others gzip.
 */
const PEERS = [
  { name: 'Chatwoot', what: 'widget JS, loaded on click', bytes: 170 * KB },
  { name: 'Papercups', what: 'host part before its iframe, gzip', bytes: 117 * 1000 },
  { name: 'Rocket.Chat Livechat', what: 'before a visitor can type, gzip', bytes: 480 * 1000 },
  { name: 'Crisp', what: 'chat widget, gzip', bytes: 130 * 1000 },
];

interface Size {
  raw: number;
  gzip: number;
  brotli: number;
}

function sizeOf(code: Buffer | string): Size {
  const buffer = Buffer.from(code);
  return {
    raw: buffer.length,
    gzip: gzipSync(buffer, { level: 9 }).length,
    brotli: brotliCompressSync(buffer, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

const add = (...sizes: Size[]): Size =>
  sizes.reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }));
const file = (name: string) => readFileSync(join(WIDGET, name));

type Manifest = Record<string, { file: string }>;

function builtFiles() {
  const manifestPath = join(WIDGET, '.vite/manifest.json');
  if (!existsSync(manifestPath) || !existsSync(join(WIDGET, 'pasokh.js'))) {
    throw new Error('dist/widget is not built: run `npm run build` (or `npm run bench:size`, which builds first).');
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const of = (src: string) => {
    const entry = manifest[src];
    if (!entry) throw new Error(`${src} is missing from the widget manifest: was the layout of widget/ changed?`);
    return entry.file;
  };
  return {
    app: of('widget/app/main.tsx'),
    chat: of('widget/app/chat-panel.tsx'),
    article: of('widget/app/article-chunk.ts'),
    fuse: of('widget/search/typos.ts'),
  };
}

/** Groups of the app chunk's modules, by what they are for. */
function groupOf(id: string): string {
  if (id.includes('node_modules/fuse.js')) return 'fuse.js (basic, minified build)';
  if (id.includes('node_modules/preact')) return 'preact (core + jsx runtime)';
  if (id.includes('/widget/search/')) return 'search (normaliser, ranking, vocabulary)';
  if (id.endsWith('.css?inline')) return 'panel CSS';
  if (id.includes('/widget/i18n/')) return 'i18n runtime + launcher names';
  if (/\/widget\/app\/(App|SearchView|Header|TalkButton|Highlighted)\.tsx$/.test(id))
    return 'panel UI (App, search view, header)';
  return 'services (mount, FAQ fetch, analytics, session, chat loader, storage)';
}

/** Rebuilds the widget in memory to split the app chunk into groups of modules. */
async function breakdown(): Promise<Record<string, Size>> {
  const groups: Record<string, string[]> = {};
  await build({
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'silent',
    // In memory only; the loader pass rewrites the same loader files the build made.
    build: { write: false, emptyOutDir: false },
    plugins: [
      {
        name: 'pasokh-size-breakdown',
        generateBundle(_options: unknown, bundle: Rollup.OutputBundle) {
          for (const chunk of Object.values(bundle)) {
            if (chunk.type !== 'chunk' || chunk.name !== 'app') continue;
            for (const [id, module] of Object.entries(chunk.modules)) (groups[groupOf(id)] ??= []).push(module.code ?? '');
          }
        },
      },
    ],
  });
  const result: Record<string, Size> = {};
  for (const [group, codes] of Object.entries(groups)) {
    const minified = (await transform(codes.join('\n'), { minify: true, loader: 'js' })).code;
    result[group] = sizeOf(minified);
  }
  return Object.fromEntries(Object.entries(result).sort((a, b) => b[1].gzip - a[1].gzip));
}

function consoleSize(): Size | null {
  if (!existsSync(CONSOLE)) return null;
  const files = readdirSync(CONSOLE).filter((name) => /\.(js|css)$/.test(name));
  return files.length ? add(...files.map((name) => sizeOf(readFileSync(join(CONSOLE, name))))) : null;
}

/** Starts the real server on the demo config and weighs its responses as sent. */
async function wire(files: ReturnType<typeof builtFiles>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'pasokh-size-'));
  const server = await startServerChild({ port: await freePort(), dataDir });
  try {
    const compressed = await widgetWire(server.url, files);
    const uncompressed = await widgetWire(server.url, files, 'default', 'identity');
    const bytes = (w: typeof compressed) => ({
      pageLoad: { total: w.pageLoad.bytes, loader: w.pageLoad.loader.bytes, config: w.pageLoad.config.bytes },
      onIntent: { total: w.onIntent.bytes, app: w.onIntent.app.bytes, faq: w.onIntent.faq.bytes },
      later: { chat: w.later.chat.bytes, article: w.later.article.bytes, fuse: w.later.fuse.bytes },
    });
    return {
      acceptEncoding: { 'br, gzip': bytes(compressed), identity: bytes(uncompressed) },
      encodings: {
        loader: compressed.pageLoad.loader.encoding,
        app: compressed.onIntent.app.encoding,
        faq: compressed.onIntent.faq.encoding,
      },
    };
  } finally {
    await server.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const files = builtFiles();
  const loader = sizeOf(file('pasokh.js'));
  const app = sizeOf(file(files.app));
  // Both locales' panel strings travel in the app chunk (one fetch less on the first click).
  const searchPath = add(loader, app);
  const chat = sizeOf(file(files.chat));
  const article = sizeOf(file(files.article));
  const within = (size: Size, budget: number) => ({ ...size, budget, withinBudget: size.gzip <= budget });

  const result = {
    command: 'npm run bench:size',
    machine: {
      node: process.version,
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      loadavg: loadavg().map((n) => +n.toFixed(2)),
    },
    units: 'bytes; gzip -9 and brotli q11 of the built files; budgets in gzip, 1 KB = 1,024 B',
    files,
    loader: within(loader, BUDGETS.loader),
    searchPath: { ...within(searchPath, BUDGETS.searchPath), parts: { loader, app } },
    chat: within(chat, BUDGETS.chat),
    afterClick: {
      article,
      /** fuse.js and the other keyboard layout, fetched on the first word the FAQ lacks. */
      fuse: sizeOf(file(files.fuse)),
      /** Search path + that chunk: a visitor whose search includes a typo. */
      searchingWithTypos: add(searchPath, sizeOf(file(files.fuse))),
      /** Search path + chat chunk: everything a visitor who talks to a person downloads. */
      talking: add(searchPath, chat),
    },
    esModule: sizeOf(file('pasokh.mjs')),
    wire: await wire(files),
    console: consoleSize(),
    appBreakdown: await breakdown(),
    peers: PEERS.map((peer) => ({
      ...peer,
      ratioToSearchPath: +(peer.bytes / searchPath.gzip).toFixed(1),
      ratioToSearchPathPlusChat: +(peer.bytes / (searchPath.gzip + chat.gzip)).toFixed(1),
    })),
  };
  console.log(JSON.stringify(result, null, 2));
}

await main();
