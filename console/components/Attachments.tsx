/**
 * Files in the console: a message's images as thumbnails and other files as download links
 * (each through its own short-lived signed link, asked again when it has expired), and the
 * paperclip that uploads a file into the conversation and sends it as a reply. Names are text.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  ATTACHMENT_MIMES,
  isImage,
  MAX_ATTACHMENTS_PER_MESSAGE,
  type AttachmentLink,
  type AttachmentRef,
} from '../../protocol/attachments.js';
import { ApiError } from '../lib/api.js';
import { attachmentLink, uploadAttachment } from '../lib/attachments-api.js';
import { useConsole } from './context.js';

/** A link is asked for again this long before it expires. */
const LINK_MARGIN_MS = 15_000;

function FileLink({ file }: { file: AttachmentRef }) {
  const { t } = useConsole();
  const [link, setLink] = useState<AttachmentLink | null>(null);
  useEffect(() => {
    attachmentLink(file.id).then(setLink, () => setLink(null));
  }, [file.id]);
  const open = (event: MouseEvent) => {
    if (link && Date.parse(link.expiresAt) - Date.now() > LINK_MARGIN_MS) return;
    event.preventDefault();
    attachmentLink(file.id).then(
      (fresh) => {
        setLink(fresh);
        window.open(fresh.url, '_blank', 'noopener');
      },
      () => {},
    );
  };
  const image = isImage(file.mime);
  return (
    <a
      class={image ? 'file file-image' : 'file file-doc'}
      href={link?.url}
      target="_blank"
      rel="noopener noreferrer"
      onClick={open}
    >
      {image ? (
        link && <img src={link.url} alt={file.name} loading="lazy" />
      ) : (
        <>
          <span dir="auto">{file.name}</span> ({t('attach.size', { size: Math.max(1, Math.round(file.size / 1024)) })})
        </>
      )}
    </a>
  );
}

export function MessageFiles({ files }: { files: readonly AttachmentRef[] | undefined }) {
  if (!files?.length) return null;
  return (
    <div class="msg-files">
      {files.map((file) => (
        <FileLink key={file.id} file={file} />
      ))}
    </div>
  );
}

/** Files pasted into the reply box or dropped on the composer go where the paperclip's go. */
function bindPasteAndDrop(form: HTMLFormElement | null | undefined, take: (list: File[]) => void): () => void {
  const handle = (event: Event, data: DataTransfer | null | undefined) => {
    const list = [...(data?.files ?? [])];
    if (list.length === 0) return;
    event.preventDefault();
    take(list);
  };
  const paste = (event: ClipboardEvent) => handle(event, event.clipboardData);
  const drop = (event: DragEvent) => handle(event, event.dataTransfer);
  const over = (event: DragEvent) => {
    if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
  };
  form?.addEventListener('paste', paste);
  form?.addEventListener('dragover', over);
  form?.addEventListener('drop', drop);
  return () => {
    form?.removeEventListener('paste', paste);
    form?.removeEventListener('dragover', over);
    form?.removeEventListener('drop', drop);
  };
}

/** The paperclip: uploads the picked (pasted, dropped) files, then sends them as one reply. */
export function AttachButton({
  conversationId,
  internal,
  disabled,
}: {
  conversationId: string;
  internal: boolean;
  disabled: boolean;
}) {
  const { t, actions } = useConsole();
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState('');
  const take = async (list: File[]) => {
    const refs: AttachmentRef[] = [];
    for (const file of list.slice(0, MAX_ATTACHMENTS_PER_MESSAGE)) {
      setStatus(t('attach.uploading', { name: file.name }));
      try {
        refs.push(await uploadAttachment(conversationId, file));
      } catch (error) {
        const code = error instanceof ApiError ? error.code : 'internal';
        setStatus(
          code === 'file_too_large'
            ? t('attach.tooLarge')
            : code === 'file_type_not_allowed'
              ? t('attach.wrongType')
              : t('attach.failed', { message: error instanceof Error ? error.message : String(error) }),
        );
        return;
      }
    }
    setStatus('');
    if (refs.length > 0) actions.send(conversationId, '', internal, refs);
  };
  useEffect(() => bindPasteAndDrop(input.current?.closest('form'), (list) => void take(list)), [conversationId, internal]);
  return (
    <>
      <input
        ref={input}
        type="file"
        hidden
        multiple
        accept={ATTACHMENT_MIMES.join(',')}
        onChange={(event) => {
          const element = event.currentTarget;
          void take([...(element.files ?? [])]);
          element.value = '';
        }}
      />
      <button type="button" class="link-button" disabled={disabled} onClick={() => input.current?.click()}>
        {t('attach.button')}
      </button>
      {status && (
        <span class="hint" role="status">
          {status}
        </span>
      )}
    </>
  );
}
