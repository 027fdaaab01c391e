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
