/**
 * Attachments: images and PDFs a visitor or an agent adds to a message. The bytes travel over
 * HTTP (never over the relay's sockets); a message carries only references to them. Pure types
 * and constants: the widget's attachment chunk imports this file.
 */
import type { IsoTime } from './types.js';

/** What a message carries for each file: enough to show a name, a size and pick image or link. */
export interface AttachmentRef {
  id: string;
  /** The uploader's file name, cut to a safe length; shown as text, never trusted for the type. */
  name: string;
  /** Decided from the first bytes (server/attachments/sniff.ts), never from the name. */
  mime: AttachmentMime;
  size: number;
}

/** The types taken, as their content shows them. */
export const ATTACHMENT_MIMES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'] as const;
export type AttachmentMime = (typeof ATTACHMENT_MIMES)[number];

/** Whether the widget and the console show it inline as a thumbnail rather than as a link. */
export function isImage(mime: string): boolean {
  return mime.startsWith('image/');
}

/** Files one message may carry. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 5;
/** The default upload cap (PASOKH_ATTACHMENT_MAX_BYTES): 10 MB. */
export const DEFAULT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** Characters kept of a file name. */
export const MAX_ATTACHMENT_NAME = 200;

/** The routes (HTTP): upload, ask for a short-lived link, fetch through it. */
export const ATTACHMENT_ROUTES = {
  /** POST, raw body; `?name=` the file name; visitor: `?site=` + Authorization: Bearer <token>. */
  upload: '/api/attachments',
  /** POST: `{ url, expiresAt }` for one attachment, to its conversation's visitor or the site's agents. */
  link: (id: string) => `/api/attachments/${encodeURIComponent(id)}/link`,
  /** GET with `?expires=&sig=`: the bytes; anything else is refused. */
  file: '/api/attachments/:id/file',
} as const;

/** The answer to an upload. */
export type UploadedAttachment = AttachmentRef;

/** The answer to a link request. */
export interface AttachmentLink {
  url: string;
  expiresAt: IsoTime;
}

/** One line of a visitor's data export. */
export interface ExportedAttachment extends AttachmentRef {
  conversationId: string | null;
  uploaderKind: 'visitor' | 'agent';
  sha256: string;
  createdAt: IsoTime;
}
