import { useEffect, useState } from 'preact/hooks';
import type { SuggestedAnswer } from '../../protocol/answers.js';
import type { ConversationSummary } from '../../protocol/types.js';
import { useReplyFiller } from './Composer.js';
import { useConsole } from './context.js';

interface Props {
  conversation: ConversationSummary;
  /** The seq of the visitor's newest message: suggestions are asked again when it changes. */
  latestSeq: number;
}

/**
 * Answers for the visitor's latest message: FAQ entries (sent as a card the visitor opens in the
 * widget, with one click; search then learns the visitor's wording) and saved replies.
 */
export function SuggestedAnswers({ conversation, latestSeq }: Props) {
  const { t, actions } = useConsole();
  const fill = useReplyFiller(conversation);
  const [answers, setAnswers] = useState<SuggestedAnswer[]>([]);
  const [failed, setFailed] = useState<string | null>(null);
  const id = conversation.id;

  useEffect(() => {
    let current = true;
    if (latestSeq > 0)
      void actions.suggestAnswers(id).then((result) => {
        if (!current) return;
        setFailed(typeof result === 'string' ? result : null);
        setAnswers(typeof result === 'string' ? [] : result.answers);
      });
    return () => void (current = false);
  }, [id, latestSeq]);

  if (failed) return <p class="suggested-failed">{t('answers.failed', { message: failed })}</p>;
  if (!answers.length) return null;
  return (
    <section class="suggested" aria-labelledby={`suggested-${id}`}>
      <h3 id={`suggested-${id}`}>{t('answers.heading')}</h3>
      <ul aria-label={t('answers.heading')}>
        {answers.map((a) => (
          <li key={`${a.kind}-${a.id}`}>
            <span class="tag">{t(a.kind === 'faq' ? 'answers.faq' : 'answers.reply')}</span> <strong dir="auto">{a.title}</strong>{' '}
            {a.kind === 'faq' ? (
              <button type="button" class="link-button" onClick={() => actions.sendCard(id, { entryId: a.id, title: a.title })}>
                {t('answers.sendCard')}
              </button>
            ) : (
              <button type="button" class="link-button" onClick={() => actions.send(id, fill(a.text), false)}>
                {t('answers.sendReply')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
