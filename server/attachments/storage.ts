/**
 * Where attachment bytes live, behind one interface: a folder (the default beside SQLite, or a
 * folder every process shares when scaled out) or the database (PostgreSQL when scaled out, so
 * nothing else needs sharing). The rows describing the files are always in the store; one
 * contract test (tests/integration/attachment-storage-contract.ts) runs on each.
 */
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Store } from '../store/store.js';

export interface AttachmentStorage {
  readonly kind: 'disk' | 'database';
  /** Saves the bytes under `id`; the same id again keeps the first bytes. */
  put(id: string, bytes: Uint8Array): Promise<void>;
  /** The bytes, or null when there are none under `id`. */
  get(id: string): Promise<Uint8Array | null>;
  /** Deletes what there is under these ids; unknown ids are skipped. */
  delete(ids: readonly string[]): Promise<void>;
}

/** Ids are made by the server (newId), but a path is built from one: check it all the same. */
function safeId(id: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new Error(`Not an attachment id: ${JSON.stringify(id)}`);
  return id;
}

/** One file per attachment, named by its id, under two-letter folders so none grows huge. */
export function diskStorage(dir: string): AttachmentStorage {
  const pathOf = (id: string) => join(dir, safeId(id).slice(-2), safeId(id));
  return {
    kind: 'disk',
    async put(id, bytes) {
      const path = pathOf(id);
      await mkdir(join(path, '..'), { recursive: true });
      // Written aside, then hard-linked into place: a reader never sees half a file, and the
      // link fails when the id is taken, so the first bytes stay.
      const temporary = `${path}.${process.pid}.${Date.now()}.part`;
      await writeFile(temporary, bytes);
      try {
        await link(temporary, path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      } finally {
        await rm(temporary, { force: true });
      }
    },
    async get(id) {
      try {
        return new Uint8Array(await readFile(pathOf(id)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async delete(ids) {
      for (const id of ids) await rm(pathOf(id), { force: true });
    },
  };
}

/** The bytes in the store's attachment_bytes table. */
export function databaseStorage(store: Store): AttachmentStorage {
  return {
    kind: 'database',
    put: (id, bytes) => store.putAttachmentBytes(id, bytes),
    get: (id) => store.getAttachmentBytes(id),
    async delete(ids) {
      if (ids.length > 0) await store.deleteAttachmentBytes([...ids]);
    },
  };
}

/**
 * The one way a store deletion takes files with it (a visitor's erasure, the retention sweep):
 * the store deletes the rows, and bytes kept in the database, in its transaction; bytes in a
 * folder cannot join that transaction, so they go after it commits — those of the files listed
 * before it began whose rows it took. A file whose row is still there (its conversation reopened
 * meanwhile) keeps its bytes.
 */
export async function deleteWithFiles<T>(
  deps: { store: Store; storage: AttachmentStorage },
  listed: readonly string[],
  deleteRows: () => Promise<T>,
): Promise<T> {
  const result = await deleteRows();
  if (deps.storage.kind === 'disk' && listed.length > 0) {
    const kept = new Set((await deps.store.getAttachments([...listed])).map((file) => file.id));
    await deps.storage.delete(listed.filter((id) => !kept.has(id)));
  }
  return result;
}

/** The configured storage: a folder when one is set (config.attachmentDir), else the database. */
export function openAttachmentStorage(config: { attachmentDir: string | undefined }, store: Store): AttachmentStorage {
  return config.attachmentDir === undefined ? databaseStorage(store) : diskStorage(config.attachmentDir);
}
