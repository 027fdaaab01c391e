/**
 * Attachments both ways in real Chromium: the visitor attaches an image, which the agent sees
 * as a thumbnail in the console; the agent attaches a PDF, which the visitor gets as a link
 * that downloads the file; a drop on the widget and a paste in the console go the same way.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, signInConsole, useServerAndBrowser } from './support.js';

const e2e = useServerAndBrowser();
const PNG = resolve(ROOT, 'tests/fixtures/attachments/square.png');
const PDF = resolve(ROOT, 'tests/fixtures/attachments/receipt.pdf');

describe('attachments in the browser', () => {
  it('takes an image from the visitor to the agent and a PDF from the agent to the visitor', async () => {
    const visitorContext = await e2e.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const agentContext = await e2e.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const visitor = await visitorContext.newPage();
    const agent = await agentContext.newPage();
    const pageErrors: string[] = [];
    visitor.on('pageerror', (e) => pageErrors.push(`visitor: ${e.message}`));
    agent.on('pageerror', (e) => pageErrors.push(`agent: ${e.message}`));
    const conversations = await signInConsole(agent, e2e.server.url);

    await visitor.goto(`${e2e.server.url}/`);
    await visitor.getByRole('button', { name: 'Open help' }).click();
    await visitor.getByRole('button', { name: 'Talk to a person' }).click();
    await visitor.getByRole('textbox', { name: 'Message' }).fill('The checkout page shows this error.');
    await visitor.getByRole('button', { name: 'Send' }).click();
    const row = conversations.getByRole('listitem').filter({ hasText: 'checkout page' });
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    await agent.getByRole('button', { name: 'Claim' }).click();

    await visitor.getByRole('button', { name: 'Attach a file' }).waitFor();
    await visitor.locator('.composer input[type=file]').setInputFiles(PNG);
    const ownThumbnail = visitor.getByRole('img', { name: 'square.png' });
    await ownThumbnail.waitFor({ timeout: 10_000 });
    const thumbnail = agent.getByRole('img', { name: 'square.png' });
    await thumbnail.waitFor({ timeout: 10_000 });
    // The image really loaded through its signed link: 16 × 16 pixels.
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 10_000 }).toBe(16);
    expect(await thumbnail.evaluate((img: HTMLImageElement) => img.src)).toMatch(
      /\/api\/attachments\/[\w-]+\/file\?expires=\d+&sig=/,
    );

    await agent.getByRole('button', { name: 'Attach a file' }).waitFor();
    await agent.locator('.composer input[type=file]').setInputFiles(PDF);
    const link = visitor.getByRole('link', { name: /receipt\.pdf/ });
    await link.waitFor({ timeout: 10_000 });
    // Sent without words: the queue row previews the file by its name, not an empty line.
    await conversations.getByRole('listitem').filter({ hasText: '📎 receipt.pdf' }).waitFor({ timeout: 10_000 });
    await expect.poll(() => link.getAttribute('href'), { timeout: 10_000 }).toMatch(/\/file\?expires=\d+&sig=/);
    const download = await visitor.request.get((await link.getAttribute('href'))!);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toBe('application/pdf');
    expect(download.headers()['content-disposition']).toMatch(/^attachment; filename="receipt.pdf"/);
    expect(download.headers()['x-content-type-options']).toBe('nosniff');
    expect((await download.body()).subarray(0, 5).toString()).toBe('%PDF-');
    // The visitor's own image still shows as an image, loaded.
    await expect.poll(() => ownThumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 10_000 }).toBe(16);

    // Dropped on the widget's chat, pasted into the console's reply box: the same way through.
    const png = readFileSync(PNG).toString('base64');
    await visitor.evaluate((b64) => {
      const data = new DataTransfer();
      data.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'dropped.png', { type: 'image/png' }));
      const view = document.querySelector('pasokh-widget')!.shadowRoot!.querySelector('.chat-view')!;
      view.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, png);
    await agent.getByRole('img', { name: 'dropped.png' }).waitFor({ timeout: 10_000 });
    await agent.evaluate((b64) => {
      const data = new DataTransfer();
      data.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'pasted.png', { type: 'image/png' }));
      const box = document.querySelector('textarea[aria-label="Reply"]')!;
      box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, png);
    await visitor.getByRole('img', { name: 'pasted.png' }).waitFor({ timeout: 10_000 });

    expect(pageErrors).toEqual([]);
    await visitorContext.close();
    await agentContext.close();
  });
});
