/**
 * Static files: the loader at /pasokh.js, hashed widget chunks at /widget/*, the console at
 * /console, and the demo site at /. Built files come from dist/ (`npm run build`).
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { PROJECT_ROOT } from '../config.js';
import { HttpError } from './errors.js';

export const DIST = resolve(PROJECT_ROOT, 'dist');

const CONSOLE_CSP = [
  "default-src 'self'",
  "connect-src 'self' ws: wss:",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

export async function registerAssets(app: FastifyInstance, options: { distDir?: string } = {}): Promise<void> {
  const dist = options.distDir ?? DIST;
  const widgetDir = resolve(dist, 'widget');
  const consoleDir = resolve(dist, 'console');
  const demoDir = resolve(PROJECT_ROOT, 'demo');
  const missingBuild = () => new HttpError('unavailable', 'The widget is not built yet: run `npm run build`.');

  await app.register(fastifyStatic, {
    root: widgetDir,
    prefix: '/widget/',
    // Hashed names: a file never changes, so browsers may keep it for a year.
    immutable: true,
    maxAge: '365d',
    // The build manifest lists every chunk: nobody outside needs it.
    allowedPath: (pathName) => !pathName.startsWith('/.vite/'),
    // dist/ holds NAME.br and NAME.gz made by the build; reply.sendFile uses this too.
    preCompressed: true,
    // `reply.sendFile` everywhere uses this plugin's options, so only widget files get these:
    // the console and the demo page must not be readable from other origins.
    setHeaders(res, path) {
      if (!path.startsWith(`${widgetDir}${sep}`)) return;
      res.header('Access-Control-Allow-Origin', '*');
      res.header('Cross-Origin-Resource-Policy', 'cross-origin');
    },
  });

  /**
   * A widget file with a stable name, embeddable from any origin and revalidated every few
   * minutes (not cached for a year), so a new release reaches sites quickly.
   */
  const stableWidgetFile = (file: string) => async (_request: unknown, reply: FastifyReply) => {
    if (!existsSync(resolve(widgetDir, file))) throw missingBuild();
    reply.header('Cache-Control', 'public, max-age=300');
    reply.header('Access-Control-Allow-Origin', '*');
    reply.header('Cross-Origin-Resource-Policy', 'cross-origin');
    return reply.sendFile(file, widgetDir, { maxAge: 300_000, immutable: false });
  };
  app.get('/pasokh.js', stableWidgetFile('pasokh.js'));
  // The ES-module API must stay under /widget/ (its relative imports need it); this route
  // overrides the immutable static wildcard for it.
  app.get('/widget/pasokh.mjs', stableWidgetFile('pasokh.mjs'));

  await app.register(fastifyStatic, {
    root: consoleDir,
    prefix: '/console/',
    decorateReply: false,
    index: false,
    maxAge: '365d',
    immutable: true,
    preCompressed: true,
  });

  const consolePage = async (_request: unknown, reply: FastifyReply) => {
    if (!existsSync(resolve(consoleDir, 'index.html'))) throw missingBuild();
    return reply.sendFile('index.html', consoleDir, { maxAge: 0, immutable: false });
  };
  // Whatever path serves the console's HTML (/console, /console/, /console/index.html, a later
  // fallback) gets the same protection against framing, and is revalidated, never cached a year.
  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.url.startsWith('/console')) return payload;
    if (!String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return payload;
    reply.header('Content-Security-Policy', CONSOLE_CSP);
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Cache-Control', 'no-cache');
    return payload;
  });
  app.get('/console', consolePage);
  app.get('/console/', consolePage);

  await app.register(fastifyStatic, { root: demoDir, prefix: '/demo/', decorateReply: false, index: false });
  app.get('/', async (_request, reply) => {
    reply.header('Cache-Control', 'no-cache');
    return reply.sendFile('index.html', demoDir, { maxAge: 0, immutable: false });
  });
  app.get('/fa', async (_request, reply) => {
    reply.header('Cache-Control', 'no-cache');
    return reply.sendFile('fa.html', demoDir, { maxAge: 0, immutable: false });
  });
}
