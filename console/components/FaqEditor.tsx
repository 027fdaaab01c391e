import { useEffect, useState } from 'preact/hooks';
import type { FaqAdminList, FaqEntryRecord } from '../../protocol/faq-admin.js';
import { api } from '../lib/api.js';
import { faqApi } from '../lib/faq-api.js';
import type { SiteSummary } from '../lib/types.js';
import { useConsole } from './context.js';
import { FaqAnswerForm } from './FaqAnswerForm.js';

/** The FAQ page: a site's answers, a search over them, and the form for the one being edited. */
export function FaqEditor() {
  const { t, state, actions } = useConsole();
  const sites = useSites();
  const focus = state.faqFocus;
  const [site, setSite] = useState(focus?.site ?? '');
  const [search, setSearch] = useState('');
  const [showDeleted, setShowDeleted] = useState(false);
  const [list, setList] = useState<FaqAdminList | null>(null);
  const [editing, setEditing] = useState<FaqEntryRecord | 'new' | null>(null);
  const [deleted, setDeleted] = useState<FaqEntryRecord | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => setSite((current) => current || sites[0]?.key || ''), [sites]);

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
        <AnswerList entries={list?.entries ?? []} current={editing} onPick={setEditing} onUndo={(entry) => void undo(entry)} />
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

/** Loads the sites the agent serves, once. */
export function useSites(): SiteSummary[] {
  const [sites, setSites] = useState<SiteSummary[]>([]);
  useEffect(() => {
    api.sites().then(
      ({ sites }) => setSites(sites),
      () => setSites([]),
    );
  }, []);
  return sites;
}

interface ToolsProps {
  sites: SiteSummary[];
  site: string;
  setSite: (site: string) => void;
  search: string;
  setSearch: (search: string) => void;
  showDeleted: boolean;
  setShowDeleted: (show: boolean) => void;
  canShowDeleted: boolean;
}

/** Which site, a search over its answers, and whether deleted ones are listed. */
function FaqTools(p: ToolsProps) {
  const { t } = useConsole();
  return (
    <div class="faq-tools">
      {p.sites.length > 1 && (
        <label class="field">
          <span>{t('faq.site')}</span>
          <select value={p.site} onChange={(e) => p.setSite(e.currentTarget.value)}>
            {p.sites.map((s) => (
              <option key={s.key} value={s.key}>
                {s.name} ({s.key})
              </option>
            ))}
          </select>
        </label>
      )}
      <label class="field">
        <span>{t('faq.search')}</span>
        <input type="search" dir="auto" value={p.search} onInput={(e) => p.setSearch(e.currentTarget.value)} />
      </label>
      {p.canShowDeleted && (
        <label class="check">
          <input type="checkbox" checked={p.showDeleted} onChange={(e) => p.setShowDeleted(e.currentTarget.checked)} />{' '}
          {t('faq.showDeleted')}
        </label>
      )}
    </div>
  );
}

interface ListProps {
  entries: FaqEntryRecord[];
  current: FaqEntryRecord | 'new' | null;
  onPick: (entry: FaqEntryRecord) => void;
  onUndo: (entry: FaqEntryRecord) => void;
}

function AnswerList({ entries, current, onPick, onUndo }: ListProps) {
  const { t } = useConsole();
  if (entries.length === 0) return <p class="empty">{t('faq.empty')}</p>;
  const language = (entry: FaqEntryRecord) => (entry.locale === 'fa' ? 'فارسی' : 'English');
  return (
    <ul class="faq-list" aria-label={t('faq.answers')}>
      {entries.map((entry) => (
        <li key={entry.id}>
          {entry.deletedAt ? (
            <div class="faq-item faq-deleted">
              <span dir="auto">{entry.question}</span>
              <small>
                {language(entry)} · {t('faq.deletedUndo')}{' '}
                <button
                  type="button"
                  class="link-button"
                  aria-label={`${t('faq.undo')}: ${entry.question}`}
                  onClick={() => onUndo(entry)}
                >
                  {t('faq.undo')}
                </button>
              </small>
            </div>
          ) : (
            <button
              type="button"
              class="faq-item"
              aria-current={current !== 'new' && current?.id === entry.id ? 'true' : undefined}
              onClick={() => onPick(entry)}
            >
              <span dir="auto">{entry.question}</span>
              <small>
                {language(entry)} · {t(entry.status === 'published' ? 'faq.published' : 'faq.draft')}
              </small>
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
