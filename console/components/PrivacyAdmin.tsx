import { useEffect, useState } from 'preact/hooks';
import type { AuditEntry } from '../../protocol/privacy.js';
import { ApiError, api } from '../lib/api.js';
import { formatDateTime } from '../lib/format.js';
import { useConsole } from './context.js';
import { errorText } from '../lib/error-text.js';

/** Saves `data` as a JSON file through a temporary download link. */
function download(name: string, data: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Admin only: export or erase a visitor by id or email, and the audit log of admin actions. */
export function PrivacyAdmin() {
  const { t } = useConsole();
  const [ref, setRef] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [entries, setEntries] = useState<AuditEntry[]>([]);

  const refresh = () =>
    api.audit().then(
      (r) => setEntries(r.entries),
      () => undefined,
    );
  useEffect(() => {
    void refresh();
  }, []);

  const fail = (e: unknown) =>
    setMessage({
      ok: false,
      text: e instanceof ApiError && e.status === 404 ? t('privacy.notFound') : t('error.generic', { message: errorText(e) }),
    });

  const exportData = async () => {
    try {
      const { visitors } = await api.exportVisitor(ref.trim());
      download(`pasokh-visitor-${visitors[0]?.visitor.id ?? 'export'}.json`, visitors.length === 1 ? visitors[0] : visitors);
      setMessage({ ok: true, text: t('privacy.exported', { count: visitors.length }) });
    } catch (e) {
      fail(e);
    }
    await refresh();
  };

  const erase = async () => {
    if (!confirm(t('privacy.confirmErase', { ref: ref.trim() }))) return;
    try {
      const { erased } = await api.eraseVisitor(ref.trim());
      const sum = (key: 'messages' | 'conversations') => erased.reduce((n, r) => n + r[key], 0);
      setMessage({ ok: true, text: t('privacy.erased', { messages: sum('messages'), conversations: sum('conversations') }) });
      setRef('');
    } catch (e) {
      fail(e);
    }
    await refresh();
  };

  return (
    <section class="privacy" aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">{t('privacy.heading')}</h2>
      <form
        class="card"
        onSubmit={(e) => {
          e.preventDefault();
          void exportData();
        }}
      >
        <label>
          {t('privacy.ref')}
          <input
            type="text"
            dir="ltr"
            required
            value={ref}
            onInput={(e) => setRef((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <div class="actions">
          <button type="submit">{t('privacy.export')}</button>
          <button type="button" class="danger" disabled={ref.trim() === ''} onClick={() => void erase()}>
            {t('privacy.erase')}
          </button>
        </div>
        {message && (
          <p class={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'}>
            {message.text}
          </p>
        )}
      </form>
      <AuditLog entries={entries} />
    </section>
  );
}

/** The audit log: who exported, erased or changed what, newest first. */
function AuditLog({ entries }: { entries: AuditEntry[] }) {
  const { t, locale } = useConsole();
  return (
    <>
      <h2 id="audit-heading">{t('audit.heading')}</h2>
      <div class="card">
        <table aria-labelledby="audit-heading">
          <thead>
            <tr>
              <th scope="col">{t('audit.at')}</th>
              <th scope="col">{t('audit.actor')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.target')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>{formatDateTime(entry.at, locale)}</td>
                <td dir="ltr">{entry.actor}</td>
                <td dir="ltr">{entry.action}</td>
                <td dir="ltr">{entry.target}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {entries.length === 0 && <p class="placeholder">{t('audit.empty')}</p>}
      </div>
    </>
  );
}
