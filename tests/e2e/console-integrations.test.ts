/**
 * The admin page in real Chromium: the integrations section lists a real webhook delivery and
 * resends it; the visitor-data section erases a visitor and the audit log shows it.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../integration/receivers.js';
import { launchChromium, signInConsole, startServerProcess, type ServerProcess } from './support.js';
import type { Browser } from 'playwright-core';

let hook: Receiver;
let server: ServerProcess;
let browser: Browser;
let configDir: string;

beforeAll(async () => {
  hook = await startReceiver();
  configDir = mkdtempSync(join(tmpdir(), 'pasokh-e2e-config-'));
  const file = join(configDir, 'pasokh.config.json');
  writeFileSync(
    file,
    JSON.stringify({
      sites: [{ key: 'default', webhooks: [{ url: hook.url, secret: 'whsec-0123456789abcdef', events: ['message.created'] }] }],
    }),
  );
  server = await startServerProcess({ PASOKH_CONFIG: file, NODE_ENV: 'development', PASOKH_AUTO_ACK: 'false' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await hook?.close();
  rmSync(configDir, { recursive: true, force: true });
});

describe('the console admin page', () => {
  it('shows deliveries with their status and resends one; erases a visitor and logs it', async () => {
    const visitor = io(`${server.url}/visitor`, {
      auth: { site: 'default' },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    const visitorId = await new Promise<string>((resolve) =>
      visitor.once('hello', (hello: { visitorId: string }) => resolve(hello.visitorId)),
    );
    await visitor.timeout(10_000).emitWithAck('message:send', { clientId: randomUUID(), text: 'hello hooks' });
    visitor.disconnect();
    await hook.until('the webhook arrived', (all) => all.length === 1);

    const page = await (await browser.newContext()).newPage();
    await signInConsole(page, server.url);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Agents' }).click();
    await page.getByRole('heading', { name: 'Integrations' }).waitFor();
    await page.getByText('Email is in development mode').waitFor();
    const deliveries = page.getByRole('table', { name: 'Deliveries' });
    const row = deliveries.getByRole('row').filter({ hasText: 'message.created' });
    await row.waitFor();
    expect(await row.textContent()).toContain('delivered');
    expect(await row.textContent()).toContain('200');
    await row.getByRole('button', { name: /^Resend: message\.created/ }).click();
    await hook.until('the resend arrived', (all) => all.length === 2);
    expect(hook.requests[1]!.headers['x-pasokh-delivery']).toBe(hook.requests[0]!.headers['x-pasokh-delivery']);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('textbox', { name: 'Visitor id or email' }).fill(visitorId);
    await page.getByRole('button', { name: 'Erase' }).click();
    await page.getByRole('status').filter({ hasText: 'Erased 1 messages in 1 conversations.' }).waitFor();
    const audit = page.getByRole('table', { name: 'Audit log' });
    await audit.getByRole('row').filter({ hasText: 'visitor.erase' }).filter({ hasText: visitorId }).waitFor();
  });
});
