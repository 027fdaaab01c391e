/**
 * One site's FAQ from files, loaded once and served many times (snapshot.ts: the search payload
 * is serialised once per FAQ version, never per request; each answer is rendered once).
 * With `watch`, edits to the FAQ files are picked up without a restart; a bad edit keeps the
 * last good FAQ and is reported through `onReload`.
 */
import { watch as fsWatch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { FaqArticle } from '../../protocol/faq.js';
import type { FaqEntry } from '../../protocol/types.js';
import { loadFaq, type FaqProblem } from './load.js';
import { faqSnapshot, serveSnapshot, type FaqSnapshot } from './snapshot.js';

export interface FaqLibrary {
  /** JSON of the `FaqPayload` (docs + prebuilt index, no full answers), with its ETag. */
  payload(): { body: string; etag: string; version: string };
  /** One answer as sanitised HTML, or undefined for an unknown id. */
  article(id: string): FaqArticle | undefined;
  entries(): FaqEntry[];
  /** Loads the FAQ again now (a console-managed FAQ after a publish); absent when files are watched. */
  refresh?(): Promise<void>;
  /** Stops watching. */
  close(): void;
}

export interface FaqLibraryOptions {
  /** A .json or .csv file, or a folder of .md files. */
  source: string;
  site: string;
  /** Use the built-in support vocabulary in search. @default true */
  vocabulary?: boolean;
  /** Reload when the FAQ files change. @default false */
  watch?: boolean;
  /** Called after each reload attempt: no argument when the new FAQ is live. */
  onReload?: (error?: Error) => void;
}

/** The problems of a FAQ as one error a site owner can act on. */
export class FaqError extends Error {
  constructor(readonly problems: FaqProblem[]) {
    super(
      `The FAQ has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((p) => `  ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`).join('\n'),
    );
    this.name = 'FaqError';
  }
}

const DEBOUNCE_MS = 150;

async function read(source: string, site: string, vocabulary: boolean): Promise<{ snapshot: FaqSnapshot; files: string[] }> {
  const { entries, problems, files } = await loadFaq(source);
  const errors = problems.filter((p) => !p.warning);
  if (errors.length) throw new FaqError(errors);
  return {
    snapshot: faqSnapshot(site, entries, vocabulary),
    files,
  };
}

/**
 * Loads a FAQ; rejects with a `FaqError` listing every problem when it is not valid.
 * @example const faq = await createFaqLibrary({ source: 'demo/faq.json', site: 'default', watch: true });
 */
export async function createFaqLibrary(options: FaqLibraryOptions): Promise<FaqLibrary> {
  const source = resolve(options.source);
  const vocabulary = options.vocabulary ?? true;
  let { snapshot } = await read(source, options.site, vocabulary);
  const watchers: FSWatcher[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const reload = async (): Promise<void> => {
    try {
      const next = await read(source, options.site, vocabulary);
      if (closed) return;
      // Same content, same version: keep the rendered answers.
      if (next.snapshot.payload.version !== snapshot.payload.version) snapshot = next.snapshot;
      options.onReload?.();
    } catch (error) {
      if (!closed) options.onReload?.(error as Error);
    }
  };

  if (options.watch) {
    // Watch the folder, not the file: editors save by replacing the file, which ends a
    // watch on the file itself.
    const isFolder = (await stat(source)).isDirectory();
    const dir = isFolder ? source : dirname(source);
    const name = isFolder ? undefined : basename(source);
    const watcher = fsWatch(dir, (_event, file) => {
      if (name && file && file.toString() !== name) return;
      clearTimeout(timer);
      timer = setTimeout(() => void reload(), DEBOUNCE_MS);
    });
    watcher.on('error', (error) => options.onReload?.(error));
    watchers.push(watcher);
  }

  return {
    ...serveSnapshot(() => snapshot),
    close() {
      closed = true;
      clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}
