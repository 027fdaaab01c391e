/** The security settings: which proxies to trust and the /metrics token. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.js';

const load = (value: string) => loadConfig({ PASOKH_TRUST_PROXY: value, PASOKH_DATA: '/tmp/pasokh-unused' }, '/tmp').trustProxy;

describe('PASOKH_TRUST_PROXY', () => {
  it('takes a hop count or a list of proxy addresses and networks', () => {
    expect(load('1')).toBe(1);
    expect(load('2')).toBe(2);
    expect(load('0')).toBe(false);
    expect(load('false')).toBe(false);
    expect(load('10.0.0.2, 10.1.0.0/16,::1,loopback')).toEqual(['10.0.0.2', '10.1.0.0/16', '::1', 'loopback']);
  });

  it('refuses "true" with a sentence that says why and what to set instead', () => {
    expect(() => load('true')).toThrow(ConfigError);
    expect(() => load('true')).toThrow(/every hop.*X-Forwarded-For.*number of proxies/s);
  });

  it('refuses what is neither a count nor an address', () => {
    expect(() => load('proxy.example')).toThrow(/PASOKH_TRUST_PROXY: "proxy.example" is not/);
    expect(() => load('10.0.0.0/33')).toThrow(ConfigError);
    expect(() => load('-1')).toThrow(ConfigError);
  });
});

describe('PASOKH_METRICS_TOKEN', () => {
  const token = (value: string) =>
    loadConfig({ PASOKH_METRICS_TOKEN: value, PASOKH_DATA: '/tmp/pasokh-unused' }, '/tmp').metricsToken;
  it('is taken when long enough, absent when empty, and refused when short', () => {
    expect(token('a-token-of-sixteen-plus')).toBe('a-token-of-sixteen-plus');
    expect(token('')).toBeUndefined();
    expect(() => token('short')).toThrow(/PASOKH_METRICS_TOKEN must be at least 16 characters/);
  });
});
