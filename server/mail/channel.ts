/**
 * Email as a delivery channel. From the outbox events it decides who gets what, and when:
 * an offline message goes to the agents at once; an agent's reply goes to the visitor when
 * the conversation was left offline, or once the visitor has had no widget open for a while;
 * a conversation still unclaimed after a while alerts the agents. Whether the later ones are
 * still needed is decided when they are due.
 */
import { siteName } from '../sites.js';
import type { IntegrationEvent } from '../../protocol/integrations.js';
import type { Message } from '../../protocol/types.js';
import type { Config } from '../config.js';
import { servesSite } from '../auth/agent-sites.js';
import type { AttemptOutcome, DeliveryChannel } from '../outbox/worker.js';
import { visitorLocale } from '../relay/auto-ack.js';
import type { ClaimedDelivery, NewDelivery, Store } from '../store/store.js';
import { offlineNotice, replyToVisitor, unclaimedAlert } from './compose.js';
import { replyAddress, signConversation } from './tokens.js';
import type { Mailer, OutgoingMail } from './transport.js';

export interface MailChannelDeps {
  config: Config;
  store: Store;
  mailer: Mailer;
  secret: string;
  /** Whether the visitor has the widget open anywhere (any process). */
  visitorOnline: (visitorId: string) => Promise<boolean>;
  conversationUrl: (conversationId: string) => string;
}

const TO_AGENTS = 'mail:agents';
const TO_VISITOR = 'mail:visitor';
const UNCLAIMED = 'mail:unclaimed';

export function reopenUrl(config: Config, secret: string, conversationId: string, now = Date.now()): string {
  return `${config.publicUrl}/r/${signConversation(secret, 'reopen', conversationId, now + config.mail.linkMs)}`;
}

