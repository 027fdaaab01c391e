import { useEffect, useState } from 'preact/hooks';
import type { LearnedPhrasing } from '../../protocol/answers.js';
import { errorText } from '../lib/error-text.js';
import { learnedApi } from '../lib/learned-api.js';
import { useConsole } from './context.js';

/**
 * The wordings search learned for one answer (from helpful votes and agents' answer cards), each
 * with who taught it and whether search uses it yet; an admin removes one for good.
 */
export function LearnedPhrasings({ site, entryId }: { site: string; entryId: string }) {
  const { t } = useConsole();
  const [list, setList] = useState<{ phrasings: LearnedPhrasing[]; removable: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    learnedApi.list(site, entryId).then(setList, (err: unknown) => setError(t('error.generic', { message: errorText(err) })));
  useEffect(() => void load(), [site, entryId]);

  const remove = (id: string) =>
    learnedApi.remove(site, id).then(load, (err: unknown) => setError(t('error.generic', { message: errorText(err) })));

  if (!list?.phrasings.length && !error) return null;
  return (
    <section class="faq-learned" aria-labelledby={`learned-${entryId}`}>
      <h2 id={`learned-${entryId}`}>{t('faq.learned')}</h2>
      <p class="sub">{t('faq.learnedHelp')}</p>
      {error && <p role="alert">{error}</p>}
      <ul aria-labelledby={`learned-${entryId}`}>
        {list?.phrasings.map((p) => (
          <li key={p.id}>
            <span dir="auto">{p.text}</span>{' '}
            <span class="sub">
              {p.source === 'agent' ? t('faq.learnedAgent') : t('faq.learnedVisitors', { count: p.visitors })}
              {!p.promoted && ` · ${t('faq.learnedPending')}`}
            </span>{' '}
            {list.removable && (
              <button
                type="button"
                class="link-button"
                aria-label={`${t('faq.learnedRemove')}: ${p.text}`}
                onClick={() => void remove(p.id)}
              >
                {t('faq.learnedRemove')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
