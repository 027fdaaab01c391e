/** The panel's title bar: site name, how soon a person answers, and the close button. */
import type { Locale, Presence } from '../../protocol/types.js';
import { t } from '../i18n/runtime.js';

export interface HeaderProps {
  locale: Locale;
  title: string;
  presence: Presence | null | undefined;
  /** Whether a reply can come by email. */
  email: boolean;
  onClose: () => void;
}

/** "usually replies in about N minutes" when someone is online, an away note otherwise. */
export function presenceText(locale: Locale, presence: Presence | null | undefined, email = false): string {
  if (!presence) return '';
  if (!presence.online) return t(locale, email ? 'offlineNote' : 'offlineNoteHere');
  return presence.replyMinutes
    ? t(locale, 'onlineReplyMinutes', { minutes: presence.replyMinutes })
    : t(locale, 'onlineReplySoon');
}

export function Header({ locale, title, presence, email, onClose }: HeaderProps) {
  const note = presenceText(locale, presence, email);
  return (
    <header class="head">
      <div>
        <h2 id="pasokh-title">{title}</h2>
        {note && (
          <p class="presence">
            <span class={presence?.online ? 'dot on' : 'dot'} />
            {note}
          </p>
        )}
      </div>
      <button type="button" class="icon" aria-label={t(locale, 'close')} onClick={onClose}>
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M6 6l12 12M18 6L6 18" />
        </svg>
      </button>
    </header>
  );
}
