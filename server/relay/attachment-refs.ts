/** The files a message names, as it will carry them: every id must be an upload for this visitor's conversations. */
import type { AttachmentRef } from '../../protocol/attachments.js';
import type { RelayDeps } from './deps.js';
import { RelayError } from './guard.js';

export async function attachmentRefs(
  deps: RelayDeps,
  ids: readonly string[] | undefined,
  owner: { site: string; visitorId: string },
): Promise<{ attachments?: AttachmentRef[] }> {
  if (ids === undefined || ids.length === 0) return {};
  const refs = await deps.attachments.refsFor(ids, owner);
  // The same answer for a file that does not exist and one of another visitor: nothing leaks.
  if (refs === null) throw new RelayError('not_found', 'A file this message names was not found; upload it again.');
  return { attachments: refs };
}
