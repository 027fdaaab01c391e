/** What the store keeps of a FAQ edited in the console (see migrations/0007-faq-entries.ts). */
import type { AgentId, SiteKey } from '../../protocol/types.js';
import type { FaqContent } from '../../protocol/faq-admin.js';

export type {
  FaqContent,
  FaqEntryRecord,
  FaqEntryStatus,
  FaqRevisionRecord,
  PublishedFaqEntry,
} from '../../protocol/faq-admin.js';

export interface SaveFaqEntryInput {
  site: SiteKey;
  /** Absent: a new entry with a new id. An unknown id creates the entry under it. */
  id?: string;
  content: FaqContent;
  /** Publish in the same step (visitors see it at once). @default false */
  publish?: boolean;
  by: AgentId | null;
  /** The revision the editor started from: a save over a newer one throws ConflictError. */
  baseRevision?: number;
}
