import { useState } from 'preact/hooks';
import type { SavedReply } from '../lib/types.js';
import { useConsole } from './context.js';

/** Settings: create, edit and delete saved replies. */
export function SavedReplies() {
  const { t, state, actions } = useConsole();
  const [editing, setEditing] = useState<SavedReply | 'new' | null>(null);

  return (
    <main class="page replies" aria-labelledby="replies-heading">
      <div class="page-head">
        <h1 id="replies-heading">{t('replies.heading')}</h1>
        {editing === null && (
          <button type="button" class="primary" onClick={() => setEditing('new')}>
            {t('replies.add')}
          </button>
        )}
      </div>
      <p class="sub">{t('replies.help')}</p>
      {editing !== null && <ReplyForm reply={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      {state.replies.length === 0 ? (
        <p class="empty">{t('replies.empty')}</p>
      ) : (
        <ul class="reply-list">
          {state.replies.map((r) => (
            <li key={r.id} class="card">
              <h2 dir="auto">{r.title}</h2>
              <p class="reply-text" dir="auto">
                {r.text}
              </p>
              <div class="actions">
                <button type="button" onClick={() => setEditing(r)} aria-label={`${t('replies.edit')}: ${r.title}`}>
                  {t('replies.edit')}
                </button>
                <button
                  type="button"
                  class="danger"
                  aria-label={`${t('replies.delete')}: ${r.title}`}
                  onClick={() => {
                    if (confirm(t('replies.confirmDelete', { title: r.title }))) void actions.deleteReply(r.id);
                  }}
                >
                  {t('replies.delete')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}

function ReplyForm({ reply, onDone }: { reply: SavedReply | null; onDone: () => void }) {
  const { t, actions } = useConsole();
  const [title, setTitle] = useState(reply?.title ?? '');
  const [text, setText] = useState(reply?.text ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!title.trim() || !text.trim()) return;
    setBusy(true);
    const failure = await actions.saveReply(reply?.id ?? null, title.trim(), text);
    setBusy(false);
    if (failure) setError(failure);
    else onDone();
  };

  return (
    <form class="card reply-form" onSubmit={submit}>
      <label class="field">
        <span>{t('replies.title')}</span>
        <input dir="auto" required maxLength={120} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
      </label>
      <label class="field">
        <span>{t('replies.text')}</span>
        <textarea dir="auto" required rows={4} maxLength={4000} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </label>
      {error && (
        <p class="error" role="alert">
          {t('error.generic', { message: error })}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('replies.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('replies.cancel')}
        </button>
      </div>
    </form>
  );
}
