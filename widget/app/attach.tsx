/**
 * The attachment chunk (a dynamic import of ChatView, apart from the chat chunk and its size
 * budget): the paperclip button with paste and drag-and-drop, the upload, and the files of a
 * message as thumbnails (images) or download links (PDF). Links are short-lived and signed, so
 * each file asks for its own when shown, and again when one is opened after it expired. Names
 * are rendered as text, never as HTML.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  ATTACHMENT_MIMES,
  MAX_ATTACHMENTS_PER_MESSAGE,
  isImage,
  type AttachmentLink,
  type AttachmentRef,
} from '../../protocol/attachments.js';
import type { Locale } from '../../protocol/types.js';
import type { ChatClient } from '../chat/client.js';
import { attachStrings, type AttachKey } from '../i18n/attach-strings.js';
import { addStrings, t } from '../i18n/runtime.js';
import css from './attach.css?inline';
import { injectStyle } from './inject-style.js';

addStrings(attachStrings);

/** A link is asked for again this long before it expires. */
const LINK_MARGIN_MS = 15_000;

const REFUSALS: Record<string, AttachKey> = {
  file_too_large: 'fileTooLarge',
  file_type_not_allowed: 'fileTypeNotAllowed',
};

/** A call to the Pasokh server as this visitor; rejects with the error code. */
async function call<T>(client: ChatClient, path: string, init: RequestInit = {}): Promise<T> {
  const { origin, site, token } = client.server();
  const url = `${origin}${path}${path.includes('?') ? '&' : '?'}site=${encodeURIComponent(site)}`;
  const response = await fetch(url, { ...init, headers: { ...init.headers, authorization: `Bearer ${token ?? ''}` } });
  const body = (await response.json().catch(() => ({}))) as T & { error?: { code: string } };
  if (!response.ok) throw body.error?.code ?? 'internal';
  return body;
}

function upload(client: ChatClient, file: File): Promise<AttachmentRef> {
  return call(client, `/api/attachments?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: file,
  });
}

function linkFor(client: ChatClient, id: string): Promise<AttachmentLink> {
  return call(client, `/api/attachments/${encodeURIComponent(id)}/link`);
}

function FileLink({ file, client, locale }: { file: AttachmentRef; client: ChatClient; locale: Locale }) {
  const [link, setLink] = useState<AttachmentLink | null>(null);
  useEffect(() => {
    linkFor(client, file.id).then(setLink, () => setLink(null));
  }, [file.id]);
  const href = link ? client.server().origin + link.url : undefined;
  const open = (event: MouseEvent) => {
    if (link && Date.parse(link.expiresAt) - Date.now() > LINK_MARGIN_MS) return;
    event.preventDefault();
    linkFor(client, file.id).then(
      (fresh) => {
        setLink(fresh);
        window.open(client.server().origin + fresh.url, '_blank', 'noopener');
      },
      () => {},
    );
  };
  const image = isImage(file.mime);
  return (
    <a class={image ? 'file image' : 'file doc'} href={href} target="_blank" rel="noopener noreferrer" onClick={open}>
      {image ? (
        href && <img src={href} alt={file.name} loading="lazy" />
      ) : (
        <>
          <span dir="auto">{file.name}</span> ({t(locale, 'fileSize', { size: Math.max(1, Math.round(file.size / 1024)) })})
        </>
      )}
    </a>
  );
}

/** A message's files; nothing when it has none. */
export function files(list: readonly AttachmentRef[] | undefined, client: ChatClient, locale: Locale) {
  if (!list?.length) return null;
  return (
    <div class="files">
      {list.map((file) => (
        <FileLink key={file.id} file={file} client={client} locale={locale} />
      ))}
    </div>
  );
}

/** Shadow roots that have the chunk's stylesheet already. */
const styled = new WeakSet<Node>();

/** Paste into the message box and drops on the chat send files as the button does. */
function bindPasteAndDrop(input: HTMLInputElement, take: (list: File[]) => void): () => void {
  const form = input.closest('form');
  const view = input.closest<HTMLElement>('.chat-view');
  const picked = (data: DataTransfer | null) => [...(data?.files ?? [])];
  const paste = (event: ClipboardEvent) => {
    const list = picked(event.clipboardData);
    if (list.length === 0) return;
    event.preventDefault();
    take(list);
  };
  const over = (event: DragEvent) => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    view?.classList.add('dropping');
  };
  const leave = () => view?.classList.remove('dropping');
  const drop = (event: DragEvent) => {
    leave();
    const list = picked(event.dataTransfer);
    if (list.length === 0) return;
    event.preventDefault();
    take(list);
  };
  form?.addEventListener('paste', paste);
  view?.addEventListener('dragover', over);
  view?.addEventListener('dragleave', leave);
  view?.addEventListener('drop', drop);
  return () => {
    form?.removeEventListener('paste', paste);
    view?.removeEventListener('dragover', over);
    view?.removeEventListener('dragleave', leave);
    view?.removeEventListener('drop', drop);
  };
}

function AttachButton({ client, locale }: { client: ChatClient; locale: Locale }) {
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState('');
  const take = async (list: File[]) => {
    const refs: AttachmentRef[] = [];
    for (const file of list.slice(0, MAX_ATTACHMENTS_PER_MESSAGE)) {
      setStatus(t(locale, 'uploading', { name: file.name }));
      try {
        refs.push(await upload(client, file));
      } catch (code) {
        setStatus(t(locale, REFUSALS[String(code)] ?? 'uploadFailed'));
        return;
      }
    }
    setStatus('');
    if (refs.length > 0) client.send('', refs);
  };
  useEffect(() => {
    const element = input.current!;
    const root = element.getRootNode();
    if (!styled.has(root)) {
      styled.add(root);
      injectStyle(root as ShadowRoot, css);
    }
    return bindPasteAndDrop(element, (list) => void take(list));
  }, [locale]);
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
      <button
        type="button"
        class="attach"
        aria-label={t(locale, 'attach')}
        title={t(locale, 'attach')}
        onClick={() => input.current?.click()}
      >
        <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2">
          <path d="M21 11.5l-8.5 8.5a5.5 5.5 0 0 1-7.8-7.8l9-9a3.7 3.7 0 0 1 5.2 5.2l-9 9a1.8 1.8 0 0 1-2.6-2.6l8.3-8.3" />
        </svg>
      </button>
      {status && (
        <p class="attach-status" role="status">
          {status}
        </p>
      )}
    </>
  );
}

/** The paperclip for the composer. */
export function button(client: ChatClient, locale: Locale) {
  return <AttachButton client={client} locale={locale} />;
}

export type AttachKit = typeof import('./attach.js');
