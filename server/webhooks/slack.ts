/**
 * Integration events as Slack incoming-webhook messages: who, on which page, what they said,
 * and a link to the conversation in the console.
 */
import type { IntegrationEvent } from '../../protocol/integrations.js';

export interface SlackMessage {
  text: string;
}

/** Slack reads `&`, `<` and `>` as markup: user text must have them escaped. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function quote(text: string): string {
  const short = text.length > 600 ? `${text.slice(0, 600)}…` : text;
  return slackEscape(short)
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

function link(url: string, label: string): string {
  return `<${url.replace(/[<>|]/g, encodeURIComponent)}|${slackEscape(label).replace(/\|/g, '¦')}>`;
}

const HEADLINES: Record<IntegrationEvent['type'], string> = {
  'conversation.created': 'New conversation',
  'message.created': 'New message',
  'offline.message': 'Message left while nobody was online',
  'conversation.assigned': 'Conversation assigned',
  'conversation.closed': 'Conversation closed',
  'survey.answered': 'Survey answered',
};

/**
 * @param visitor how to name the visitor (name and/or email), when known
 * @param conversationUrl the conversation in the console
 */
export function slackMessage(
  event: IntegrationEvent,
  visitor: { name: string | null; email: string | null } | null,
  conversationUrl: string,
): SlackMessage {
  const who = [visitor?.name, visitor?.email ? `(${visitor.email})` : null].filter(Boolean).join(' ') || 'A visitor';
  const lines = [`*${HEADLINES[event.type]}* · ${slackEscape(who)}`];
  const data = event.data;
  if ('page' in data && data.page.url) lines.push(`Page: ${link(data.page.url, data.page.title || data.page.url)}`);
  if (event.type === 'message.created' || event.type === 'offline.message') {
    const author = event.data.message.author;
    if (author.kind !== 'visitor')
      lines[0] = `*${HEADLINES[event.type]}* · ${slackEscape(author.name ?? (author.kind === 'agent' ? 'An agent' : 'Pasokh'))} to ${slackEscape(who)}`;
    lines.push(quote(event.data.message.text));
  }
  if (event.type === 'survey.answered')
    lines.push(`Score ${event.data.score}/10${event.data.comment ? `\n${quote(event.data.comment)}` : ''}`);
  lines.push(link(conversationUrl, 'Open the conversation'));
  return { text: lines.join('\n') };
}
