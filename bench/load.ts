/**
 * What the widget costs the host page, measured on the demo page in Chromium:
 * `npm run bench:load` (builds first) prints JSON.
 *
 * - longTasks: PerformanceObserver('longtask') from the first byte until the app has loaded at
 *   idle, on the demo page with the script tag and without it (same page, tag removed); split
 *   at the load event (before it only the loader runs; the app is imported after it, at idle).
 * - layoutShift: the CLS sum (layout-shift entries without recent input) over the same period.
 * - clickToSearchBox: cold (fresh browser context, empty cache), the app not loaded yet (idle
 *   loading is held back and the pointer never hovers the launcher), from a click on the launcher
 *   to a focused, usable search box; and to the popular questions (the FAQ fetched and indexed).
 *   Median of RUNS runs. Not asserted in tests: the machine is shared.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RUNS = Number(process.env.RUNS ?? 7);

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function startServer(): Promise<{ url: string; stop(): void }> {
  const port = await freePort();
  const data = mkdtempSync(join(tmpdir(), 'pasokh-bench-load-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'serve'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', PASOKH_DATA: data, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    if (
      await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (i > 200) throw new Error('the server did not become healthy in 30 s');
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    stop() {
      child.kill('SIGTERM');
      rmSync(data, { recursive: true, force: true });
    },
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return +(sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2).toFixed(1);
};

/** Observers installed before any page script runs. */
const OBSERVE = () => {
  const record = { longTasks: [] as { start: number; duration: number }[], cls: 0 };
  (window as unknown as { __perf: typeof record }).__perf = record;
  new PerformanceObserver((list) =>
    list.getEntries().forEach((entry) => record.longTasks.push({ start: entry.startTime, duration: entry.duration })),
  ).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) =>
    list.getEntries().forEach((entry) => {
      const shift = entry as PerformanceEntry & { value: number; hadRecentInput: boolean };
      if (!shift.hadRecentInput) record.cls += shift.value;
    }),
  ).observe({ type: 'layout-shift', buffered: true });
};

async function pageLoad(browser: Browser, url: string, withWidget: boolean) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript(OBSERVE);
  if (!withWidget) {
    await page.route(`${url}/`, async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace(/<script[^>]*pasokh\.js[^>]*><\/script>/, '');
      await route.fulfill({ response, body });
    });
  }
  await page.goto(`${url}/`, { waitUntil: 'load' });
  if (withWidget) {
    // Wait until the app chunk has been imported at idle, so its evaluation is measured too.
    await page.waitForFunction(() => !!document.querySelector('pasokh-widget')?.shadowRoot?.querySelector('.badge'), null, {
      timeout: 15_000,
    });
  }
  await page.waitForTimeout(500);
  const perf = await page.evaluate(() => ({
    ...(window as unknown as { __perf: { longTasks: { start: number; duration: number }[]; cls: number } }).__perf,
    loadEnd: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd,
  }));
  await context.close();
  // Until the load event the loader is the widget's only code; after it, the app imported at idle.
  return {
    cls: perf.cls,
    loaderTasks: perf.longTasks.filter((task) => task.start < perf.loadEnd).map((task) => task.duration),
    idleTasks: perf.longTasks.filter((task) => task.start >= perf.loadEnd).map((task) => task.duration),
  };
}

async function clickToSearch(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  // Hold back the idle load so the click pays for importing the app, as a quick visitor would.
  await page.addInitScript(() => {
    (window as unknown as { requestIdleCallback: unknown }).requestIdleCallback = () => 0;
  });
  await page.goto(`${url}/`, { waitUntil: 'load' });
  await page.waitForFunction(() => !!document.querySelector('pasokh-widget')?.shadowRoot?.getElementById('l'));
  // A string, not a function: tsx would wrap the named inner function in a helper the page lacks.
  const timing = (await page.evaluate(`new Promise((done) => {
    const root = document.querySelector('pasokh-widget').shadowRoot;
    const appLoadedBefore = !!root.querySelector('.badge');
    let searchBox = 0;
    const start = performance.now();
    function poll() {
      const input = root.querySelector('input[type=search]');
      if (!searchBox && input && root.activeElement === input && !input.disabled) searchBox = performance.now() - start;
      if (searchBox && root.querySelector('.results a')) return done({ searchBox, popular: performance.now() - start, appLoadedBefore });
      requestAnimationFrame(poll);
    }
    root.getElementById('l').click();
    poll();
  })`)) as { searchBox: number; popular: number; appLoadedBefore: boolean };
  await context.close();
  return timing;
}

async function main(): Promise<void> {
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
  try {
    const withWidget = [];
    const without = [];
    const clicks = [];
    for (let i = 0; i < RUNS; i++) {
      withWidget.push(await pageLoad(browser, server.url, true));
      without.push(await pageLoad(browser, server.url, false));
      clicks.push(await clickToSearch(browser, server.url));
    }
    const summary = (runs: { loaderTasks: number[]; idleTasks: number[] }[]) => ({
      untilLoad: {
        medianCount: median(runs.map((run) => run.loaderTasks.length)),
        medianLongestMs: median(runs.map((run) => Math.max(0, ...run.loaderTasks))),
      },
      afterLoad: {
        medianCount: median(runs.map((run) => run.idleTasks.length)),
        medianLongestMs: median(runs.map((run) => Math.max(0, ...run.idleTasks))),
      },
    });
    console.log(
      JSON.stringify(
        {
          command: 'npm run bench:load',
          page: 'the demo page (/), 1280×800, Chromium headless, cold context per run',
          runs: RUNS,
          machine: {
            node: process.version,
            cpu: cpus()[0]?.model ?? 'unknown',
            cores: cpus().length,
            loadavg: loadavg().map((n) => +n.toFixed(2)),
          },
          longTasks: {
            withWidget: summary(withWidget),
            withoutWidget: summary(without),
            note: 'untilLoad: the page and the loader; afterLoad: the app chunk imported and mounted at idle, FAQ indexed',
            budget: 'no long task over 50 ms added by the loader',
          },
          layoutShift: {
            withWidget: median(withWidget.map((run) => run.cls)),
            withoutWidget: median(without.map((run) => run.cls)),
            budget: 'no layout shift from the launcher',
          },
          clickToSearchBox: {
            appLoadedBeforeClick: clicks.some((run) => run.appLoadedBefore),
            medianMs: median(clicks.map((run) => run.searchBox)),
            allMs: clicks.map((run) => +run.searchBox.toFixed(1)),
            toPopularQuestionsMedianMs: median(clicks.map((run) => run.popular)),
            budgetMs: 150,
          },
        },
        null,
        2,
      ),
    );
  } finally {
    await browser.close();
    server.stop();
  }
}

await main();
