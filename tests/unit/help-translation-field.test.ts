import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadFaq } from '../../server/faq/index.js';

const dirs: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'pasokh-translation-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the FAQ field naming an answer’s translation', () => {
  it('is read from JSON, CSV and Markdown front matter', async () => {
    const dir = scratch();
    writeFileSync(
      join(dir, 'faq.json'),
      JSON.stringify([
        { id: 'ship', locale: 'en', question: 'Ship?', answer: 'Yes.' },
        { id: 'ersal', locale: 'fa', question: 'ارسال؟', answer: 'بله.', translationOf: ' ship ' },
      ]),
    );
    writeFileSync(
      join(dir, 'faq.csv'),
      'id,locale,question,answer,translationOf\nship,en,Ship?,Yes.,\nersal,fa,ارسال؟,بله.,ship\n',
    );
    mkdirSync(join(dir, 'md'));
    writeFileSync(join(dir, 'md', 'ersal.md'), '---\nid: ersal\nlocale: fa\nquestion: ارسال؟\ntranslationOf: ship\n---\nبله.\n');
    for (const source of ['faq.json', 'faq.csv', 'md']) {
      const { entries, problems } = await loadFaq(join(dir, source));
      expect(problems, source).toEqual([]);
      expect(entries.find((e) => e.id === 'ersal')?.translationOf, source).toBe('ship');
      expect(entries.find((e) => e.id === 'ship')?.translationOf, source).toBeUndefined();
    }
  });
});
