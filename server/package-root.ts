/**
 * The package's own folder (the one with its package.json): demo/ and the built widget and
 * console live there whether the server runs from its TypeScript source (server/) or compiled
 * (dist/node/server/), from a checkout or from node_modules.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRoot(from: string, name = 'pasokh'): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name) return dir;
    if (dirname(dir) === dir) throw new Error(`pasokh: no package.json named "${name}" above ${from}.`);
  }
}

export const PROJECT_ROOT = packageRoot(dirname(fileURLToPath(import.meta.url)));
