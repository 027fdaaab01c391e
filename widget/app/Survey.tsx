/**
 * After an agent closes the conversation: "how likely are you to recommend us", 0–10 (NPS),
 * then thanks and an optional "what could we do better?". The score is saved at once, so a
 * visitor who leaves without writing still counts; a comment follows with the same score (last
 * answer wins).
 */
import { useState } from 'preact/hooks';
import type { Locale } from '../../protocol/types.js';
import type { ChatClient } from '../chat/client.js';
import { formatNumber, t } from '../i18n/runtime.js';

/** 0 to 10. */
const SCORES = [...Array(11).keys()];

export function Survey({ client, locale, onDone }: { client: ChatClient; locale: Locale; onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');

  const answer = async (value: number, text?: string) => {
    setBusy(true);
    const ok = await client.answerSurvey(value, text, text === undefined);
    setBusy(false);
    if (!ok) return;
    if (text === undefined) setScore(value);
    else onDone();
  };
  if (score !== null) {
    return (
      <form
        class="survey"
        onSubmit={(e) => {
          e.preventDefault();
          void answer(score, comment.trim());
        }}
      >
        <p class="note" role="status">
          {t(locale, 'surveyThanks')}
        </p>
        <label>
          {t(locale, 'surveyComment')}
          <textarea
            rows={3}
            maxLength={2000}
            ref={(el) => el?.focus()}
            value={comment}
            onInput={(e) => setComment((e.currentTarget as HTMLTextAreaElement).value)}
          />
        </label>
        <button type="submit" disabled={busy}>
          {t(locale, 'sendComment')}
        </button>
      </form>
    );
  }
  return (
    <fieldset class="survey">
      <legend>{t(locale, 'surveyQuestion')}</legend>
      <div class="scores">
        {SCORES.map((value) => (
          <button
            type="button"
            key={value}
            disabled={busy}
            aria-label={t(locale, 'surveyScore', { score: value })}
            onClick={() => void answer(value)}
          >
            {formatNumber(locale, value)}
          </button>
        ))}
      </div>
      <div class="scale" aria-hidden="true">
        <span>{t(locale, 'surveyLow')}</span>
        <span>{t(locale, 'surveyHigh')}</span>
      </div>
    </fieldset>
  );
}
