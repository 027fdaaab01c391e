import { useEffect, useState } from 'preact/hooks';
import type { FaqEntryRecord } from '../../protocol/faq-admin.js';
import type { GapGroup, GapList, RepeatedReply } from '../../protocol/gaps.js';
import { faqApi } from '../lib/faq-api.js';
import { formatDateTime } from '../lib/format.js';
import { gapsApi } from '../lib/gaps-api.js';
import { useConsole } from './context.js';
import { useSites } from './use-sites.js';

type Notice = { text: string; error: boolean } | null;

/** What the page acts with: the site, what to say after an action, and a reload. */
interface PageActions {
  site: string;
  editable: boolean;
  entries: FaqEntryRecord[];
  run: (work: () => Promise<string | null>) => Promise<void>;
}

/**
 * The gap finder: what visitors asked and the FAQ did not answer, grouped, with a draft answer,
 * a phrasing of an existing answer or a dismissal for each group; and agent replies sent again
 * and again, to save as a reply or turn into an answer.
 */
export function Unanswered() {
  const { t } = useConsole();
  const sites = useSites();
  const [site, setSite] = useState('');
  const [list, setList] = useState<GapList | null>(null);
  const [replies, setReplies] = useState<RepeatedReply[]>([]);
  const [entries, setEntries] = useState<FaqEntryRecord[]>([]);
  const [notice, setNotice] = useState<Notice>(null);

  useEffect(() => setSite((current) => current || sites[0]?.key || ''), [sites]);
  const reload = async () => {
    if (!site) return;
    const [gaps, repeated, faq] = await Promise.all([gapsApi.list(site), gapsApi.replies(site), faqApi.list(site)]);
    setList(gaps);
    setReplies(repeated.replies);
    setEntries(faq.entries.filter((e) => !e.deletedAt));
  };
  useEffect(() => {
    reload().catch((err: Error) => setNotice({ text: t('error.generic', { message: err.message }), error: true }));
  }, [site]);

  const run = async (work: () => Promise<string | null>) => {
    try {
      const text = await work();
      setNotice(text === null ? null : { text, error: false });
      await reload();
    } catch (err) {
      setNotice({ text: t('error.generic', { message: (err as Error).message }), error: true });
    }
  };
  const actions: PageActions = { site, editable: list?.editable ?? false, entries, run };

  return (
    <main class="page gaps" aria-labelledby="gaps-heading">
      <div class="page-head">
        <h1 id="gaps-heading">{t('gaps.heading')}</h1>
        {sites.length > 1 && (
          <label class="field">
            <span>{t('gaps.site')}</span>
            <select value={site} onChange={(e) => setSite(e.currentTarget.value)}>
              {sites.map((s) => (
                <option key={s.key} value={s.key}>
                  {s.name} ({s.key})
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <p class="sub">{t('gaps.intro')}</p>
      {list && !list.editable && <p class="sub">{t('gaps.readOnly')}</p>}
      {notice && (
        <p class={notice.error ? 'error' : 'notice'} role={notice.error ? 'alert' : 'status'}>
          {notice.text}
        </p>
      )}
      <GapGroups groups={list?.groups ?? null} actions={actions} />
      <RepeatedReplies replies={replies} actions={actions} />
    </main>
  );
}

function GapGroups({ groups, actions }: { groups: GapGroup[] | null; actions: PageActions }) {
  const { t } = useConsole();
  if (groups === null) return <p class="placeholder">…</p>;
  if (groups.length === 0) return <p class="empty">{t('gaps.empty')}</p>;
  return (
    <ul class="gap-list" aria-label={t('gaps.groups')}>
      {groups.map((group) => (
        <GapCard key={group.key} group={group} actions={actions} />
      ))}
    </ul>
  );
}

/** One group: its most typical wording, how it was asked, and what to do with it. */
function GapCard({ group, actions }: { group: GapGroup; actions: PageActions }) {
  const { t, locale, actions: consoleActions } = useConsole();
  const [picking, setPicking] = useState(false);
  const draft = () =>
    actions.run(async () => {
      const { entry } = await gapsApi.draft(actions.site, group.key);
      consoleActions.openFaqEntry(actions.site, entry.id);
      return null;
    });
  const dismiss = () =>
    actions.run(async () => {
      await gapsApi.dismiss(actions.site, group.key);
      return t('gaps.dismissed', { question: group.question });
    });
  return (
    <li class="card gap">
      <h2 dir="auto">{group.question}</h2>
      <dl class="gap-facts">
        <div>
          <dt>{t('gaps.visitors')}</dt>
          <dd>{format(group.visitors, locale)}</dd>
        </div>
        <div>
          <dt>{t('gaps.asks')}</dt>
          <dd>{format(group.asks, locale)}</dd>
        </div>
        <div>
          <dt>{t('gaps.chats')}</dt>
          <dd>{format(group.chats, locale)}</dd>
        </div>
        <div>
          <dt>{t('gaps.lastAsked')}</dt>
          <dd>{formatDateTime(group.lastAskedAt, locale)}</dd>
        </div>
      </dl>
      <h3 class="gap-wordings-head">{t('gaps.alsoAsked')}</h3>
      <ul class="gap-wordings">
        {group.examples.map((example) => (
          <li key={example.text}>
            <bdi dir="auto">{example.text}</bdi> <small>×{format(example.count, locale)}</small>
          </li>
        ))}
      </ul>
      {actions.editable && (
        <div class="actions">
          <button type="button" class="primary" onClick={() => void draft()}>
            {t(group.draftId ? 'gaps.openDraft' : 'gaps.draft')}
          </button>
          <button type="button" aria-expanded={picking} onClick={() => setPicking(!picking)}>
            {t('gaps.phrasing')}
          </button>
          <button type="button" onClick={() => void dismiss()}>
            {t('gaps.dismiss')}
          </button>
        </div>
      )}
      {picking && <PhrasingPicker group={group} actions={actions} onDone={() => setPicking(false)} />}
    </li>
  );
}

/** Chooses the answer whose other ways of asking get this group's wordings. */
function PhrasingPicker({ group, actions, onDone }: { group: GapGroup; actions: PageActions; onDone: () => void }) {
  const { t } = useConsole();
  const [entryId, setEntryId] = useState(actions.entries[0]?.id ?? '');
  const add = () =>
    actions.run(async () => {
      const { entry } = await gapsApi.phrasing(actions.site, group.key, entryId);
      onDone();
      return t(entry.status === 'published' ? 'gaps.phrasingDone' : 'gaps.phrasingDraft', { question: entry.question });
    });
  return (
    <div class="gap-picker">
      <label class="field">
        <span>{t('gaps.phrasingTarget')}</span>
        <select value={entryId} onChange={(e) => setEntryId(e.currentTarget.value)}>
          {actions.entries.map((entry) => (
            <option key={entry.id} value={entry.id}>
              {entry.question}
            </option>
          ))}
        </select>
      </label>
      <button type="button" class="primary" disabled={!entryId} onClick={() => void add()}>
        {t('gaps.phrasingAdd')}
      </button>
      <button type="button" onClick={onDone}>
        {t('gaps.phrasingCancel')}
      </button>
    </div>
  );
}

/** Replies sent again and again: keep one as a saved reply, or start an FAQ answer from it. */
function RepeatedReplies({ replies, actions }: { replies: RepeatedReply[]; actions: PageActions }) {
  const { t, locale, actions: consoleActions } = useConsole();
  const save = (reply: RepeatedReply) =>
    actions.run(async () => {
      // The first words make a title the agent can find in the picker; it can be renamed later.
      const title = reply.text.split(/\s+/).slice(0, 6).join(' ').slice(0, 80);
      const error = await consoleActions.saveReply(null, title, reply.text);
      if (error) throw new Error(error);
      return t('gaps.replySaved');
    });
  const draft = (reply: RepeatedReply) =>
    actions.run(async () => {
      const { entry } = await gapsApi.replyDraft(actions.site, reply.text);
      consoleActions.openFaqEntry(actions.site, entry.id);
      return null;
    });
  return (
    <section class="card gap-replies" aria-labelledby="gap-replies-heading">
      <h2 id="gap-replies-heading">{t('gaps.replies')}</h2>
      <p class="sub">{t('gaps.repliesIntro')}</p>
      {replies.length === 0 ? (
        <p class="empty">{t('gaps.repliesEmpty')}</p>
      ) : (
        <ul class="reply-list" aria-label={t('gaps.replies')}>
          {replies.map((reply) => (
            <li key={reply.text} class="gap-reply">
              <p class="reply-text" dir="auto">
                {reply.text}
              </p>
              <p class="sub">
                {t('gaps.sent', {
                  count: reply.count,
                  conversations: reply.conversations,
                  when: formatDateTime(reply.lastSentAt, locale),
                })}
              </p>
              {reply.question && (
                <p class="sub" dir="auto">
                  {t('gaps.askedBefore', { question: reply.question })}
                </p>
              )}
              <div class="actions">
                <button type="button" onClick={() => void save(reply)}>
                  {t('gaps.saveReply')}
                </button>
                {actions.editable && (
                  <button type="button" onClick={() => void draft(reply)}>
                    {t('gaps.makeFaq')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const format = (n: number, locale: string) => new Intl.NumberFormat(locale === 'fa' ? 'fa-IR' : 'en-US').format(n);
