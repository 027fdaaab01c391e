/**
 * Isolation: on a page with a deliberately hostile stylesheet the widget still renders
 * and works, and the widget's CSS changes nothing on the page (computed styles of the host's
 * elements are the same with and without it).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useServerAndBrowser } from './support.js';
import { hostPage } from './widget-support.js';

const e2e = useServerAndBrowser();

const HOSTILE = `
  * { all: unset !important; font-size: 40px !important; line-height: 3 !important; color: red !important; }
  button, input, textarea, section, svg, img { display: none !important; }
  div, p, ul, li, a, h1, h2, h3 { display: inline !important; position: relative !important; z-index: 2147483647 !important; }
  :root { direction: rtl !important; filter: none !important; }
`;

const PAGE = (widget: boolean) => `<!doctype html><html lang="en"><head><title>Hostile</title><style>${HOSTILE}</style></head>
<body><h1 id="h">A page that styles everything</h1><p id="p">Some text with <a id="a" href="#x">a link</a>.</p>
<button id="b" type="button">Buy</button><input id="i" value="query"><ul id="u"><li id="li">One</li></ul><div id="d">Box</div>
${widget ? '<script async src="/pasokh.js" data-site="default"></script>' : ''}</body></html>`;

const PROPS = [
  'display',
  'font-size',
  'font-family',
  'color',
  'margin',
  'padding',
  'position',
  'direction',
  'box-sizing',
  'line-height',
  'background-color',
  'outline',
];

/** Computed styles of the host page's own elements. */
function hostStyles(page: Page): Promise<Record<string, Record<string, string>>> {
  return page.evaluate((props) => {
    const result: Record<string, Record<string, string>> = {};
    for (const element of [document.documentElement, document.body, ...document.querySelectorAll('body [id]')]) {
      const style = getComputedStyle(element);
      result[element.id || element.tagName] = Object.fromEntries(props.map((prop) => [prop, style.getPropertyValue(prop)]));
    }
    return result;
  }, PROPS);
}

describe('the widget on a hostile page', () => {
  it('renders and works, and leaves the page’s own styles as they were', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await hostPage(page, e2e.server.url, '/hostile-bare', PAGE(false));
    await hostPage(page, e2e.server.url, '/hostile', PAGE(true));

    await page.goto(`${e2e.server.url}/hostile-bare`);
    const before = await hostStyles(page);

    await page.goto(`${e2e.server.url}/hostile`);
    const launcher = page.getByRole('button', { name: 'Open help' });
    await launcher.waitFor();
    const box = (await launcher.boundingBox())!;
    expect(box.width).toBe(56);
    expect(box.height).toBe(56);
    expect(box.x + box.width).toBe(1280 - 20);
    expect(box.y + box.height).toBe(800 - 20);

    await launcher.click();
    const search = page.getByRole('searchbox', { name: 'Search' });
    await search.fill('refund');
    await page
      .locator('pasokh-widget')
      .getByRole('link', { name: /refund/i })
      .first()
      .click();
    await page.getByText('Was this helpful?').waitFor();
    const panel = page.locator('pasokh-widget section');
    const inside = await panel.evaluate((element) => {
      const style = getComputedStyle(element);
      const yes = element.querySelector('.chip')!;
      return { font: style.fontSize, color: style.color, direction: style.direction, yes: getComputedStyle(yes).display };
    });
    expect(inside).toEqual({ font: '14px', color: 'rgb(17, 24, 39)', direction: 'ltr', yes: 'inline-block' });

    // Nothing on the page changed because the widget is there (and open).
    expect(await hostStyles(page)).toEqual(before);
    await context.close();
  });
});
