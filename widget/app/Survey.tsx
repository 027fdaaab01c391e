/** After an agent closes the conversation: "how likely are you to recommend us", 0–10 (NPS). */
import { useState } from 'preact/hooks';
import type { Locale } from '../../protocol/types.js';
import type { ChatClient } from '../chat/client.js';
import { formatNumber, t } from '../i18n/runtime.js';

const SCORES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

export function Survey({ client, locale, onDone }: { client: ChatClient; locale: Locale; onDone: () => void }) {
  const [busy, setBusy] = useState(false);

  const answer = async (score: number) => {
    setBusy(true);
    const ok = await client.answerSurvey(score);
    setBusy(false);
    if (ok) onDone();
  };
  return (
    <fieldset class="survey">
      <legend>{t(locale, 'surveyQuestion')}</legend>
      <div class="scores">
        {SCORES.map((score) => (
          <button type="button" key={score} disabled={busy} aria-label={t(locale, 'surveyScore', { score })} onClick={() => void answer(score)}>
            {formatNumber(locale, score)}
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
