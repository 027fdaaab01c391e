import { useEffect, useState } from 'preact/hooks';
import type { FaqAdminList, FaqEntryRecord } from '../../protocol/faq-admin.js';
import { faqApi } from '../lib/faq-api.js';
import { useConsole } from './context.js';
import { FaqAnswerForm } from './FaqAnswerForm.js';
import { FaqAnswerList } from './FaqAnswerList.js';
import { FaqTools } from './FaqTools.js';
import { useSites } from './use-sites.js';

/** The FAQ page: a site's answers, a search over them, and the form for the one being edited. */
export function FaqEditor() {
  const { t, state, actions } = useConsole();
  const sites = useSites();
  const focus = state.faqFocus;
  const [site, setSite] = useState(focus?.site ?? '');
  const [search, setSearch] = useState('');
  const [showDeleted, setShowDeleted] = useState(false);
  const [editing, setEditing] = useState<FaqEntryRecord | 'new' | null>(null);
  const [deleted, setDeleted] = useState<FaqEntryRecord | null>(null);

  useEffect(() => setSite((current) => current || sites[0]?.key || ''), [sites]);

  const { list, error, reload } = useFaqList(site, search, showDeleted);
  // Opened from another page on one answer (a draft made from unanswered questions): show it once.
  useEffect(() => {
    const entry = focus && list?.site === focus.site ? list.entries.find((e) => e.id === focus.id) : undefined;
    if (!entry) return;
    setEditing(entry);
    actions.clearFaqFocus();
  }, [list, focus]);

  const onSaved = (entry: FaqEntryRecord) => {
    setEditing(entry);
    void reload();
  };
  const onDeleted = (entry: FaqEntryRecord) => {
    setDeleted(entry);
    setEditing(null);
    void reload();
  };
  const undo = async (target: FaqEntryRecord | null) => {
    if (!target) return;
    const { entry } = await faqApi.undo(site, target.id);
    setDeleted(null);
    setEditing(entry);
    void reload();
  };

  return (
    <main class="page faq-editor" aria-labelledby="faq-heading">
      <div class="page-head">
        <h1 id="faq-heading">{t('faq.heading')}</h1>
        {list?.editable && (
          <button type="button" class="primary" onClick={() => setEditing('new')}>
            {t('faq.new')}
          </button>
        )}
      </div>
      <FaqTools
        {...{ sites, site, setSite, search, setSearch, showDeleted, setShowDeleted }}
        canShowDeleted={list?.source === 'database'}
      />
      {list && !list.editable && <p class="sub">{t(list.source === 'files' ? 'faq.filesReadOnly' : 'faq.adminsOnly')}</p>}
      {error && (
        <p class="error" role="alert">
          {t('error.generic', { message: error })}
        </p>
      )}
      {deleted && (
        <div class="notice-bar" role="status">
          <span>{t('faq.deleted', { question: deleted.question })}</span>
          <button type="button" class="link-button" onClick={() => void undo(deleted)}>
            {t('faq.undo')}
          </button>
        </div>
      )}
      <div class="faq-columns">
        <FaqAnswerList entries={list?.entries ?? []} current={editing} onPick={setEditing} onUndo={(entry) => void undo(entry)} />
        {editing !== null && list && (
          <FaqAnswerForm
            key={editing === 'new' ? 'new' : editing.id}
            site={site}
            entry={editing === 'new' ? null : editing}
            entries={list.entries}
            editable={list.editable}
            onSaved={onSaved}
            onDeleted={onDeleted}
          />
        )}
      </div>
    </main>
  );
}

/** The site's answers matching `search`, loaded again whenever a filter changes or `reload` is called. */
function useFaqList(site: string, search: string, showDeleted: boolean) {
  const [list, setList] = useState<FaqAdminList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = () => {
    if (!site) return Promise.resolve();
    return faqApi.list(site, search, showDeleted).then(
      (next) => {
        setList(next);
        setError(null);
      },
      (err: Error) => setError(err.message),
    );
  };
  useEffect(() => void reload(), [site, search, showDeleted]);
  return { list, error, reload };
}
