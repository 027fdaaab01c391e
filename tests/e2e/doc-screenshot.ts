/**
 * A screenshot of a state the docs show: written to tests/e2e/screenshots/ on every run and, with
 * PASOKH_UPDATE_DOCS=1, copied to docs/ (as console-screenshots.test.ts does), so a test run
 * leaves the repository's pictures alone.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SCREENSHOTS } from './support.js';

export async function docScreenshot(
  target: { screenshot(options: { path: string }): Promise<unknown> },
  name: string,
): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, name);
  await target.screenshot({ path });
  if (process.env.PASOKH_UPDATE_DOCS === '1') copyFileSync(path, join(ROOT, 'docs', name));
}
