/** The gap finder's and repeated replies' calls (server/http/gaps-api.ts), through the console's one `call`. */
import type { GapEntryResponse, GapList, RepeatedReplyList } from '../../protocol/gaps.js';
import { call } from './api.js';

const q = (site: string) => `site=${encodeURIComponent(site)}`;

export const gapsApi = {
  list: (site: string) => call<GapList>('GET', `/api/console/gaps?${q(site)}`),
  dismiss: (site: string, key: string) => call<{ ok: true }>('POST', `/api/console/gaps/dismiss?${q(site)}`, { key }),
  draft: (site: string, key: string) => call<GapEntryResponse>('POST', `/api/console/gaps/draft?${q(site)}`, { key }),
  phrasing: (site: string, key: string, entryId: string) =>
    call<GapEntryResponse>('POST', `/api/console/gaps/phrasing?${q(site)}`, { key, entryId }),
  replies: (site: string) => call<RepeatedReplyList>('GET', `/api/console/repeated-replies?${q(site)}`),
  replyDraft: (site: string, text: string) =>
    call<GapEntryResponse>('POST', `/api/console/repeated-replies/draft?${q(site)}`, { text }),
};
