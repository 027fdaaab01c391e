/** What search learned, per FAQ entry (server/http/learned-api.ts), through the console's one `call`. */
import type { LearnedPhrasing } from '../../protocol/answers.js';
import { call } from './api.js';

const site = (key: string) => `site=${encodeURIComponent(key)}`;

export const learnedApi = {
  list: (key: string, entryId: string) =>
    call<{ phrasings: LearnedPhrasing[]; removable: boolean }>(
      'GET',
      `/api/console/faq-learned?${site(key)}&entry=${encodeURIComponent(entryId)}`,
    ),
  remove: (key: string, id: string) =>
    call<{ ok: true }>('DELETE', `/api/console/faq-learned/${encodeURIComponent(id)}?${site(key)}`),
};
