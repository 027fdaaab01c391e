import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEMO_FAQ, loadConfig } from '../../server/config.js';

function dirWith(config: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'pasokh-config-'));
  writeFileSync(join(dir, 'pasokh.config.json'), JSON.stringify(config));
  return dir;
}

describe('where a site’s FAQ is managed', () => {
  it('is files, edited by admins only, unless the site says otherwise', () => {
    const config = loadConfig({}, mkdtempSync(join(tmpdir(), 'pasokh-config-')));
    expect(config.sites[0]).toMatchObject({ faqSource: 'files', faqEditors: 'admins', faq: DEMO_FAQ });
  });

  it('may be the database, starting empty rather than with the demo FAQ when no file is named', () => {
    const config = loadConfig(
      {},
      dirWith({
        sites: [
          { key: 'a', faqSource: 'database', faqEditors: 'agents' },
          { key: 'b', faqSource: 'database', faq: DEMO_FAQ },
        ],
      }),
    );
    expect(config.sites.map((s) => [s.key, s.faqSource, s.faqEditors, s.faq])).toEqual([
      ['a', 'database', 'agents', ''],
      ['b', 'database', 'admins', DEMO_FAQ],
    ]);
  });

  it.each([
    [{ sites: [{ key: 'a', faqSource: 'console' }] }, /"sites\[0\].faqSource" must be "files" or "database"/],
    [{ sites: [{ key: 'a', faqEditors: 'everyone' }] }, /"sites\[0\].faqEditors" must be "admins" or "agents"/],
  ])('refuses %j with a sentence', (file, message) => {
    expect(() => loadConfig({}, dirWith(file))).toThrow(ConfigError);
    expect(() => loadConfig({}, dirWith(file))).toThrow(message);
  });
});
