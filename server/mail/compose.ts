/**
 * The emails Pasokh writes, as plain text: to agents in English (the console's default), to
 * visitors in their language. User text is carried as text, never as markup.
 */
import type { Locale, Message } from '../../protocol/types.js';
import type { OutgoingMail } from './transport.js';
import { REPLY_MARKER } from './reply-text.js';

function who(visitor: { name: string | null; email: string | null }): string {
  return [visitor.name, visitor.email ? `<${visitor.email}>` : null].filter(Boolean).join(' ') || 'A visitor';
}

/** An offline message, to the site's agents. */
export function offlineNotice(input: {
  siteName: string;
  visitor: { name: string | null; email: string | null };
  page: string | undefined;
  message: Message;
  conversationUrl: string;
  to: string[];
}): OutgoingMail {
  return {
    to: input.to,
    subject: `[${input.siteName}] Message from ${who(input.visitor)}`,
    text: [
      `${who(input.visitor)} left a message while nobody was online${input.page ? ` on ${input.page}` : ''}:`,
      '',
      input.message.text,
      '',
      `Answer in the console: ${input.conversationUrl}`,
      'Your reply there is emailed to the visitor if they have left the page.',
    ].join('\n'),
  };
}

/** A conversation nobody has claimed for a while, to the site's agents. */
export function unclaimedAlert(input: {
  siteName: string;
  visitor: { name: string | null; email: string | null };
  waitingMinutes: number;
  lastText: string | null;
  conversationUrl: string;
  to: string[];
}): OutgoingMail {
  return {
    to: input.to,
    subject: `[${input.siteName}] ${who(input.visitor)} has waited ${input.waitingMinutes} min`,
    text: [
      `${who(input.visitor)} has been waiting ${input.waitingMinutes} minutes and nobody has claimed the conversation.`,
      ...(input.lastText ? ['', input.lastText] : []),
      '',
      `Claim it: ${input.conversationUrl}`,
    ].join('\n'),
  };
}

const VISITOR_TEXT: Record<
  Locale,
  { subject: (site: string) => string; intro: (agent: string) => string; link: string; reply: string }
> = {
  en: {
    subject: (site) => `Re: your message to ${site}`,
    intro: (agent) => `${agent} replied:`,
    link: 'Continue the conversation on our site:',
    reply: 'Or simply reply to this email.',
  },
  fa: {
    subject: (site) => `پاسخ به پیام شما به ${site}`,
    intro: (agent) => `${agent} پاسخ داد:`,
    link: 'گفتگو را در سایت ما ادامه دهید:',
    reply: 'یا به همین ایمیل پاسخ دهید.',
  },
};

/** An agent's reply, to a visitor who has left: the text, a reopen link, and a reply address. */
export function replyToVisitor(input: {
  siteName: string;
  locale: Locale;
  to: string;
  message: Message;
  reopenUrl: string;
  replyTo: string;
  conversationId: string;
  domain: string;
}): OutgoingMail {
  const text = VISITOR_TEXT[input.locale];
  const agent = input.message.author.name ?? input.siteName;
  return {
    to: input.to,
    subject: text.subject(input.siteName),
    replyTo: input.replyTo,
    references: `<conversation-${input.conversationId}@${input.domain}>`,
    text: [REPLY_MARKER, '', text.intro(agent), '', input.message.text, '', text.link, input.reopenUrl, '', text.reply].join(
      '\n',
    ),
  };
}

const TRANSCRIPT_TEXT: Record<Locale, { subject: (site: string) => string; you: string; intro: string }> = {
  en: { subject: (site) => `Your conversation with ${site}`, you: 'You', intro: 'Here is the conversation you had with us:' },
  fa: { subject: (site) => `گفتگوی شما با ${site}`, you: 'شما', intro: 'این گفتگوی شما با ماست:' },
};

/** A closed conversation's transcript, to its visitor: who said what, when (UTC). */
export function transcriptMail(input: { siteName: string; locale: Locale; to: string; messages: Message[] }): OutgoingMail {
  const text = TRANSCRIPT_TEXT[input.locale];
  const lines = input.messages.map((m) => {
    const who = m.author.kind === 'visitor' ? text.you : (m.author.name ?? input.siteName);
    return `[${m.createdAt.slice(0, 16).replace('T', ' ')}] ${who}:\n${m.text}`;
  });
  return {
    to: input.to,
    subject: text.subject(input.siteName),
    text: [text.intro, '', ...lines.flatMap((l) => [l, ''])].join('\n'),
  };
}
