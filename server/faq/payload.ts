/**
 * What `GET /api/faq` serves, built once per FAQ version: the docs search needs (no full
 * answers) and the prebuilt search index, so the browser neither downloads every answer up
 * front nor builds what the server can.
 */
import { createHash } from 'node:crypto';
import type { FaqPayload } from '../../protocol/faq.js';
import { LOCALES, type FaqEntry } from '../../protocol/types.js';
import { pairTranslations } from '../../protocol/translations.js';
import { buildSearchIndex, toSearchDocs } from '../../widget/search/index.js';
import { INDEX_FORMAT } from '../../widget/search/index-view.js';

export interface BuiltPayload {
  /** JSON of a `FaqPayload`. */
  body: string;
  /**
   * Strong ETag: the version and a digest of the body, so a browser's cached payload is not
   * revalidated as current after an upgrade that indexes the same FAQ otherwise.
   */
  etag: string;
  /** Content hash of the entries and settings. */
  version: string;
}

/** Learned phrasings searched for each entry id (server/answers/learn.ts). */
export type LearnedWordings = ReadonlyMap<string, readonly string[]>;

/**
 * Hashes what the visitor's search depends on; the same FAQ always gets the same version. The
 * index format is part of it: after an upgrade that changes it, a browser's cached payload must
 * not be revalidated as current, since the new widget cannot read the old index.
 */
export function faqVersion(entries: readonly FaqEntry[], vocabulary: boolean, learned?: LearnedWordings): string {
  const taught = learned?.size ? [...learned].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : [];
  const inputs = [entries, vocabulary, INDEX_FORMAT];
  return createHash('sha256')
    .update(JSON.stringify(taught.length ? [...inputs, taught] : inputs))
    .digest('base64url')
    .slice(0, 16);
}

/**
 * Serialises the search payload for one site. `index` is a `SearchIndex` (widget/search):
 * the sorted terms fuse.js indexes, the inverted index over every word of every answer (so
 * the answers themselves stay on the server until opened), and the stop words and, when
 * `vocabulary` is on, the support vocabulary of the FAQ's locales — so neither ships in the
 * widget bundle. `learned` phrasings are indexed as a field of their entry (below its question)
 * but not sent as text: the index is all the search needs.
 */
export function buildFaqPayload(
  site: string,
  entries: readonly FaqEntry[],
  vocabulary: boolean,
  learned?: LearnedWordings,
): BuiltPayload {
  const version = faqVersion(entries, vocabulary, learned);
  const docs = toSearchDocs(entries).map((doc) => {
    const taught = learned?.get(doc.id);
    return taught?.length ? { ...doc, learned: [...taught] } : doc;
  });
  const payload: FaqPayload = {
    site,
    version,
    locales: LOCALES.filter((l) => entries.some((e) => e.locale === l)),
    // Keywords, synonyms and categories are in the index already; the result list needs none.
    docs: docs.map(({ id, locale, question, excerpt }) => ({ id, locale, question, excerpt })),
    index: buildSearchIndex(docs, { vocabulary, answers: entries.map((e) => e.answer), translations: pairTranslations(entries) }),
    vocabulary,
  };
  const body = JSON.stringify(payload);
  return { body, etag: `"${version}-${digest(body)}"`, version };
}

/**
 * The payload with `popular` (entry ids, most viewed first) added, and an ETag that changes
 * with it, so the widget's list for "no query" and "no hit" follows what visitors open.
 */
export function withPopular(built: BuiltPayload, ids: readonly string[]): { body: string; etag: string } {
  if (!ids.length) return { body: built.body, etag: built.etag };
  const list = JSON.stringify(ids);
  return { body: `${built.body.slice(0, -1)},"popular":${list}}`, etag: `${built.etag.slice(0, -1)}.${digest(list, 8)}"` };
}

const digest = (text: string, chars = 12): string => createHash('sha256').update(text).digest('base64url').slice(0, chars);
