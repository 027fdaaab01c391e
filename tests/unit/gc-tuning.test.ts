import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { tuneOldGenerationGrowth } from '../../server/gc-tuning.js';

describe('old generation growth', () => {
  it("sets V8's heap growing factor to the configured percent, and leaves V8 alone at 0", () => {
    const flags: string[] = [];
    tuneOldGenerationGrowth(100, (f) => flags.push(f));
    tuneOldGenerationGrowth(0, (f) => flags.push(f));
    expect(flags).toEqual(['--heap-growing-percent=100']);
  });

  it("is a flag this Node's V8 knows, so the setting is not silently ignored", () => {
    // V8 prints the flags it knows; a renamed or removed flag would make the tuning a no-op.
    const help = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout;
    expect(help).toMatch(/--heap-growing-percent \(specifies heap growing factor/);
  });
});
