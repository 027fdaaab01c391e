import { describe, expect, it } from 'vitest';
import { isSameHost, originHost } from '../../server/http/origins.js';
import { isHandshakeOriginAllowed } from '../../server/relay/allow-request.js';
import type { SiteConfig } from '../../server/config.js';

describe('reading an Origin header', () => {
  it('never throws, and finds no host in null, garbage or non-web schemes', () => {
    for (const origin of [
      'null',
      '',
      'not a url',
      'http://[::1',
      'file://',
      'javascript:alert(1)',
      'data:text/html,x',
      '\u0000',
    ]) {
      expect(originHost(origin), origin).toBeNull();
      expect(isSameHost(origin, 'help.example'), origin).toBe(false);
    }
    expect(originHost(undefined)).toBeNull();
  });

  it('compares host and port with the Host header, case-insensitively', () => {
    expect(isSameHost('https://Help.Example', 'help.example')).toBe(true);
    expect(isSameHost('http://127.0.0.1:8787', '127.0.0.1:8787')).toBe(true);
    expect(isSameHost('http://127.0.0.1:8788', '127.0.0.1:8787')).toBe(false);
    expect(isSameHost('https://help.example.evil.example', 'help.example')).toBe(false);
    expect(isSameHost('https://help.example', undefined)).toBe(false);
  });
});

describe('the Engine.IO handshake origin rule', () => {
  const sites = [{ allowedOrigins: ['https://shop.example'] }, { allowedOrigins: ['https://blog.example'] }] as SiteConfig[];
  it('allows any site’s origin, the server’s own, and a client that sends no Origin', () => {
    expect(isHandshakeOriginAllowed(sites, 'https://blog.example', 'help.example')).toBe(true);
    expect(isHandshakeOriginAllowed(sites, 'https://help.example', 'help.example')).toBe(true);
    expect(isHandshakeOriginAllowed(sites, undefined, 'help.example')).toBe(true);
  });
  it('refuses other origins, and null even when a site allows "*"', () => {
    expect(isHandshakeOriginAllowed(sites, 'https://evil.example', 'help.example')).toBe(false);
    expect(isHandshakeOriginAllowed([{ allowedOrigins: ['*'] }] as SiteConfig[], 'null', 'help.example')).toBe(false);
    expect(isHandshakeOriginAllowed([{ allowedOrigins: ['*'] }] as SiteConfig[], 'https://any.example', 'help.example')).toBe(
      true,
    );
  });
});
