import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEMO_FAQ, loadConfig } from '../../server/config.js';

function dirWith(config: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'pasokh-config-'));
  writeFileSync(join(dir, 'pasokh.config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
}

describe('configuration', () => {
  it('runs with no file at all: one demo site on port 8787 with data under ./data', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'pasokh-config-'));
    const config = loadConfig({}, cwd);
    expect(config.port).toBe(8787);
    expect(config.dataDir).toBe(join(cwd, 'data'));
    expect(config.sites).toHaveLength(1);
    expect(config.sites[0]).toMatchObject({ key: 'default', faq: DEMO_FAQ, locale: 'en', allowedOrigins: [] });
  });

  it('takes PORT, PASOKH_DATA and PASOKH_ALLOWED_ORIGINS from the environment', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'pasokh-config-'));
    const config = loadConfig(
      { PORT: '9000', PASOKH_DATA: '/tmp/pasokh-x', PASOKH_ALLOWED_ORIGINS: 'https://a.example, https://b.example' },
      cwd,
    );
    expect(config.port).toBe(9000);
    expect(config.dataDir).toBe('/tmp/pasokh-x');
    expect(config.sites[0]!.allowedOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  it('reads sites from pasokh.config.json, resolving the FAQ path next to the file', () => {
    const dir = dirWith({
      sites: [
        { key: 'shop', name: 'Shop', faq: DEMO_FAQ, locale: 'fa', allowedOrigins: ['https://shop.example'], color: '#112233' },
      ],
    });
    const config = loadConfig({}, dir);
    expect(config.sites[0]).toMatchObject({ key: 'shop', locale: 'fa', color: '#112233', position: 'right', vocabulary: true });
  });

  it.each([
    [{ sites: [{ key: 'Shop Main' }] }, /"sites\[0\]\.key" must be lowercase letters/],
    [{ sites: [{ key: 'a', allowedOrigins: ['https://shop.example/path'] }] }, /must be an origin like "https:\/\/shop.example"/],
    [{ sites: [{ key: 'a', color: 'red' }] }, /must be a colour like "#0f766e"/],
    [{ sites: [{ key: 'a', faq: 'missing.json' }] }, /The FAQ of site "a" .* does not exist/],
    [{ sites: [{ key: 'a' }, { key: 'a' }] }, /listed twice/],
    [{ sites: [{ key: 'a', businessHours: { timeZone: 'Mars/Olympus', weekly: {} } }] }, /IANA time zone/],
    [{ port: 'eighty' }, /"port"/],
    [{ colour: '#000000' }, /colour/],
    ['{ not json', /is not valid JSON/],
  ])('fails fast with a sentence a site owner understands: %j', (config, message) => {
    const dir = dirWith(config);
    expect(() => loadConfig({}, dir)).toThrow(ConfigError);
    expect(() => loadConfig({}, dir)).toThrow(message);
  });

  it('reports every problem at once, each a sentence with its path', () => {
    const dir = dirWith({ port: 'eighty', sites: [{ key: 'shop', color: 'red', vocabulary: 'yes', locale: 'de' }] });
    let message = '';
    try {
      loadConfig({ PASOKH_SECURE_COOKIES: 'yes', PORT: 'http' }, dir);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/^The configuration has 6 problems:\n {2}1\. /);
    expect(message).toContain('"port" must be a number, not "eighty".');
    expect(message).toContain('"sites[0].color" must be a colour like "#0f766e".');
    expect(message).toContain('"sites[0].vocabulary" must be true or false (without quotes), not "yes".');
    expect(message).toContain('"sites[0].locale" must be one of "en", "fa", not "de".');
    expect(message).toContain('PASOKH_SECURE_COOKIES must be "true" or "false", not "yes".');
    expect(message).toContain('PORT must be a port number from 0 to 65535, not "http".');
  });

  it.each([
    [
      { sites: [{ key: 'shop', allowedOrigin: ['https://shop.example'] }] },
      '"sites[0].allowedOrigin" is not a setting; did you mean "allowedOrigins"?',
    ],
    [{ prot: 8080 }, '"prot" is not a setting; did you mean "port"?'],
    [
      { sites: [{ key: 'shop', businessHours: { timeZone: 'Asia/Tehran', weekly: {}, holiday: [] } }] },
      '"sites[0].businessHours.holiday" is not a setting; did you mean "holidays"?',
    ],
    [{ colour: '#000000' }, '"colour" is not a setting.'],
  ])('names an unknown setting and the nearest real one: %j', (config, sentence) => {
    expect(() => loadConfig({}, dirWith(config))).toThrow(sentence);
  });

  it("names the Redis stream from PASOKH_REDIS_STREAM or the file, keeping the adapter's default otherwise", () => {
    const cwd = mkdtempSync(join(tmpdir(), 'pasokh-config-'));
    expect(loadConfig({}, cwd).redisStream).toBe('socket.io');
    expect(loadConfig({ PASOKH_REDIS_STREAM: 'shop-a:relay' }, cwd).redisStream).toBe('shop-a:relay');
    expect(loadConfig({}, dirWith({ redisStream: 'shop-b' })).redisStream).toBe('shop-b');
    expect(() => loadConfig({ PASOKH_REDIS_STREAM: 'has space' }, cwd)).toThrow(
      'PASOKH_REDIS_STREAM must be 1 to 100 letters, digits or ":._-", not "has space".',
    );
  });

  it('takes true or false only for boolean environment variables', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'pasokh-config-'));
    // PASOKH_TRUST_PROXY takes a hop count or addresses instead (config-security.test.ts).
    for (const name of ['PASOKH_SECURE_COOKIES', 'PASOKH_AUTO_ACK']) {
      for (const bad of ['1', 'yes', 'TRUE', 'on'])
        expect(() => loadConfig({ [name]: bad }, cwd)).toThrow(`${name} must be "true" or "false", not "${bad}".`);
    }
    expect(loadConfig({ PASOKH_SECURE_COOKIES: 'true', PASOKH_AUTO_ACK: 'false' }, cwd)).toMatchObject({ secureCookies: true });
  });

  it('refuses half of the first-admin pair and a bad port', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'pasokh-config-'));
    expect(() => loadConfig({ PASOKH_ADMIN_EMAIL: 'a@b.c' }, cwd)).toThrow(
      /Set both PASOKH_ADMIN_EMAIL and PASOKH_ADMIN_PASSWORD/,
    );
    expect(() => loadConfig({ PORT: 'http' }, cwd)).toThrow(/PORT must be a port number/);
    expect(() => loadConfig({ PASOKH_LOCALE: 'de' }, cwd)).toThrow(/PASOKH_LOCALE must be "en" or "fa"/);
  });

  it("leaves the old generation's growth to V8 (0) unless the environment or the file sets it", () => {
    const cwd = mkdtempSync(join(tmpdir(), 'pasokh-config-'));
    expect(loadConfig({}, cwd).heapGrowthPercent).toBe(0);
    expect(loadConfig({ PASOKH_HEAP_GROWTH_PERCENT: '300' }, cwd).heapGrowthPercent).toBe(300);
    expect(loadConfig({}, dirWith({ heapGrowthPercent: 150 })).heapGrowthPercent).toBe(150);
    expect(loadConfig({ PASOKH_HEAP_GROWTH_PERCENT: '50' }, dirWith({ heapGrowthPercent: 150 })).heapGrowthPercent).toBe(50);
    for (const bad of ['-1', '2.5', 'lots', '1001']) {
      expect(() => loadConfig({ PASOKH_HEAP_GROWTH_PERCENT: bad }, cwd)).toThrow(
        /PASOKH_HEAP_GROWTH_PERCENT must be a whole number \(0: V8's own choice\) from 0 to 1000/,
      );
    }
    expect(() => loadConfig({}, dirWith({ heapGrowthPercent: 5000 }))).toThrow(ConfigError);
  });

  it('takes the upload limit from PASOKH_ATTACHMENT_UPLOADS_PER_MINUTE or the file, 30 a minute otherwise', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'pasokh-config-'));
    expect(loadConfig({}, cwd).attachmentUploadsPerMinute).toBe(30);
    expect(loadConfig({ PASOKH_ATTACHMENT_UPLOADS_PER_MINUTE: '5' }, cwd).attachmentUploadsPerMinute).toBe(5);
    expect(loadConfig({}, dirWith({ attachmentUploadsPerMinute: 12 })).attachmentUploadsPerMinute).toBe(12);
    for (const bad of ['0', '-3', '2.5', 'many', '10001'])
      expect(() => loadConfig({ PASOKH_ATTACHMENT_UPLOADS_PER_MINUTE: bad }, cwd)).toThrow(
        `PASOKH_ATTACHMENT_UPLOADS_PER_MINUTE must be a number of files from 1 to 10000, not "${bad}".`,
      );
    expect(() => loadConfig({}, dirWith({ attachmentUploadsPerMinute: 0 }))).toThrow(/attachmentUploadsPerMinute/);
  });
});
