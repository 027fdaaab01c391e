import type { FaqEntryRecord } from '../../protocol/faq-admin.js';
import { useConsole } from './context.js';

interface ListProps {
  entries: FaqEntryRecord[];
  current: FaqEntryRecord | 'new' | null;
  onPick: (entry: FaqEntryRecord) => void;
  onUndo: (entry: FaqEntryRecord) => void;
}

/** The site's answers: each opens in the form; a deleted one offers "Undo". */
export function FaqAnswerList({ entries, current, onPick, onUndo }: ListProps) {
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
