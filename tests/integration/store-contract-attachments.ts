/**
 * Attachments in the Store contract (run on SQLite and PostgreSQL by their store tests), and
 * the one AttachmentStorage contract, run on a folder and on the store's database.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAttachments } from '../../server/attachments/service.js';
import { databaseStorage, diskStorage, type AttachmentStorage } from '../../server/attachments/storage.js';
import pino from 'pino';
import { startHousekeeping } from '../../server/privacy/housekeeping.js';
import { eraseVisitors, exportVisitors } from '../../server/privacy/visitor-data.js';
import type { Store } from '../../server/store/store.js';

const SITE = 'default';
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const PDF = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');

function describeStorageContract(kind: string, open: () => Promise<{ storage: AttachmentStorage; done(): Promise<void> }>): void {
  it(`${kind} storage: keeps bytes by id, keeps the first bytes of an id, deletes, and says null for none`, async () => {
    const { storage, done } = await open();
    try {
      const id = randomUUID().replaceAll('-', '');
      expect(await storage.get(id)).toBeNull();
      await storage.put(id, PNG);
      expect(Buffer.from((await storage.get(id))!)).toEqual(Buffer.from(PNG));
      await storage.put(id, PDF);
      expect(Buffer.from((await storage.get(id))!)).toEqual(Buffer.from(PNG));
      const other = randomUUID().replaceAll('-', '');
      await storage.put(other, PDF);
      await storage.delete([id, 'never-stored']);
      expect(await storage.get(id)).toBeNull();
      expect(Buffer.from((await storage.get(other))!)).toEqual(Buffer.from(PDF));
    } finally {
      await done();
    }
  });
}

export function describeAttachmentsContract(current: () => Store): void {
  describe('attachments', () => {
    describeStorageContract('database', async () => ({ storage: databaseStorage(current()), done: async () => {} }));
    describeStorageContract('disk', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'pasokh-files-'));
      return { storage: diskStorage(dir), done: () => rm(dir, { recursive: true, force: true }) };
    });

    it('carries files on a message, sent again once, and hands one key to every caller', async () => {
      const store = current();
      const files = createAttachments({ store, storage: databaseStorage(store), maxBytes: 1024 });
      const visitor = await store.createVisitor({ site: SITE, tokenHash: randomUUID() });
      const ref = await files.upload({
        bytes: PNG,
        name: '../../etc/photo.png',
        site: SITE,
        visitorId: visitor.id,
        conversationId: null,
        uploader: { kind: 'visitor', id: visitor.id },
      });
      expect(ref).toMatchObject({ name: 'photo.png', mime: 'image/png', size: PNG.length });
      const message = {
        clientId: randomUUID(),
        author: { kind: 'visitor' as const, id: visitor.id },
        text: '',
        attachments: [ref],
      };
      const first = await store.appendVisitorMessage({ site: SITE, visitorId: visitor.id, message });
      const again = await store.appendVisitorMessage({ site: SITE, visitorId: visitor.id, message });
      expect(again).toMatchObject({ duplicate: true, message: { seq: first.message.seq } });
      const stored = await store.listMessages(first.conversation.id, { includeInternal: false });
      expect(stored).toHaveLength(1);
      expect(stored[0]?.attachments).toEqual([ref]);
      // Uploaded before the conversation existed: it belongs to it once the message is saved.
      expect((await store.getAttachments([ref.id]))[0]?.conversationId).toBe(first.conversation.id);
      expect(await files.refsFor([ref.id], { site: SITE, visitorId: 'someone-else' })).toBeNull();
      expect(await store.attachmentSigningKey()).toBe(await store.attachmentSigningKey());
    });

    it("exports a visitor's files and erases them, bytes included, leaving other visitors' alone", async () => {
      const store = current();
      const dir = await mkdtemp(join(tmpdir(), 'pasokh-files-'));
      try {
        for (const storage of [databaseStorage(store), diskStorage(dir)]) {
          const files = createAttachments({ store, storage, maxBytes: 1024 });
          const email = `${randomUUID()}@example.com`;
          const visitor = await store.createVisitor({ site: SITE, tokenHash: randomUUID(), email });
          const bystander = await store.createVisitor({ site: SITE, tokenHash: randomUUID() });
          const upload = (visitorId: string, bytes: Uint8Array, name: string) =>
            files.upload({
              bytes,
              name,
              site: SITE,
              visitorId,
              conversationId: null,
              uploader: { kind: 'visitor', id: visitorId },
            });
          const photo = await upload(visitor.id, PNG, 'photo.png');
          const receipt = await upload(visitor.id, PDF, 'receipt.pdf');
          const kept = await upload(bystander.id, PNG, 'kept.png');
          await store.appendVisitorMessage({
            site: SITE,
            visitorId: visitor.id,
            message: { clientId: randomUUID(), author: { kind: 'visitor', id: visitor.id }, text: 'see', attachments: [photo] },
          });

          const [data] = await exportVisitors(store, email, 'test');
          expect(data?.attachments.map((a) => [a.name, a.mime, a.size, a.uploaderKind])).toEqual([
            ['photo.png', 'image/png', PNG.length, 'visitor'],
            ['receipt.pdf', 'application/pdf', PDF.length, 'visitor'],
          ]);
          expect(data?.attachments[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
          expect(data?.conversations[0]?.messages[0]?.attachments).toEqual([photo]);

          const [report] = await eraseVisitors(store, storage, email, 'test');
          expect(report).toMatchObject({ visitorId: visitor.id, attachments: 2 });
          expect(await storage.get(photo.id)).toBeNull();
          expect(await storage.get(receipt.id)).toBeNull();
          expect(await store.getAttachments([photo.id, receipt.id])).toEqual([]);
          expect(await files.read(kept.id)).not.toBeNull();
          expect((await store.exportVisitor(visitor.id))?.attachments).toEqual([]);
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it("sweeps a closed conversation's files past the retention setting, bytes included, leaving open ones' alone", async () => {
      const store = current();
      const dir = await mkdtemp(join(tmpdir(), 'pasokh-files-'));
      try {
        for (const storage of [databaseStorage(store), diskStorage(dir)]) {
          const files = createAttachments({ store, storage, maxBytes: 1024 });
          const sendFile = async (bytes: Uint8Array, name: string) => {
            const visitor = await store.createVisitor({ site: SITE, tokenHash: randomUUID() });
            const ref = await files.upload({
              bytes,
              name,
              site: SITE,
              visitorId: visitor.id,
              conversationId: null,
              uploader: { kind: 'visitor', id: visitor.id },
            });
            const author = { kind: 'visitor' as const, id: visitor.id };
            const sent = await store.appendVisitorMessage({
              site: SITE,
              visitorId: visitor.id,
              message: { clientId: randomUUID(), author, text: '', attachments: [ref] },
            });
            return { ref, conversationId: sent.conversation.id };
          };
          const old = await sendFile(PDF, 'receipt.pdf');
          const open = await sendFile(PNG, 'photo.png');
          await store.closeConversation(old.conversationId);
          const housekeeping = startHousekeeping({ store, storage, logger: pino({ level: 'silent' }), retentionDays: 30 });
          try {
            expect(await housekeeping.runOnce(Date.now() + 31 * 86_400_000)).toMatchObject({ conversations: 1 });
          } finally {
            housekeeping.stop();
          }
          expect(await store.getConversation(old.conversationId)).toBeNull();
          expect(await storage.get(old.ref.id)).toBeNull();
          expect(await store.getAttachments([old.ref.id])).toEqual([]);
          expect(Buffer.from((await files.read(open.ref.id))!.bytes)).toEqual(Buffer.from(PNG));
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
}
