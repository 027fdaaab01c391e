#!/usr/bin/env node
// The published bin runs the compiled server (dist/node/, written by `npm run build`). In a
// checkout, where the TypeScript source sits beside it and tsx is installed, it runs the source
// through tsx instead, so a build older than the source never answers for it.
import { existsSync } from 'node:fs';

const source = new URL('../server/cli.ts', import.meta.url);
const compiled = new URL('../dist/node/server/cli.js', import.meta.url);

async function tsxRegistered() {
  try {
    const { register } = await import('tsx/esm/api');
    register();
    return true;
  } catch {
    return false;
  }
}

if (existsSync(source) && (await tsxRegistered())) {
  await import(source.href);
} else if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  console.error('pasokh: the server is not built; run `npm run build` first.');
  process.exit(1);
}
