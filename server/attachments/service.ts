/**
 * Attachments as the HTTP routes and the relay use them: taking an upload (size, type by
 * content, hash, bytes, row), turning ids sent with a message into what the message carries,
 * and the bytes behind a link. Who may do each is decided by the callers, which know the visitor
 * or agent asking.
 */
import { createHash } from 'node:crypto';
import { MAX_ATTACHMENT_NAME, type AttachmentRef } from '../../protocol/attachments.js';
import { newId } from '../store/ids.js';
import type { AttachmentRecord, Store } from '../store/store.js';
import { sniffMime } from './sniff.js';
import type { AttachmentStorage } from './storage.js';

/** A refusal of an upload, with the catalogue's code for it. */
export class UploadRefused extends Error {
  constructor(
    readonly code: 'file_too_large' | 'file_type_not_allowed' | 'invalid_payload',
    message: string,
  ) {
    super(message);
  }
}

export interface UploadInput {
  bytes: Uint8Array;
  name: string;
  site: string;
  visitorId: string;
  conversationId: string | null;
  uploader: { kind: 'visitor' | 'agent'; id: string };
}

/** A file name fit to show and to put in a header: no path, no control characters, not too long. */
export function cleanName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const name = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return (name || 'file').slice(0, MAX_ATTACHMENT_NAME);
}

export function toRef(record: AttachmentRecord): AttachmentRef {
  return { id: record.id, name: record.name, mime: record.mime, size: record.size };
}

export interface Attachments {
  readonly maxBytes: number;
  readonly storage: AttachmentStorage;
  upload(input: UploadInput): Promise<AttachmentRef>;
  /** The files with these ids, in the order given, when every one is the owner's; null otherwise. */
  refsFor(ids: readonly string[], owner: { site: string; visitorId: string }): Promise<AttachmentRef[] | null>;
  /** A file's row and bytes, or null. */
  read(id: string): Promise<{ record: AttachmentRecord; bytes: Uint8Array } | null>;
}

export function createAttachments(deps: { store: Store; storage: AttachmentStorage; maxBytes: number }): Attachments {
  const { store, storage, maxBytes } = deps;
  return {
    maxBytes,
    storage,
    async upload(input) {
      if (input.bytes.length === 0) throw new UploadRefused('invalid_payload', 'The file is empty.');
      if (input.bytes.length > maxBytes)
        throw new UploadRefused('file_too_large', `A file may be at most ${Math.floor(maxBytes / 1024)} KB.`);
      const mime = sniffMime(input.bytes);
      if (mime === null)
        throw new UploadRefused('file_type_not_allowed', 'Only PNG, JPEG, GIF, WebP images and PDF files can be attached.');
      const record: AttachmentRecord = {
        id: newId(),
        name: cleanName(input.name),
        mime,
        size: input.bytes.length,
        site: input.site,
        visitorId: input.visitorId,
        conversationId: input.conversationId,
        uploaderKind: input.uploader.kind,
        uploaderId: input.uploader.id,
        sha256: createHash('sha256').update(input.bytes).digest('hex'),
        createdAt: new Date().toISOString(),
      };
      // Bytes first: a row never points at bytes that are not there.
      await storage.put(record.id, input.bytes);
      await store.saveAttachment(record);
      return toRef(record);
    },
    async refsFor(ids, owner) {
      const found = new Map((await store.getAttachments([...new Set(ids)])).map((r) => [r.id, r]));
      const refs: AttachmentRef[] = [];
      for (const id of ids) {
        const record = found.get(id);
        if (!record || record.site !== owner.site || record.visitorId !== owner.visitorId) return null;
        refs.push(toRef(record));
      }
      return refs;
    },
    async read(id) {
      const [record] = await store.getAttachments([id]);
      if (!record) return null;
      const bytes = await storage.get(id);
      return bytes ? { record, bytes } : null;
    },
  };
}
