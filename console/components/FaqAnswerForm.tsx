import { LearnedPhrasings } from './LearnedPhrasings.js';
import { useEffect, useState } from 'preact/hooks';
import type { FaqContent, FaqEntryRecord, FaqRevisionRecord } from '../../protocol/faq-admin.js';
import type { Locale } from '../../protocol/types.js';
import { faqApi, splitList } from '../lib/faq-api.js';
import { useConsole } from './context.js';

interface FormProps {
  site: string;
  /** null: a new answer. */
  entry: FaqEntryRecord | null;
  /** The site's answers: candidates for "the same answer in the other language". */
  entries: FaqEntryRecord[];
  editable: boolean;
  onSaved: (entry: FaqEntryRecord) => void;
  onDeleted: (entry: FaqEntryRecord) => void;
}

const PREVIEW_DELAY_MS = 250;

/** The answer's Markdown as visitors will see it, rendered by the server's own sanitiser. */
function usePreview(markdown: string): string {
  const [html, setHtml] = useState('');
  useEffect(() => {
    if (!markdown.trim()) return setHtml('');
    const timer = setTimeout(
      () =>
        faqApi.preview(markdown).then(
          ({ html }) => setHtml(html),
          () => {},
        ),
      PREVIEW_DELAY_MS,
    );
    return () => clearTimeout(timer);
  }, [markdown]);
  return html;
}

/** Edit one answer: question, Markdown with a live preview, keywords, phrasings, language, link. */
export function FaqAnswerForm({ site, entry, entries, editable, onSaved, onDeleted }: FormProps) {
  const { t } = useConsole();
  const [locale, setLocale] = useState<Locale>(entry?.locale ?? 'en');
  const [question, setQuestion] = useState(entry?.question ?? '');
  const [answer, setAnswer] = useState(entry?.answer ?? '');
  const [keywords, setKeywords] = useState(entry?.keywords.join(', ') ?? '');
  const [phrasings, setPhrasings] = useState(entry?.phrasings.join('\n') ?? '');
  const [category, setCategory] = useState(entry?.category ?? '');
  const [translationOf, setTranslationOf] = useState(entry?.translationOf ?? '');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const content = (): FaqContent => ({
    locale,
    question: question.trim(),
    answer,
    keywords: splitList(keywords),
    phrasings: splitList(phrasings, /\n/),
    category: category.trim() || null,
    translationOf: translationOf || null,
  });
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (err) {
      setMessage({ text: t('error.generic', { message: (err as Error).message }), error: true });
    } finally {
      setBusy(false);
    }
  };
  const save = (publish: boolean) =>
    run(async () => {
      const { entry: saved } = entry
        ? await faqApi.save(site, entry.id, content(), publish, entry.revision)
        : await faqApi.create(site, content(), publish);
      setMessage({ text: t(publish ? 'faq.publishedNow' : 'faq.savedDraft'), error: false });
      onSaved(saved);
    });
  const remove = () => entry && run(async () => onDeleted((await faqApi.remove(site, entry.id)).entry));
  const submit = (e: Event) => {
    e.preventDefault();
    void save(true);
  };

  return (
    <form class="card faq-form" onSubmit={submit}>
      <fieldset disabled={!editable || busy}>
        <label class="field">
          <span>{t('faq.language')}</span>
          <select value={locale} onChange={(e) => setLocale(e.currentTarget.value as Locale)}>
            <option value="en">English</option>
            <option value="fa">فارسی</option>
          </select>
        </label>
        <label class="field">
          <span>{t('faq.question')}</span>
          <input dir="auto" required maxLength={500} value={question} onInput={(e) => setQuestion(e.currentTarget.value)} />
        </label>
        <AnswerWithPreview answer={answer} setAnswer={setAnswer} />
        <MoreFields
          {...{ keywords, setKeywords, phrasings, setPhrasings, category, setCategory, translationOf, setTranslationOf }}
          others={entries.filter((e) => e.id !== entry?.id && e.locale !== locale)}
        />
        {message && (
          <p class={message.error ? 'error' : 'sub'} role={message.error ? 'alert' : 'status'}>
            {message.text}
          </p>
        )}
        {editable && <FormActions onDraft={() => void save(false)} {...(entry ? { onDelete: () => void remove() } : {})} />}
      </fieldset>
      {entry && <Revisions site={site} entry={entry} editable={editable} onRestored={onSaved} />}
      {entry && <LearnedPhrasings site={site} entryId={entry.id} />}
    </form>
  );
}

