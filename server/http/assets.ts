/**
 * Static files: the loader at /pasokh.js, hashed widget chunks at /widget/*, the console at
 * /console, and the demo site at /. Built files come from dist/ (`npm run build`).
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
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
  const missingBuild = () => new HttpError(503, 'not_found', 'The widget is not built yet: run `npm run build`.');

  await app.register(fastifyStatic, {
    root: widgetDir,
    prefix: '/widget/',
    // Hashed names: a file never changes, so browsers may keep it for a year.
    immutable: true,
    maxAge: '365d',
    setHeaders(res) {
      res.header('Access-Control-Allow-Origin', '*');
      res.header('Cross-Origin-Resource-Policy', 'cross-origin');
    },
  });

  // The ES-module API has a fixed name too (its relative imports need it under /widget/), so it
  // is revalidated like the loader instead of cached for a year. Registered before the static
  // wildcard, which it overrides.
  app.get('/widget/pasokh.mjs', async (_request, reply) => {
    if (!existsSync(resolve(widgetDir, 'pasokh.mjs'))) throw missingBuild();
    reply.header('Cache-Control', 'public, max-age=300');
    reply.header('Access-Control-Allow-Origin', '*');
    reply.header('Cross-Origin-Resource-Policy', 'cross-origin');
    return reply.sendFile('pasokh.mjs', widgetDir, { maxAge: 300_000, immutable: false });
  });

  app.get('/pasokh.js', async (_request, reply) => {
    if (!existsSync(resolve(widgetDir, 'pasokh.js'))) throw missingBuild();
    // The loader's name is stable, so it is revalidated: a new release reaches sites within minutes.
    reply.header('Cache-Control', 'public, max-age=300');
    reply.header('Access-Control-Allow-Origin', '*');
    reply.header('Cross-Origin-Resource-Policy', 'cross-origin');
    return reply.sendFile('pasokh.js', widgetDir, { maxAge: 300_000, immutable: false });
  });

  await app.register(fastifyStatic, {
    root: consoleDir,
    prefix: '/console/',
    decorateReply: false,
    index: false,
    maxAge: '365d',
    immutable: true,
  });

  const consolePage = async (_request: unknown, reply: import('fastify').FastifyReply) => {
    if (!existsSync(resolve(consoleDir, 'index.html'))) throw missingBuild();
    reply.header('Content-Security-Policy', CONSOLE_CSP);
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Cache-Control', 'no-cache');
    return reply.sendFile('index.html', consoleDir, { maxAge: 0, immutable: false });
  };
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
