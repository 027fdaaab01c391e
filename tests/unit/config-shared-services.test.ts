import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.js';

const emptyDir = () => mkdtempSync(join(tmpdir(), 'pasokh-config-'));

describe('settings for installs that share PostgreSQL and Redis', () => {
  it('uses the connection’s search path and the adapter’s own stream name when unset', () => {
    const config = loadConfig({}, emptyDir());
    expect(config.databaseSchema).toBeUndefined();
    expect(config.redisStream).toBe('socket.io');
  });

  it('takes the schema and the stream from the environment over the file', () => {
    const dir = emptyDir();
    writeFileSync(join(dir, 'pasokh.config.json'), JSON.stringify({ databaseSchema: 'from_file', redisStream: 'file-stream' }));
    expect(loadConfig({}, dir)).toMatchObject({ databaseSchema: 'from_file', redisStream: 'file-stream' });
    expect(loadConfig({ PASOKH_DATABASE_SCHEMA: 'shop_two', PASOKH_REDIS_STREAM: 'shop-two' }, dir)).toMatchObject({
      databaseSchema: 'shop_two',
      redisStream: 'shop-two',
    });
  });

  it('refuses a schema name that would need quoting, with the setting named', () => {
    expect(() => loadConfig({ PASOKH_DATABASE_SCHEMA: 'Shop-Two' }, emptyDir())).toThrow(ConfigError);
    expect(() => loadConfig({ PASOKH_DATABASE_SCHEMA: 'Shop-Two' }, emptyDir())).toThrow(
      /PASOKH_DATABASE_SCHEMA must be lowercase/,
    );
    const dir = emptyDir();
    writeFileSync(join(dir, 'pasokh.config.json'), JSON.stringify({ databaseSchema: 'a; drop' }));
    expect(() => loadConfig({}, dir)).toThrow(/"databaseSchema" must be lowercase letters/);
  });

  it('prefixes this install’s Redis keys with "pasokh" unless told otherwise, and refuses a prefix with spaces', () => {
    expect(loadConfig({}, emptyDir()).redisKeyPrefix).toBe('pasokh');
    expect(loadConfig({ PASOKH_REDIS_PREFIX: 'shop-two:' }, emptyDir()).redisKeyPrefix).toBe('shop-two:');
    expect(() => loadConfig({ PASOKH_REDIS_PREFIX: 'shop two' }, emptyDir())).toThrow(/PASOKH_REDIS_PREFIX must be letters/);
  });
});
