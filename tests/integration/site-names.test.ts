import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

describe('site names over HTTP', () => {
  it("gives the widget the site's name in each language", async () => {
    const config = (await fetch(`${h.url}/api/widget-config?site=default`).then((r) => r.json())) as {
      name: string;
      names: Record<string, string>;
    };
    expect(config.name).toBe('Pasokh Demo Store');
    expect(config.names).toEqual({ en: 'Pasokh Demo Store', fa: 'فروشگاه نمایشی پاسخ' });
  });

  it('gives signed-in agents the names {site} fills with, and nobody else', async () => {
    expect((await fetch(`${h.url}/api/sites`)).status).toBe(401);
    const cookie = await h.login();
    const sites = await fetch(`${h.url}/api/sites`, { headers: { cookie } }).then((r) => r.json());
    expect(sites).toEqual({
      sites: [{ key: 'default', name: 'Pasokh Demo Store', names: { en: 'Pasokh Demo Store', fa: 'فروشگاه نمایشی پاسخ' } }],
    });
  });
});
