/** The FAQ editor's calls (server/http/faq-admin.ts), through the console's one `call`. */
import type { FaqAdminList, FaqContent, FaqEntryRecord, FaqRevisionRecord } from '../../protocol/faq-admin.js';
import { call } from './api.js';

const base = '/api/console/faq';
const q = (site: string) => `site=${encodeURIComponent(site)}`;
const one = (site: string, id: string, tail = '') => `${base}/${encodeURIComponent(id)}${tail}?${q(site)}`;

export const faqApi = {
  list: (site: string, search = '', deleted = false) =>
    call<FaqAdminList>(
      'GET',
      `${base}?${q(site)}${search ? `&q=${encodeURIComponent(search)}` : ''}${deleted ? '&deleted=1' : ''}`,
    ),
  create: (site: string, content: FaqContent, publish: boolean) =>
    call<{ entry: FaqEntryRecord }>('POST', `${base}?${q(site)}`, { content, publish }),
  save: (site: string, id: string, content: FaqContent, publish: boolean, baseRevision: number) =>
    call<{ entry: FaqEntryRecord }>('PUT', one(site, id), { content, publish, baseRevision }),
  remove: (site: string, id: string) => call<{ entry: FaqEntryRecord }>('POST', one(site, id, '/delete'), {}),
  undo: (site: string, id: string) => call<{ entry: FaqEntryRecord }>('POST', one(site, id, '/undelete'), {}),
  revisions: (site: string, id: string) => call<{ revisions: FaqRevisionRecord[] }>('GET', one(site, id, '/revisions')),
  restore: (site: string, id: string, revision: number) =>
    call<{ entry: FaqEntryRecord }>('POST', one(site, id, `/revisions/${revision}/restore`), {}),
  preview: (markdown: string) => call<{ html: string }>('POST', '/api/console/faq-preview', { markdown }),
};

/** "a, b,, c " → ["a", "b", "c"]: how the Keywords box is read. */
export function splitList(text: string, separator: RegExp = /[,،]/): string[] {
  return text
    .split(separator)
    .map((item) => item.trim())
    .filter(Boolean);
}
