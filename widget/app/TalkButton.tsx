/** "Talk to a person": reachable from every FAQ view, so the visitor is never stuck in search. */
import type { Locale } from '../../protocol/types.js';
import { t } from '../i18n/runtime.js';

export function TalkButton({ locale, onTalk }: { locale: Locale; onTalk: () => void }) {
  return (
    <div class="talk">
      <button type="button" class="primary" onClick={onTalk}>
        {t(locale, 'talkToPerson')}
      </button>
    </div>
  );
}
