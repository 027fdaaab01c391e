import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { FaqError } from '../../server/faq/library.js';
import { createLogger, faqReloadMessage, startBanner } from '../../server/logging.js';

/** A stream that collects what is written, claiming to be a terminal or not. */
function sink(isTTY: boolean) {
  const stream = Object.assign(new PassThrough(), { isTTY });
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

describe("the server's own output", () => {
  it('writes JSON lines when stdout is not a terminal, and readable lines when it is', async () => {
    const pipe = sink(false);
    createLogger('info', pipe.stream).info({ site: 'default' }, 'FAQ reloaded');
    const terminal = sink(true);
    createLogger('info', terminal.stream).info({ site: 'default' }, 'FAQ reloaded');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(JSON.parse(pipe.text())).toMatchObject({ level: 30, msg: 'FAQ reloaded', site: 'default' });
    expect(terminal.text()).toMatch(/INFO.*FAQ reloaded/);
    expect(() => JSON.parse(terminal.text())).toThrow();
  });

  it('prints a start banner with the URLs, the database, email, Redis and what to do next', () => {
    const config = loadConfig({ PASOKH_DATA: '/srv/pasokh-data' });
    const banner = startBanner(config, { port: 8787, email: false, redis: false, hasAgents: true });
    expect(banner).toContain('http://localhost:8787/console');
    expect(banner).toContain('SQLite in /srv/pasokh-data');
    expect(banner).toMatch(/Email +off/);
    expect(banner).toMatch(/Redis +off/);
    expect(banner).toContain('<script async src="http://localhost:8787/pasokh.js" data-site="default"></script>');
    const fresh = startBanner(
      { ...config, databaseUrl: 'postgres://pasokh:secret@db.internal:5432/pasokh' },
      { port: 80, email: true, redis: true, hasAgents: false },
    );
    expect(fresh).toContain('PostgreSQL (db.internal:5432)');
    expect(fresh).not.toContain('secret');
    expect(fresh).toContain('create the first admin');
  });

  it('says a failed FAQ reload in one sentence with file:line and no stack', () => {
    const error = new FaqError([
      { file: 'faq.json', line: 12, message: 'Invalid JSON: Unexpected token' },
      { file: 'faq.json', line: 30, message: 'Entry "refund" has no answer.' },
    ]);
    const message = faqReloadMessage('default', error);
    expect(message).toBe(
      'The FAQ of site "default" was edited but not reloaded, so the last good version stays: faq.json:12: Invalid JSON: Unexpected token; faq.json:30: Entry "refund" has no answer.',
    );
    expect(message).not.toContain('\n');
  });
});
