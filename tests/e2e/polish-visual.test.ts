/** Small things a new site owner notices: headings over nothing, notes at the wrong end, round dots. */
import { describe, expect, it } from 'vitest';
import { signInConsole, useServerAndBrowser } from './support.js';

const e2e = useServerAndBrowser();

describe('visual details', () => {
  it('shows no "Answers" heading over a search that found nothing, and a round presence dot', async () => {
    const page = await (await e2e.newContext()).newPage();
    await page.goto(`${e2e.server.url}/`);
    await page.getByRole('button', { name: 'Open help' }).click();
    const search = page.getByRole('searchbox', { name: 'Search' });
    await page.getByRole('heading', { name: 'Popular questions' }).waitFor();
    await search.fill('zzqxw vvkk');
    await page.getByText('No answers match “zzqxw vvkk”.').waitFor();
    expect(await page.getByRole('heading', { name: 'Answers' }).count()).toBe(0);
    await search.fill('refund');
    await page.getByRole('heading', { name: 'Answers' }).waitFor();

    const dot = await page.locator('pasokh-widget .dot').boundingBox();
    expect(dot?.width).toBe(8);
    expect(dot?.height).toBe(8);
  });

  it('puts the console\'s "no conversations" note at the top of the queue', async () => {
    const page = await (await e2e.newContext({ viewport: { width: 1200, height: 800 } })).newPage();
    await signInConsole(page, e2e.server.url);
    const note = page.getByText('No open conversations here.');
    await page.getByRole('button', { name: 'Mine' }).click();
    await note.waitFor();
    // Right under the filters, not at the foot of an 800 px tall column.
    const filters = (await page.getByRole('group', { name: 'Show' }).boundingBox())!;
    const at = (await note.boundingBox())!;
    expect(at.y - (filters.y + filters.height)).toBeLessThan(40);
  });
});
