/**
 * Two builds (docs/architecture.md, "Layout"):
 * - `vite build` → dist/widget/: the Preact app and its lazy chunks (the other locale's strings,
 *   the article view, the chat) with hashed names, then, in a second pass, the loader `pasokh.js`
 *   as a classic-script IIFE and `pasokh.mjs`, the same API as an ES module, both knowing the
 *   app's hashed file name (injected as `__PASOKH_APP__`), so they import it from any host origin.
 * - `vite build --mode console` → dist/console/ with base /console/.
 */
import preact from '@preact/preset-vite';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build, defineConfig, type Plugin, type UserConfig } from 'vite';

const ROOT = import.meta.dirname;
const WIDGET_OUT = resolve(ROOT, 'dist/widget');
/**
 * Browsers with dynamic import, ES2021 syntax and CSS logical properties (no syntax lowering
 * needed). Chrome 91, not 89: the minifier lowers every `?.` for Chrome 89–90 (a V8 bug in
 * optional calls), which cost the widget about 70 B in the search code and 200 B in the app chunk.
 */
const WIDGET_TARGET = ['chrome91', 'firefox89', 'safari15'];

/** Builds one loader file with the app entry's path (relative to the loader's URL) baked in. */
async function buildLoader(appPath: string, entry: string, format: 'iife' | 'es', fileName: string): Promise<void> {
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    publicDir: false,
    define: { __PASOKH_APP__: JSON.stringify(appPath) },
    build: {
      outDir: WIDGET_OUT,
      emptyOutDir: false,
      // Anything that runs the app (dynamic import, logical CSS) parses ES2020 syntax untouched.
      target: 'es2022',
      minify: true,
      reportCompressedSize: false,
      copyPublicDir: false,
      lib: { entry: resolve(ROOT, entry), formats: [format], name: 'PasokhLoader', fileName: () => fileName },
      rollupOptions: { output: { minify: true, comments: false } },
    },
  });
}

/** Text files worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = /\.(?:m?js|css|html|svg|json)$/;

/**
 * Writes NAME.br (quality 11) and NAME.gz (level 9) beside every text file under `dir`, once at
 * build time: the server picks one by Accept-Encoding (@fastify/static `preCompressed`) and so
 * never compresses a static file per request.
 */
function precompress(dir: string): void {
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    if (!COMPRESSIBLE.test(name) || name.startsWith('.vite')) continue;
    const path = resolve(dir, name);
    const content = readFileSync(path);
    writeFileSync(
      `${path}.br`,
      brotliCompressSync(content, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
      }),
    );
    writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
  }
}

/** Precompresses `dir` after everything else has been written to it. */
function precompressPass(dir: string): Plugin {
  return { name: 'pasokh-precompress', apply: 'build', closeBundle: { order: 'post', handler: () => precompress(dir) } };
}

/** After the app is written, builds the loaders with the app entry's hashed name baked in. */
function loaderPass(): Plugin {
  let appFile: string | undefined;
  return {
    name: 'pasokh-loader-pass',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && chunk.isEntry && chunk.name === 'app') appFile = chunk.fileName;
      }
    },
    async closeBundle() {
      if (!appFile) throw new Error('pasokh: the app entry chunk was not found in the widget build.');
      // The classic script for the snippet, and the same API as an ES module for single-page apps.
      // The server serves the first at /pasokh.js (chunks under /widget/), the second at /widget/.
      await buildLoader(`widget/${appFile}`, 'widget/loader/index.ts', 'iife', 'pasokh.js');
      await buildLoader(appFile, 'widget/loader/module.ts', 'es', 'pasokh.mjs');
      precompress(WIDGET_OUT);
    },
  };
}

/**
 * fuse.js ships a terser-minified build; our minifier (oxc) leaves its unminified ESM about
 * 0.5 KB gzip bigger, so the widget bundles the published minified file (the same code).
 */
const FUSE_MIN = resolve(ROOT, 'node_modules/fuse.js/dist/fuse.basic.min.mjs');

/**
 * The widget connects over WebSocket with long-polling as the fallback, never WebTransport, yet
 * engine.io-client bundles its WebTransport transport and packet streams (~0.4 KB gzip) because
 * its transport table names it. This stands in an empty transport for it; one that is asked for
 * anyway fails to open, which engine.io reports as a transport error.
 */
function withoutWebTransport(): Plugin {
  const STUB = '\0pasokh-no-webtransport';
  return {
    name: 'pasokh-no-webtransport',
    enforce: 'pre',
    resolveId(source, importer) {
      return source === './webtransport.js' && importer?.includes('engine.io-client') ? STUB : null;
    },
    load(id) {
      return id === STUB ? 'export class WT { constructor() { throw new Error("WebTransport is not bundled"); } }' : null;
    },
  };
}

function widgetConfig(): UserConfig {
  return {
    base: './',
    publicDir: false,
    resolve: { alias: { 'fuse.js/basic': FUSE_MIN } },
    plugins: [withoutWebTransport(), preact(), loaderPass()],
    build: {
      outDir: WIDGET_OUT,
      emptyOutDir: true,
      target: WIDGET_TARGET,
      // Named browsers, not 'es2020': otherwise the CSS minifier rewrites every logical property
      // into :lang() fallbacks for 19 right-to-left languages, and syntax gets lowered needlessly.
      cssTarget: WIDGET_TARGET,
      // Library mode: no HTML, no modulepreload helper. Chunks live side by side in /widget/ and
      // import each other relatively, wherever the host page is.
      lib: { entry: { app: resolve(ROOT, 'widget/app/main.tsx') }, formats: ['es'] },
      minify: true,
      cssCodeSplit: false,
      manifest: true,
      rollupOptions: {
        // What the chat chunk shares with the app (Preact, i18n) stays in the app chunk, which is
        // always loaded first: three files in all, no extra request for a shared chunk.
        preserveEntrySignatures: 'allow-extension',
        output: {
          entryFileNames: '[name]-[hash].js',
          chunkFileNames: '[name]-[hash].js',
          // Names that say what a file is: app (search), chat (socket.io-client + chat UI).
          assetFileNames: '[name]-[hash][extname]',
          // Library mode keeps ES output readable for other bundlers; this is shipped as is.
          minify: true,
          comments: false,
        },
      },
    },
  };
}

function consoleConfig(): UserConfig {
  return {
    root: resolve(ROOT, 'console'),
    base: '/console/',
    publicDir: false,
    plugins: [preact(), precompressPass(resolve(ROOT, 'dist/console'))],
    build: {
      outDir: resolve(ROOT, 'dist/console'),
      emptyOutDir: true,
      target: 'es2020',
    },
  };
}

export default defineConfig(({ mode }) => (mode === 'console' ? consoleConfig() : widgetConfig()));