/** The Markdown beside what visitors will see. */
function AnswerWithPreview({ answer, setAnswer }: { answer: string; setAnswer: (value: string) => void }) {
  const { t } = useConsole();
  const preview = usePreview(answer);
  return (
    <div class="faq-answer">
      <label class="field">
        <span>{t('faq.answer')}</span>
        <textarea
          dir="auto"
          required
          rows={10}
          maxLength={20000}
          value={answer}
          onInput={(e) => setAnswer(e.currentTarget.value)}
        />
      </label>
      <section class="faq-preview" aria-label={t('faq.preview')}>
        <h2>{t('faq.preview')}</h2>
        <div dir="auto" class="article" dangerouslySetInnerHTML={{ __html: preview }} />
      </section>
    </div>
  );
}

/** Publish submits the form; a new answer has nothing to delete yet. */
function FormActions({ onDraft, onDelete }: { onDraft: () => void; onDelete?: () => void }) {
  const { t } = useConsole();
  return (
    <div class="actions">
      <button type="submit" class="primary">
        {t('faq.publish')}
      </button>
      <button type="button" onClick={onDraft}>
        {t('faq.saveDraft')}
      </button>
      {onDelete && (
        <button type="button" class="danger" onClick={onDelete}>
          {t('faq.delete')}
        </button>
      )}
    </div>
  );
}

interface MoreProps {
  keywords: string;
  setKeywords: (v: string) => void;
  phrasings: string;
  setPhrasings: (v: string) => void;
  category: string;
  setCategory: (v: string) => void;
  translationOf: string;
  setTranslationOf: (v: string) => void;
  others: FaqEntryRecord[];
}

function MoreFields(p: MoreProps) {
  const { t } = useConsole();
  return (
    <>
      <label class="field">
        <span>{t('faq.keywords')}</span>
        <input dir="auto" value={p.keywords} onInput={(e) => p.setKeywords(e.currentTarget.value)} />
      </label>
      <label class="field">
        <span>{t('faq.phrasings')}</span>
        <textarea dir="auto" rows={3} value={p.phrasings} onInput={(e) => p.setPhrasings(e.currentTarget.value)} />
      </label>
      <label class="field">
        <span>{t('faq.category')}</span>
        <input dir="auto" maxLength={120} value={p.category} onInput={(e) => p.setCategory(e.currentTarget.value)} />
      </label>
      <label class="field">
        <span>{t('faq.translationOf')}</span>
        <select value={p.translationOf} onChange={(e) => p.setTranslationOf(e.currentTarget.value)}>
          <option value="">{t('faq.noTranslation')}</option>
          {p.others.map((o) => (
            <option key={o.id} value={o.id}>
              {o.question}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}

function Revisions({
  site,
  entry,
  editable,
  onRestored,
}: {
  site: string;
  entry: FaqEntryRecord;
  editable: boolean;
  onRestored: (entry: FaqEntryRecord) => void;
}) {
  const { t, locale } = useConsole();
  const [revisions, setRevisions] = useState<FaqRevisionRecord[] | null>(null);
  const load = () =>
    void faqApi.revisions(site, entry.id).then(
      ({ revisions }) => setRevisions(revisions),
      () => setRevisions([]),
    );
  return (
    <details class="faq-revisions" onToggle={(e) => (e.currentTarget as HTMLDetailsElement).open && load()}>
      <summary>{t('faq.revisions')}</summary>
      <ol>
        {(revisions ?? []).map((r) => (
          <li key={r.revision}>
            <span dir="auto">
              {new Date(r.savedAt).toLocaleString(locale === 'fa' ? 'fa-IR' : 'en-US')} ·{' '}
              {t(r.status === 'published' ? 'faq.published' : 'faq.draft')} · {r.content.question}
            </span>
            {editable && r.revision !== entry.revision && (
              <button
                type="button"
                class="link-button"
                onClick={() => void faqApi.restore(site, entry.id, r.revision).then(({ entry }) => onRestored(entry))}
              >
                {t('faq.restore')}
              </button>
            )}
          </li>
        ))}
      </ol>
    </details>
  );
}
