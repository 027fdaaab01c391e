import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.js';
import { siteName, siteNames } from '../../server/sites.js';

function configWith(site: Record<string, unknown>) {
  const dir = mkdtempSync(join(tmpdir(), 'pasokh-names-'));
  writeFileSync(join(dir, 'pasokh.config.json'), JSON.stringify({ sites: [{ key: 'shop', ...site }] }));
  return () => loadConfig({}, dir);
}

describe('the names a visitor sees', () => {
  it('takes one name for every language', () => {
    const site = configWith({ name: 'Tea House' })().sites[0]!;
    expect(siteNames(site)).toEqual({ en: 'Tea House', fa: 'Tea House' });
  });

  it("takes a name per language, falling back to the site's own language", () => {
    const site = configWith({ name: { en: 'Tea House', fa: 'چایخانه' }, locale: 'fa' })().sites[0]!;
    expect(siteName(site, 'fa')).toBe('چایخانه');
    expect(siteName(site, 'en')).toBe('Tea House');
    const persianOnly = configWith({ name: { fa: 'چایخانه' }, locale: 'fa' })().sites[0]!;
    expect(siteNames(persianOnly)).toEqual({ en: 'چایخانه', fa: 'چایخانه' });
  });

  it('refuses a name that is neither text nor names per language', () => {
    expect(configWith({ name: { de: 'Teehaus' } })).toThrow(ConfigError);
    expect(configWith({ name: 42 })).toThrow(/"sites\[0\]\.name" must be a name, or names per language/);
  });

  it('names the demo site in both languages', () => {
    const site = loadConfig({}, mkdtempSync(join(tmpdir(), 'pasokh-names-'))).sites[0]!;
    expect(siteNames(site)).toEqual({ en: 'Pasokh Demo Store', fa: 'فروشگاه نمایشی پاسخ' });
  });
});
