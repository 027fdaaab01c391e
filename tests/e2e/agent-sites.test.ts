/**
 * An admin chooses which sites an agent serves on the console's Agents page; the server keeps
 * exactly what was ticked.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AgentListItem } from '../../protocol/http.js';
import { addAgentAsAdmin, consoleApi, loginCookie, signInConsole, useServerAndBrowser } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'pasokh-e2e-sites-'));
const configFile = join(dir, 'pasokh.config.json');
writeFileSync(
  configFile,
  JSON.stringify({
    sites: [
      { key: 'shop', name: 'Shop' },
      { key: 'blog', name: 'Blog' },
    ],
  }),
);
const e2e = useServerAndBrowser({ PASOKH_CONFIG: configFile });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the Agents page', () => {
  it('lets an admin limit an agent to some sites and give every site back', async () => {
    const url = e2e.server.url;
    const cookie = await loginCookie(url);
    const nika = await addAgentAsAdmin(url, cookie, { email: 'nika@example.com', name: 'Nika', password: 'a long password' });
    const sitesOf = async () =>
      (await consoleApi<{ agents: AgentListItem[] }>(url, cookie, 'GET', '/api/agents')).agents.find((a) => a.id === nika.id)
        ?.sites;

    const page = await (await e2e.newContext()).newPage();
    await signInConsole(page, url);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Agents' }).click();
    const group = page.getByRole('group', { name: 'Sites of Nika' });
    const all = group.getByRole('checkbox', { name: 'All sites' });
    await expect.poll(() => all.isChecked()).toBe(true);
    expect(await group.getByRole('checkbox', { name: 'Blog' }).isDisabled()).toBe(true);

    await all.uncheck();
    await expect.poll(sitesOf).toEqual(['blog', 'shop']);
    await group.getByRole('checkbox', { name: 'Blog' }).uncheck();
    await expect.poll(sitesOf).toEqual(['shop']);
    await expect.poll(() => group.getByRole('checkbox', { name: 'Blog' }).isChecked()).toBe(false);
    expect(await group.getByRole('checkbox', { name: 'Shop' }).isChecked()).toBe(true);

    await all.check();
    await expect.poll(sitesOf).toBeNull();
  });
});
