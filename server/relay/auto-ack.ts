/**
 * The immediate acknowledgement a visitor's first message gets: a system message in
 * the visitor's language that says when to expect a person.
 */
import type { Locale, Presence } from '../../protocol/types.js';

const faDigits = new Intl.NumberFormat('fa-IR');

/** The acknowledgement's text; `email` is set when the message was left while nobody was online. */
export function autoAckText(locale: Locale, presence: Presence, email?: string): string {
  if (email) {
    return locale === 'fa'
      ? `پیامتان رسید. به‌محض اینکه یکی از همکاران ما آنلاین شود، به ${email} پاسخ می‌دهیم.`
      : `Thanks, we got your message. We will reply to ${email} as soon as someone is back.`;
  }
  if (!presence.online) {
    return locale === 'fa'
      ? 'پیامتان رسید. الان کسی آنلاین نیست؛ پاسخ را همین‌جا خواهید دید.'
      : 'Thanks, we got your message. Nobody is online right now; the reply will appear here.';
  }
  if (presence.replyMinutes !== null) {
    const n = presence.replyMinutes;
    return locale === 'fa'
      ? `پیامتان رسید. معمولاً ظرف حدود ${faDigits.format(n)} دقیقه پاسخ می‌دهیم.`
      : `Thanks, we got your message. We usually reply in about ${n} minute${n === 1 ? '' : 's'}.`;
  }
  return locale === 'fa'
    ? 'پیامتان رسید. یکی از همکاران ما به‌زودی پاسخ می‌دهد.'
    : 'Thanks, we got your message. Someone will be with you shortly.';
}

/** Picks the visitor's language: what the page said, else the site's. */
export function visitorLocale(contextLocale: string | undefined | null, siteLocale: Locale): Locale {
  if (contextLocale?.toLowerCase().startsWith('fa')) return 'fa';
  if (contextLocale?.toLowerCase().startsWith('en')) return 'en';
  return siteLocale;
}

/** A deterministic clientId, so a retried first message can never produce two acknowledgements. */
export function autoAckClientId(conversationId: string): string {
  return `auto-ack-${conversationId}`;
}
