/**
 * Webhooks in the console, in real Chromium: the config file's endpoint is listed read-only;
 * an admin adds one, copies the secret shown once, sends it a test event, and a real receiver
 * on 127.0.0.1 gets a visitor's message signed with that secret; editing and deleting show in
 * the table and the audit log.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver, type Received } from '../integration/receivers.js';
import { launchChromium, signInConsole, startServerProcess, type ServerProcess } from './support.js';

let hook: Receiver;
let server: ServerProcess;
let browser: Browser;
let configDir: string;

beforeAll(async () => {
  hook = await startReceiver();
  configDir = mkdtempSync(join(tmpdir(), 'pasokh-e2e-hooks-'));
  const file = join(configDir, 'pasokh.config.json');
  writeFileSync(
    file,
    JSON.stringify({
      deliveryRetrySeconds: 0.2,
      sites: [
        {
          key: 'default',
          webhooks: [
            { url: 'https://crm.example/pasokh?token=abc', secret: 'whsec-0123456789abcdef', events: ['survey.answered'] },
          ],
        },
      ],
    }),
  );
  server = await startServerProcess({ PASOKH_CONFIG: file, NODE_ENV: 'production', PASOKH_AUTO_ACK: 'false' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await hook?.close();
  rmSync(configDir, { recursive: true, force: true });
});

function signedBy(secret: string, request: Received): boolean {
  const expected = `sha256=${createHmac('sha256', secret).update(`${request.headers['x-pasokh-timestamp']}.${request.body}`).digest('hex')}`;
  const given = String(request.headers['x-pasokh-signature']);
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

async function visitorSays(text: string): Promise<void> {
  const visitor = io(`${server.url}/visitor`, {
    auth: { site: 'default' },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  try {
    await new Promise<void>((resolve) => visitor.once('hello', () => resolve()));
    const sent = (await visitor.timeout(10_000).emitWithAck('message:send', { clientId: randomUUID(), text })) as { ok: boolean };
    expect(sent.ok).toBe(true);
  } finally {
    visitor.disconnect();
  }
}

describe('webhooks in the console', () => {
  it('adds an endpoint, shows its secret once, tests it, delivers to it, edits and deletes it', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signInConsole(page, server.url);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Agents' }).click();
    await page.getByRole('heading', { name: 'Webhooks', exact: true }).waitFor();
    const table = page.getByRole('table', { name: 'Webhook endpoints' });
    const fromConfig = table.getByRole('row').filter({ hasText: 'https://crm.example/pasokh' });
    await fromConfig.waitFor();
    expect(await fromConfig.textContent()).toContain('from the config file');
    expect(await fromConfig.textContent()).not.toContain('token=abc');
    expect(await fromConfig.getByRole('button').count()).toBe(0);

    const form = page.locator('form.webhook-form');
    await form.getByRole('textbox', { name: 'URL' }).fill(hook.url);
    await form.getByRole('checkbox', { name: 'conversation.created' }).check();
    expect(await form.getByRole('checkbox', { name: 'message.created' }).isChecked()).toBe(true);
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    const added = page.getByRole('status').filter({ hasText: 'Endpoint added.' });
    await added.waitFor();
    const secret = (await added.locator('code.secret').textContent())!;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);

    const row = table.getByRole('row').filter({ hasText: hook.url });
    await row.waitFor();
    expect(await row.textContent()).toContain('conversation.created, message.created');
    await row.getByRole('button', { name: `Send test event: ${hook.url}` }).click();
    await page.getByRole('status').filter({ hasText: 'Test event delivered (HTTP 200).' }).waitFor();
    expect(JSON.parse(hook.requests[0]!.body)).toMatchObject({ type: 'webhook.test', site: 'default' });
    expect(signedBy(secret, hook.requests[0]!)).toBe(true);

    await visitorSays('Do you deliver on Fridays?');
    await hook.until('the visitor’s events arrived', (all) => all.length === 3);
    const types = hook.requests.slice(1).map((r) => (JSON.parse(r.body) as { type: string }).type);
    expect(types.sort()).toEqual(['conversation.created', 'message.created']);
    expect(hook.requests.slice(1).every((r) => signedBy(secret, r))).toBe(true);

    // Edit: only closed conversations from now on; the secret stays (none typed).
    await row.getByRole('button', { name: `Edit: ${hook.url}` }).click();
    await form.getByRole('heading', { name: 'Edit the endpoint' }).waitFor();
    await form.getByRole('checkbox', { name: 'conversation.created' }).uncheck();
    await form.getByRole('checkbox', { name: 'message.created' }).uncheck();
    await form.getByRole('checkbox', { name: 'conversation.closed' }).check();
    await form.getByRole('button', { name: 'Save endpoint' }).click();
    await page.getByRole('status').filter({ hasText: 'Endpoint saved.' }).waitFor();
    await expect.poll(() => row.textContent()).toContain('conversation.closed');
    expect(await page.locator('code.secret').count()).toBe(0);
    await visitorSays('Another question');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(hook.requests).toHaveLength(3);

    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: `Delete: ${hook.url}` }).click();
    await page.getByRole('status').filter({ hasText: 'Endpoint deleted.' }).waitFor();
    await expect.poll(() => row.count()).toBe(0);

    // In Persian: the section, the config endpoint's label and the form read in Persian.
    await page.getByRole('button', { name: 'فارسی' }).click();
    await page.getByRole('heading', { name: 'وب‌هوک‌ها', exact: true }).waitFor();
    const faTable = page.getByRole('table', { name: 'نشانی‌های وب‌هوک' });
    expect(await faTable.getByRole('row').filter({ hasText: 'https://crm.example/pasokh' }).textContent()).toContain(
      'از فایل پیکربندی',
    );
    await page.getByRole('button', { name: 'افزودن نشانی' }).waitFor();
    expect(errors).toEqual([]);
  });
});
