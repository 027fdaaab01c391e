/**
 * Integrations at run time: the delivery worker with its channels (webhooks and Slack, email)
 * and, when configured, the SMTP receiver for replies. `startServer` starts them after the
 * app; tests start them the same way.
 */
import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import type { App } from '../app.js';
import type { Config } from '../config.js';
import type { Message } from '../../protocol/types.js';
import { createMailChannel } from '../mail/channel.js';
import { startInboundServer, type InboundServer } from '../mail/inbound.js';
import { mailSecret } from '../mail/settings.js';
import { createMailer, type Mailer } from '../mail/transport.js';
import type { AgentNamespace, VisitorNamespace } from '../relay/deps.js';
import { messageRelay } from '../relay/message-relay.js';
import { rooms } from '../relay/rooms.js';
import { createSummaries } from '../relay/summaries.js';
import type { ConversationRecord, Store } from '../store/store.js';
import { createWebhookChannel } from '../webhooks/channel.js';
import { DEFAULT_RETRY } from './backoff.js';
import { createOutboxWorker, type DeliveryChannel, type OutboxWorker } from './worker.js';

/** Whether the store must write outbox events whatever the console holds: the config file asks for email or webhooks. */
export function integrationsEnabled(config: Config): boolean {
  return config.mail.transport.kind !== 'off' || config.sites.some((site) => site.webhooks.length > 0);
}

/** The console's page for a conversation. */
export function conversationUrl(config: Config, conversationId: string): string {
  return `${config.publicUrl}/console?conversation=${encodeURIComponent(conversationId)}`;
}

export interface Integrations {
  worker: OutboxWorker;
  /** The SMTP receiver for replies, when PASOKH_SMTP_INBOUND_PORT is set. */
  inbound: InboundServer | undefined;
  stop(): Promise<void>;
}

export interface IntegrationsDeps {
  config: Config;
  store: Store;
  app: App;
  logger: Logger;
  /** Extra channels (the mail channel is added by the mail module). */
  channels?: DeliveryChannel[];
  /** @default 1000 */
  pollMs?: number;
}

/** Shows a message that arrived outside the sockets (an email reply) to agents and the visitor's widgets. */
function relayer(
  app: App,
  store: Store,
  logger: Logger,
): (message: Message, conversation: ConversationRecord, created: boolean) => void {
  const agents = app.io.of('/agent') as unknown as AgentNamespace;
  const visitors = app.io.of('/visitor') as unknown as VisitorNamespace;
  const summaries = createSummaries(store);
  const relay = messageRelay(agents, visitors);
  return (message, conversation, created) => {
    relay(message, { visitorId: conversation.visitorId, site: conversation.site });
    if (created) {
      summaries.summarize(conversation).then(
        (summary) => agents.to(rooms.agentsOf(conversation.site)).emit('conversation:updated', summary),
        (error: unknown) => logger.warn({ err: error }, 'queue update after an email reply failed'),
      );
    }
  };
}

async function startMail(
  deps: IntegrationsDeps,
): Promise<{ channel: DeliveryChannel; mailer: Mailer; inbound: InboundServer | undefined } | undefined> {
  const { config, store, app, logger } = deps;
  const settings = config.mail;
  if (settings.transport.kind === 'off') {
    logger.info('Email is off: set PASOKH_SMTP_URL to email agents and visitors.');
    return undefined;
  }
  const secret = mailSecret(settings, config.dataDir);
  const mailer = createMailer(settings.transport, settings.from);
  if (settings.transport.kind === 'files')
    logger.info(
      { folder: settings.transport.dir },
      `No SMTP configured: outgoing email is written as .eml files to ${settings.transport.dir}`,
    );
  const visitors = app.io.of('/visitor');
  const channel = createMailChannel({
    config,
    store,
    mailer,
    secret,
    visitorOnline: async (visitorId) => (await visitors.in(rooms.visitor(visitorId)).fetchSockets()).length > 0,
    conversationUrl: (id) => conversationUrl(config, id),
  });
  const inbound =
    settings.inboundPort === undefined
      ? undefined
      : await startInboundServer(
          {
            store,
            logger: logger.child({ part: 'smtp-in' }),
            secret,
            domain: settings.replyDomain,
            relay: relayer(app, store, logger),
          },
          settings.inboundPort,
          config.host,
          settings.inboundTls && {
            cert: readFileSync(settings.inboundTls.certFile),
            key: readFileSync(settings.inboundTls.keyFile),
          },
        );
  if (inbound)
    logger.info(
      { port: inbound.port, replyDomain: settings.replyDomain, starttls: Boolean(settings.inboundTls) },
      `Receiving email replies on port ${inbound.port} for reply+…@${settings.replyDomain}${settings.inboundTls ? ' (STARTTLS offered)' : ''}`,
    );
  return { channel, mailer, inbound };
}

export async function startIntegrations(deps: IntegrationsDeps): Promise<Integrations> {
  const { config, store, logger } = deps;
  const mail = await startMail(deps);
  const channels: DeliveryChannel[] = [
    createWebhookChannel({ sites: () => config.sites, store, conversationUrl: (id) => conversationUrl(config, id) }),
    ...(mail ? [mail.channel] : []),
    ...(deps.channels ?? []),
  ];
  const worker = createOutboxWorker({
    store,
    channels,
    logger: logger.child({ part: 'deliveries' }),
    retry: { ...DEFAULT_RETRY, firstRetryMs: config.deliveryRetryMs },
    ...(deps.pollMs !== undefined && { pollMs: deps.pollMs }),
  });
  worker.start();
  return {
    worker,
    inbound: mail?.inbound,
    async stop() {
      await worker.stop();
      await mail?.inbound?.close();
      mail?.mailer.close();
    },
  };
}
