/** `pasokh visitor export|erase <id or email>`: the CLI side of data rights. */
import type { AttachmentStorage } from '../attachments/storage.js';
import type { Store } from '../store/store.js';
import { eraseVisitors, exportVisitors } from './visitor-data.js';

export const VISITOR_USAGE =
  "  pasokh visitor export <id or email>  everything about the visitor, as JSON on stdout\n  pasokh visitor erase <id or email>   erase the visitor's messages, files, events and identity";

/** Returns the exit code: 0 done, 1 nobody found, 2 bad usage. */
export async function visitorCommand(
  deps: { store: Store; storage: AttachmentStorage },
  args: string[],
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  const { store, storage } = deps;
  const [sub, ref] = args;
  if ((sub !== 'export' && sub !== 'erase') || !ref) {
    err(`Usage:\n${VISITOR_USAGE}`);
    return 2;
  }
  if (sub === 'export') {
    const exports = await exportVisitors(store, ref, 'cli');
    if (exports.length === 0) return notFound(ref, err);
    out(JSON.stringify(exports.length === 1 ? exports[0] : exports, null, 2));
    return 0;
  }
  const reports = await eraseVisitors(store, storage, ref, 'cli');
  if (reports.length === 0) return notFound(ref, err);
  for (const r of reports)
    out(
      `Erased visitor ${r.visitorId}: ${r.messages} messages in ${r.conversations} conversations, ${r.events} events, ${r.attachments} attachments.`,
    );
  return 0;
}

function notFound(ref: string, err: (line: string) => void): number {
  err(`pasokh: no visitor ${ref.includes('@') ? 'with the email' : 'with the id'} ${ref}.`);
  return 1;
}
