import { describe, expect, it } from 'vitest';
import { parseSiteList, sameSites, servesSite, sitesServed } from '../../server/auth/agent-sites.js';

const CONFIGURED = ['shop', 'blog', 'docs'];

describe('agent site membership', () => {
  it('serves every site when the list is null, else only the listed ones, in configuration order', () => {
    expect(servesSite({ sites: null }, 'blog')).toBe(true);
    expect(servesSite({ sites: ['shop'] }, 'blog')).toBe(false);
    expect(sitesServed({ sites: null }, CONFIGURED)).toEqual(CONFIGURED);
    expect(sitesServed({ sites: ['docs', 'shop', 'gone'] }, CONFIGURED)).toEqual(['shop', 'docs']);
  });

  it('reads "all" and comma lists as an admin types them, refusing unknown sites and empty lists with a sentence', () => {
    expect(parseSiteList('all', CONFIGURED)).toBeNull();
    expect(parseSiteList(null, CONFIGURED)).toBeNull();
    expect(parseSiteList(' shop, blog ,shop', CONFIGURED)).toEqual(['shop', 'blog']);
    expect(parseSiteList(['docs'], CONFIGURED)).toEqual(['docs']);
    expect(() => parseSiteList('shop,moon', CONFIGURED)).toThrow(
      'There is no site "moon" on this server (sites: shop, blog, docs).',
    );
    expect(() => parseSiteList(' , ', CONFIGURED)).toThrow('Name at least one site, or "all".');
    expect(() => parseSiteList([], CONFIGURED)).toThrow('Name at least one site, or "all".');
  });

  it('compares memberships as sets, with every site unlike any list', () => {
    expect(sameSites(['a', 'b'], ['b', 'a'])).toBe(true);
    expect(sameSites(null, null)).toBe(true);
    expect(sameSites(null, ['a'])).toBe(false);
    expect(sameSites(['a'], ['a', 'b'])).toBe(false);
  });
});
