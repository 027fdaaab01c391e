/**
 * A page on an origin the site does not allow: the widget's requests get a 403 JSON refusal the
 * page can read (so it is not mistaken for a network failure), and the log names the origin and
 * the setting, once per origin.
 */
import pino from 'pino';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

const lines: { level: number; msg: string; origin?: string }[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
    done();
  },
});

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ deps: { logger: pino({ level: 'warn' }, sink) } });
});
afterAll(async () => {
  await h.stop();
});

describe('a widget request from an origin the site does not allow', () => {
  it('answers 403 origin_not_allowed, readable by the page, and warns once naming the origin and allowedOrigins', async () => {
    const origin = 'https://blog.example';
    for (const path of ['/api/faq?site=default', '/api/widget-config?site=default', '/api/faq?site=default']) {
      const response = await fetch(`${h.url}${path}`, { headers: { origin } });
      expect(response.status).toBe(403);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('origin_not_allowed');
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    const warnings = lines.filter((line) => line.level === 40 && line.origin === origin);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.msg).toContain(origin);
    expect(warnings[0]!.msg).toContain('allowedOrigins');
  });

  it('still serves an allowed page and a request without an Origin', async () => {
    const allowed = await fetch(`${h.url}/api/faq?site=default`, { headers: { origin: h.url } });
    expect(allowed.status).toBe(200);
    const none = await fetch(`${h.url}/api/faq?site=default`);
    expect(none.status).toBe(200);
  });
});
