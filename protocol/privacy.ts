/** Data rights: what an export holds, what an erasure reports, and the audit log. Pure types. */
import type { ExportedAttachment } from './attachments.js';
import type { ConversationStatus, IsoTime, Message, VisitorContext } from './types.js';

export interface VisitorExport {
  exportedAt: IsoTime;
  visitor: {
    id: string;
    site: string;
    externalId: string | null;
    name: string | null;
    email: string | null;
    locale: string | null;
    firstSeenAt: IsoTime;
    lastSeenAt: IsoTime;
    erasedAt: IsoTime | null;
  };
  conversations: {
    id: string;
    status: ConversationStatus;
    offline: boolean;
    createdAt: IsoTime;
    closedAt: IsoTime | null;
    context: VisitorContext;
    survey: { score: number; comment: string | null; answeredAt: IsoTime | null } | null;
    messages: Message[];
  }[];
  /** FAQ searches, views and votes made by the visitor. */
  events: { kind: string; query: string | null; articleId: string | null; helpful: boolean | null; at: IsoTime }[];
  /** Files in the visitor's conversations, theirs and the agents'; the bytes are fetched apart. */
  attachments: ExportedAttachment[];
}

/** What an erasure removed; the conversations themselves stay, emptied, for statistics. */
export interface ErasureReport {
  visitorId: string;
  conversations: number;
  messages: number;
  events: number;
  /** Files deleted, bytes included. */
  attachments: number;
}

export interface AuditEntry {
  id: string;
  at: IsoTime;
  /** An agent's email, or "cli" / "retention". */
  actor: string;
  action: string;
  target: string;
  detail: Record<string, unknown>;
}
