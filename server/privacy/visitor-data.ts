/**
 * Export and erase a visitor by id or email, from the console API and the CLI alike; each is
 * written to the audit log with who did it.
 */
import type { ErasureReport, VisitorExport } from '../../protocol/privacy.js';
import { deleteWithFiles, type AttachmentStorage } from '../attachments/storage.js';
import type { Store } from '../store/store.js';

/** Every visitor the reference names (an email may name several, one per site or device). */
export async function exportVisitors(store: Store, ref: string, actor: string): Promise<VisitorExport[]> {
  const visitors = await store.findVisitors(ref);
  const exports: VisitorExport[] = [];
  for (const visitor of visitors) {
    const data = await store.exportVisitor(visitor.id);
    if (data) exports.push(data);
  }
  // Ids, not the reference: an email in the log would outlive the visitor's erasure.
  for (const data of exports) await store.recordAudit({ actor, action: 'visitor.export', target: data.visitor.id });
  return exports;
}

/** The visitor's files go with them, bytes included, wherever the bytes are kept (deleteWithFiles). */
export async function eraseVisitors(
  store: Store,
  storage: AttachmentStorage,
  ref: string,
  actor: string,
): Promise<ErasureReport[]> {
  const visitors = await store.findVisitors(ref);
  const reports: ErasureReport[] = [];
  for (const visitor of visitors) {
    const files = (await store.listVisitorAttachments(visitor.id)).map((file) => file.id);
    const report = await deleteWithFiles({ store, storage }, files, () => store.eraseVisitor(visitor.id));
    if (report) reports.push(report);
  }
  for (const report of reports)
    await store.recordAudit({ actor, action: 'visitor.erase', target: report.visitorId, detail: { ...report } });
  return reports;
}
