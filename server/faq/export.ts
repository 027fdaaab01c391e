/**
 * Writes a FAQ in the formats load.ts reads — a .json file, a .csv file, or a folder of .md
 * files with front matter — so an export imports back to the same entries.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import matter from 'gray-matter';
import type { FaqEntry } from '../../protocol/types.js';
import { CSV_COLUMNS } from './load.js';

export type FaqFormat = 'json' | 'csv' | 'markdown';

/** .json and .csv by extension; anything else is a folder of Markdown files. */
export function formatOf(path: string): FaqFormat {
  const ext = extname(path).toLowerCase();
  return ext === '.json' ? 'json' : ext === '.csv' ? 'csv' : 'markdown';
}

function csvRow(entry: FaqEntry): string[] {
  return [
    entry.id,
    entry.locale,
    entry.question,
    entry.answer,
    (entry.keywords ?? []).join('|'),
    (entry.synonyms ?? []).join('|'),
    entry.category ?? '',
    entry.translationOf ?? '',
  ];
}

function markdownFile(entry: FaqEntry): string {
  const { answer, ...front } = entry;
  return matter.stringify(`${answer}\n`, front);
}

/** Writes `entries` to `path`; returns the files written. */
export async function writeFaq(path: string, entries: readonly FaqEntry[]): Promise<string[]> {
  const format = formatOf(path);
  if (format === 'json') {
    await writeFile(path, `${JSON.stringify(entries, null, 2)}\n`);
    return [path];
  }
  if (format === 'csv') {
    await writeFile(path, stringifyCsv([CSV_COLUMNS, ...entries.map(csvRow)]));
    return [path];
  }
  await mkdir(path, { recursive: true });
  const files: string[] = [];
  for (const entry of entries) {
    // An id is [a-z0-9_-] in the console; a file's own ids are kept safe for a file name all the same.
    const file = join(path, `${entry.id.replace(/[^\p{L}\p{N}_-]/gu, '_')}.md`);
    await writeFile(file, markdownFile(entry));
    files.push(file);
  }
  return files;
}
