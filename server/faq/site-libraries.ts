/**
 * Opens each site's FAQ from where the site's config says it is managed: files (watched, hot
 * reloaded, read-only in the console) or the database (edited in the console). A site switched
 * to the database gets its file's entries imported once, when the database has none for it.
 */
import { faqReloadMessage } from '../logging.js';
import type { Logger } from 'pino';
import type { SiteConfig } from '../config.js';
import type { Store } from '../store/store.js';
import { createDbFaqLibrary } from './db-library.js';
import { createFaqLibrary, FaqError, type FaqLibrary } from './library.js';
import { loadFaq } from './load.js';
import { toContent } from './records.js';

export interface OpenFaqOptions {
  sites: readonly SiteConfig[];
  store: Store;
  logger: Logger;
  /** Reload file-managed FAQs when their files change. @default true */
  watch?: boolean;
}

/** Imports `file` into the site's database FAQ when the site has no entries there yet (deleted ones count). */
export async function importFileOnce(store: Store, site: string, file: string): Promise<number> {
  if (!file || (await store.listFaqEntries(site, { includeDeleted: true })).length > 0) return 0;
  const { entries, problems } = await loadFaq(file);
  const errors = problems.filter((p) => !p.warning);
  if (errors.length) throw new FaqError(errors);
  try {
    await store.importFaqEntries(
      site,
      entries.map((e) => ({ id: e.id, ...toContent(e) })),
      null,
    );
  } catch (error) {
    // Several processes starting at once: the one that lost the race finds the entries there.
    if ((await store.listFaqEntries(site, { includeDeleted: true })).length > 0) return 0;
    throw error;
  }
  return entries.length;
}

export async function openFaqLibraries(options: OpenFaqOptions): Promise<Map<string, FaqLibrary>> {
  const { store, logger } = options;
  const faqs = new Map<string, FaqLibrary>();
  for (const site of options.sites) {
    if (site.faqSource === 'database') {
      const imported = await importFileOnce(store, site.key, site.faq);
      if (imported)
        logger.info(
          { site: site.key, file: site.faq, entries: imported },
          'FAQ imported into the database: edit it in the console from now on',
        );
      faqs.set(
        site.key,
        await createDbFaqLibrary({
          store,
          site: site.key,
          vocabulary: site.vocabulary,
          onError: (err) => logger.warn({ site: site.key, err }, 'FAQ reload from the database failed'),
        }),
      );
      continue;
    }
    faqs.set(
      site.key,
      await createFaqLibrary({
        source: site.faq,
        site: site.key,
        vocabulary: site.vocabulary,
        watch: options.watch ?? true,
        onReload: (error) =>
          error
            ? logger.warn({ site: site.key }, faqReloadMessage(site.key, error))
            : logger.info({ site: site.key }, 'FAQ reloaded'),
      }),
    );
  }
  return faqs;
}
