/** The console's attachment calls: upload for a conversation, and a short-lived link to a file. */
import { ATTACHMENT_ROUTES, type AttachmentLink, type AttachmentRef } from '../../protocol/attachments.js';
import { ApiError, call } from './api.js';
import { errorText } from './error-text.js';

export async function uploadAttachment(conversationId: string, file: File): Promise<AttachmentRef> {
  let res: Response;
  try {
    res = await fetch(
      `/api/conversations/${encodeURIComponent(conversationId)}/attachments?name=${encodeURIComponent(file.name)}`,
      {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/octet-stream', accept: 'application/json' },
        body: file,
      },
    );
  } catch (err) {
    throw new ApiError(0, 'network', errorText(err));
  }
  const data = (await res.json().catch(() => null)) as (AttachmentRef & { error?: { code: string; message: string } }) | null;
  if (!res.ok) {
    const code = data?.error?.code;
    throw new ApiError(
      res.status,
      code === 'file_too_large' || code === 'file_type_not_allowed' ? code : 'invalid_payload',
      data?.error?.message ?? res.statusText,
    );
  }
  return data!;
}

export function attachmentLink(id: string): Promise<AttachmentLink> {
  return call('GET', ATTACHMENT_ROUTES.link(id));
}
