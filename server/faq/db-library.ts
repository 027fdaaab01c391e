/**
 * A site's FAQ managed in the console: served from the database's published entries through the
 * same FaqLibrary interface as the files (so /api/faq, the help centre and search do not know
 * the difference). The payload is rebuilt when this process publishes a change (`refresh`) and,
 * for the other processes of a scaled-out install, when the site's stamp in the database
 * changes (checked every `pollMs`).
 */
import type { Store } from '../store/store.js';
import type { FaqLibrary } from './library.js';
import { toFaqEntry } from './records.js';
import { faqSnapshot, serveSnapshot, type FaqSnapshot } from './snapshot.js';

export interface DbFaqLibraryOptions {
  store: Store;
  site: string;
  /** @default true */
  vocabulary?: boolean;
  /**
   * How often to look for changes made by other processes, in ms; 0: never (one process).
   * @default 1500
   */
  pollMs?: number;
  /** Called when a poll or refresh fails (the last good FAQ stays served). */
  onError?: (error: Error) => void;
}

interface Snapshot extends FaqSnapshot {
  stamp: string;
}

/** Loads the site's published entries; `refresh()` after each change this process makes. */
export async function createDbFaqLibrary(
  options: DbFaqLibraryOptions,
): Promise<Required<Pick<FaqLibrary, 'refresh'>> & FaqLibrary> {
  const { store, site } = options;
  const vocabulary = options.vocabulary ?? true;
  const load = async (): Promise<Snapshot> => {
    const stamp = await store.faqStamp(site);
    const entries = (await store.publishedFaqEntries(site)).map(toFaqEntry);
    return { stamp, ...faqSnapshot(site, entries, vocabulary) };
  };
  let snapshot = await load();
  // One load at a time: a refresh during a poll waits for it rather than racing it.
  let loading: Promise<void> = Promise.resolve();
  const reload = (onlyIfChanged: boolean): Promise<void> => {
    loading = loading.then(async () => {
      try {
        if (onlyIfChanged && (await store.faqStamp(site)) === snapshot.stamp) return;
        const next = await load();
        snapshot = next.payload.version === snapshot.payload.version ? { ...snapshot, stamp: next.stamp } : next;
      } catch (error) {
        options.onError?.(error as Error);
      }
    });
    return loading;
  };
  const pollMs = options.pollMs ?? 1500;
  const timer = pollMs > 0 ? setInterval(() => void reload(true), pollMs) : undefined;
  timer?.unref();

  return {
    ...serveSnapshot(() => snapshot),
    refresh: () => reload(false),
    close() {
      clearInterval(timer);
    },
  };
}
