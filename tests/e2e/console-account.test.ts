/**
 * The console in an owner's first hour: a server without agents says "No agents yet" and how to
 * create the first admin; a signed-in agent changes its display name and password in Account.
 */
import { describe, expect, it } from 'vitest';
import { ADMIN, launchChromium, signInConsole, startServerProcess, useServerAndBrowser } from './support.js';
import { docScreenshot } from './doc-screenshot.js';

const e2e = useServerAndBrowser();

describe("the console's sign-in page on a server without agents", () => {
  it('says "No agents yet" and how to create the first admin', async () => {
    const server = await startServerProcess({ PASOKH_ADMIN_EMAIL: '', PASOKH_ADMIN_PASSWORD: '' });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 900, height: 640 } });
      await page.goto(`${server.url}/console`);
      await page.getByText('No agents yet').waitFor();
      await page.getByText('npx pasokh agent add you@example.com --role admin', { exact: false }).waitFor();
      await docScreenshot(page, 'console-no-agents.png');
      expect(server.output()).toContain('No agents yet');
    } finally {
      await browser.close();
      await server.stop();
    }
  });

  it('does not say it when there are agents', async () => {
    const page = await (await e2e.newContext()).newPage();
    await page.goto(`${e2e.server.url}/console`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.waitForTimeout(500);
    expect(await page.getByText('No agents yet').count()).toBe(0);
  });
});

describe("an agent's account page", () => {
  it('changes the display name and the password', async () => {
    const page = await (await e2e.newContext({ viewport: { width: 1100, height: 720 } })).newPage();
    await signInConsole(page, e2e.server.url);
    await page.getByRole('button', { name: /Account/ }).click();
    await page.getByRole('heading', { name: 'Your account' }).waitFor();

    const name = page.getByLabel('Display name');
    await name.fill('Ada Lovelace');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByText('Name saved.').waitFor();
    await expect.poll(() => page.locator('.top-bar .me').textContent()).toContain('Ada Lovelace');

    await page.getByLabel('Current password').fill('not my password');
    await page.getByLabel('New password').fill('a fresh password 2');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('alert').getByText('The current password is wrong.').waitFor();

    await page.getByLabel('Current password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed.').waitFor();
    await docScreenshot(page, 'console-account.png');

    const signIn = await fetch(`${e2e.server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN.email, password: 'a fresh password 2' }),
    });
    expect(signIn.status).toBe(200);
  });
});
