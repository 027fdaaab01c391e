/** The widget's header names the site in the page's language. */
import { describe, expect, it } from 'vitest';
import { useServerAndBrowser } from './support.js';

const e2e = useServerAndBrowser();

describe('the site name in the widget header', () => {
  it.each([
    ['/', 'Open help', 'Pasokh Demo Store'],
    ['/fa', 'بازکردن راهنما', 'فروشگاه نمایشی پاسخ'],
  ])('on %s it is the name in that language', async (path, launcher, title) => {
    const page = await (await e2e.newContext()).newPage();
    await page.goto(`${e2e.server.url}${path}`);
    await page.getByRole('button', { name: launcher }).click();
    const heading = page.locator('pasokh-widget #pasokh-title');
    await heading.waitFor();
    await expect.poll(() => heading.textContent()).toBe(title);
  });
});