async function send(mailer: Mailer, mail: OutgoingMail, destination: string): Promise<AttemptOutcome> {
  if ((Array.isArray(mail.to) ? mail.to : [mail.to]).length === 0)
    return { ok: false, permanent: true, responseCode: null, error: `No ${destination} to write to.` };
  try {
    await mailer.send(mail);
    return { ok: true, responseCode: null, error: null };
  } catch (error) {
    return {
      ok: false,
      responseCode: (error as { responseCode?: number }).responseCode ?? null,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

/** Which emails an event calls for, and from when. */
async function route(deps: MailChannelDeps, event: IntegrationEvent): Promise<NewDelivery[]> {
  const settings = deps.config.mail;
  const at = (ms: number) => new Date(Date.now() + ms).toISOString();
  if (event.type === 'offline.message') return [{ endpoint: TO_AGENTS, target: 'mail', destination: 'agents' }];
  if (event.type === 'conversation.created' && settings.unclaimedAlertMs > 0) {
    return [{ endpoint: UNCLAIMED, target: 'mail', destination: 'agents', notBefore: at(settings.unclaimedAlertMs) }];
  }
  if (event.type === 'message.created' && event.data.message.author.kind === 'agent') {
    const [visitor, conversation] = await Promise.all([
      deps.store.getVisitor(event.data.visitorId),
      deps.store.getConversation(event.data.conversationId),
    ]);
    if (!visitor?.email || !conversation) return [];
    const delivery: NewDelivery = { endpoint: TO_VISITOR, target: 'mail', destination: visitor.email };
    // An offline conversation's visitor is gone by definition; anyone else gets a while to come back.
    if (!conversation.offline) delivery.notBefore = at(settings.visitorAwayMs);
    return [delivery];
  }
  return [];
}

/**
 * The agent's replies since the visitor last wrote, ending with the one at `seq`: one email
 * carries a run of replies. Null when a later reply exists, whose own email will carry it.
 */
async function unansweredReplies(store: Store, conversationId: string, lastSeq: number, seq: number): Promise<Message[] | null> {
  const recent = await store.listMessages(conversationId, { afterSeq: Math.max(0, lastSeq - 50), includeInternal: false });
  if (recent.some((m) => m.seq > seq && m.author.kind === 'agent')) return null;
  const upTo = recent.filter((m) => m.seq <= seq);
  const lastVisitor = upTo.reduce((at, m) => (m.author.kind === 'visitor' ? m.seq : at), 0);
  return upTo.filter((m) => m.seq > lastVisitor && m.author.kind === 'agent');
}

export function createMailChannel(deps: MailChannelDeps): DeliveryChannel {
  const { config, store, mailer, secret } = deps;
  const settings = config.mail;
  const nameOf = (key: string) => {
    const site = config.sites.find((s) => s.key === key);
    return site ? siteName(site) : key;
  };

  /** The enabled agents who serve `site`. */
  async function agentAddresses(site: string): Promise<string[]> {
    return (await store.listAgents()).filter((a) => !a.disabled && servesSite(a, site)).map((a) => a.email);
  }

  async function deliver(delivery: ClaimedDelivery): Promise<AttemptOutcome> {
    const { event } = delivery;
    const conversationUrl = deps.conversationUrl(event.data.conversationId);
    const conversation = await store.getConversation(event.data.conversationId);
    const visitor = await store.getVisitor(event.data.visitorId);
    if (!conversation || !visitor) return { ok: false, permanent: true, responseCode: null, error: 'The conversation is gone.' };

    if (delivery.endpoint === TO_AGENTS && event.type === 'offline.message') {
      const mail = offlineNotice({
        siteName: nameOf(event.site),
        visitor,
        page: event.data.page.url,
        message: event.data.message,
        conversationUrl,
        to: await agentAddresses(event.site),
      });
      return send(mailer, mail, 'agents');
    }
    if (delivery.endpoint === UNCLAIMED) {
      if (conversation.status !== 'open' || conversation.assigneeId || !conversation.waitingSince || conversation.offline) {
        return { ok: true, skipped: true, responseCode: null, error: 'Claimed, answered or closed in time.' };
      }
      const [last] = await store.listMessages(conversation.id, {
        afterSeq: Math.max(0, conversation.lastSeq - 1),
        includeInternal: false,
      });
      const waitingMinutes = Math.round((Date.now() - Date.parse(conversation.waitingSince)) / 60_000);
      return send(
        mailer,
        unclaimedAlert({
          siteName: nameOf(event.site),
          visitor,
          waitingMinutes,
          lastText: last?.text ?? null,
          conversationUrl,
          to: await agentAddresses(event.site),
        }),
        'agents',
      );
    }
    if (delivery.endpoint === TO_VISITOR && event.type === 'message.created') {
      if (await deps.visitorOnline(visitor.id))
        return { ok: true, skipped: true, responseCode: null, error: 'The visitor is on the site.' };
      const replies = await unansweredReplies(store, conversation.id, conversation.lastSeq, event.data.message.seq);
      if (replies === null) return { ok: true, skipped: true, responseCode: null, error: 'A later reply carries this one.' };
      const site = config.sites.find((s) => s.key === event.site);
      const mail = replyToVisitor({
        siteName: nameOf(event.site),
        locale: visitorLocale(conversation.context.locale ?? visitor.locale, site?.locale ?? 'en'),
        to: delivery.destination,
        message: { ...event.data.message, text: replies.map((m) => m.text).join('\n\n') },
        reopenUrl: reopenUrl(config, secret, conversation.id),
        replyTo: replyAddress(secret, settings.replyDomain, conversation.id, Date.now() + settings.linkMs),
        conversationId: conversation.id,
        domain: settings.replyDomain,
      });
      return send(mailer, mail, 'visitor');
    }
    return { ok: false, permanent: true, responseCode: null, error: `Unknown mail delivery ${delivery.endpoint}.` };
  }

  return { targets: ['mail'], route: (event) => route(deps, event), send: deliver };
}
