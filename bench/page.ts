/**
 * What the widget adds to a page's load, measured by Lighthouse 12 (performance category,
 * its default simulated mobile throttling) in Debian's Chromium: the demo page with the widget
 * and the same page with /pasokh.js blocked, alternately, `PAGE_RUNS` times each (default 3).
 * Prints both runs' medians, every run, and the difference (the widget's cost) as JSON.
 * `npm run bench:page` (builds first). Targets: ≤ 30 KB and ≤ 10 ms of total blocking time added.
 */
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startServerChild } from './lib/server-process.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const RUNS = Number(process.env.PAGE_RUNS ?? 3);
const TARGETS = { bytes: 30 * 1024, totalBlockingTimeMs: 10 };

interface Run {
  totalBytes: number;
  requests: number;
  totalBlockingTimeMs: number;
  firstContentfulPaintMs: number;
  largestContentfulPaintMs: number;
  interactiveMs: number;
  /** Bytes of the responses from the widget's routes (loader, config, chunks, FAQ). */
  widgetBytes: number;
  widgetRequests: string[];
}

const WIDGET_PATHS = /^\/(pasokh\.js|widget\/|api\/)/;

async function measure(url: string, port: number, withWidget: boolean): Promise<Run> {
  const result = await lighthouse(
    url,
    { port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] },
    withWidget ? undefined : { extends: 'lighthouse:default', settings: { blockedUrlPatterns: ['*/pasokh.js'] } },
  );
  if (!result) throw new Error('Lighthouse returned no result.');
  const audits = result.lhr.audits;
  const value = (id: string) => Math.round(audits[id]?.numericValue ?? NaN);
  const items = (
    (audits['network-requests']?.details as { items?: { url: string; transferSize?: number }[] } | undefined)?.items ?? []
  ).filter((item) => (item.transferSize ?? 0) > 0);
  const widget = items.filter((item) => WIDGET_PATHS.test(new URL(item.url).pathname));
  return {
    totalBytes: value('total-byte-weight'),
    requests: items.length,
    totalBlockingTimeMs: value('total-blocking-time'),
    firstContentfulPaintMs: value('first-contentful-paint'),
    largestContentfulPaintMs: value('largest-contentful-paint'),
    interactiveMs: value('interactive'),
    widgetBytes: widget.reduce((sum, item) => sum + (item.transferSize ?? 0), 0),
    widgetRequests: widget.map((item) => new URL(item.url).pathname),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function summary(runs: Run[]) {
  const of = (key: keyof Omit<Run, 'widgetRequests'>) => median(runs.map((run) => run[key]));
  return {
    totalBytes: of('totalBytes'),
    requests: of('requests'),
    totalBlockingTimeMs: of('totalBlockingTimeMs'),
    firstContentfulPaintMs: of('firstContentfulPaintMs'),
    largestContentfulPaintMs: of('largestContentfulPaintMs'),
    interactiveMs: of('interactiveMs'),
    widgetBytes: of('widgetBytes'),
    widgetRequests: runs[0]!.widgetRequests,
  };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pasokh-page-'));
  const server = await startServerChild({ port: await freePort(), dataDir });
  const chrome = await launch({ chromePath: CHROMIUM, chromeFlags: FLAGS });
  try {
    const url = `${server.url}/`;
    const withWidget: Run[] = [];
    const withoutWidget: Run[] = [];
    for (let run = 0; run < RUNS; run++) {
      withoutWidget.push(await measure(url, chrome.port, false));
      withWidget.push(await measure(url, chrome.port, true));
    }
    const a = summary(withWidget);
    const b = summary(withoutWidget);
    const difference = {
      totalBytes: a.totalBytes - b.totalBytes,
      requests: a.requests - b.requests,
      totalBlockingTimeMs: a.totalBlockingTimeMs - b.totalBlockingTimeMs,
      largestContentfulPaintMs: a.largestContentfulPaintMs - b.largestContentfulPaintMs,
      interactiveMs: a.interactiveMs - b.interactiveMs,
    };
    console.log(
      JSON.stringify(
        {
          command: 'npm run bench:page',
          machine: {
            node: process.version,
            cpu: cpus()[0]?.model ?? 'unknown',
            cores: cpus().length,
            loadavg: loadavg().map((n) => +n.toFixed(2)),
          },
          page: url,
          method: `Lighthouse 12 performance, simulated mobile throttling, Chromium at ${CHROMIUM}; medians of ${RUNS} runs each, alternating; "without" blocks /pasokh.js`,
          targets: TARGETS,
          withWidget: a,
          withoutWidget: b,
          difference,
          withinTargets: difference.totalBytes <= TARGETS.bytes && difference.totalBlockingTimeMs <= TARGETS.totalBlockingTimeMs,
          runs: { withWidget, withoutWidget },
        },
        null,
        2,
      ),
    );
  } finally {
    chrome.kill();
    await server.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
