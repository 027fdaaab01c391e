/**
 * `pasokh faq import <path>` and `pasokh faq export <path>`: between FAQ files (JSON, CSV, a
 * folder of Markdown) and a site's FAQ in the database. Import validates the whole file first
 * (the same checks as `faq check`) and writes nothing when any entry is wrong.
 */
import { parseArgs } from 'node:util';
import type { Config } from '../config.js';
import type { Store } from '../store/store.js';
import { writeFaq } from './export.js';
import { loadFaq } from './load.js';
import { toContent, toFaqEntry } from './records.js';

export interface TransferIo {
  config: Config;
  openStore(): Promise<Store>;
  out(line: string): void;
}

function siteOf(config: Config, key: string | undefined): string {
  const site = key ?? config.sites[0]!.key;
  if (!config.sites.some((s) => s.key === site))
    throw new TransferError(
      `There is no site "${site}" in the configuration (sites: ${config.sites.map((s) => s.key).join(', ')}).`,
    );
  return site;
}

/** A mistake the user can fix; the CLI prints its message. */
export class TransferError extends Error {}

export async function runFaqTransfer(command: 'import' | 'export', argv: string[], io: TransferIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { site: { type: 'string' } } });
  const path = positionals[0];
  if (!path) throw new TransferError(`Usage: pasokh faq ${command} <file.json|file.csv|folder> [--site KEY]`);
  const site = siteOf(io.config, values.site);
  const store = await io.openStore();
  try {
    if (command === 'import') {
      const { entries, problems } = await loadFaq(path);
      const errors = problems.filter((p) => !p.warning);
      if (errors.length) {
        for (const p of errors) io.out(`${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`);
        throw new TransferError(`Nothing imported: ${errors.length} problem${errors.length === 1 ? '' : 's'} in ${path}.`);
      }
      const { created, updated } = await store.importFaqEntries(
        site,
        entries.map((e) => ({ id: e.id, ...toContent(e) })),
        null,
      );
      io.out(`Imported ${entries.length} answers into site "${site}" (${created} new, ${updated} replaced), published.`);
      if (io.config.sites.find((s) => s.key === site)?.faqSource !== 'database') {
        io.out(`Note: site "${site}" serves its FAQ files; set "faqSource": "database" in its config to serve (and edit) these.`);
      }
      return 0;
    }
    const entries = (await store.publishedFaqEntries(site)).map(toFaqEntry);
    const files = await writeFaq(path, entries);
    io.out(
      `Exported ${entries.length} published answers of site "${site}" to ${files.length === 1 ? files[0] : `${files.length} files in ${path}`}.`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
