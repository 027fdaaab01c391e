/**
 * Integrations at run time: the delivery worker with its channels (webhooks and Slack, email)
 * and, when configured, the SMTP receiver for replies. `startServer` starts them after the
 * app; tests start them the same way.
 */
import type { Logger } from 'pino';
import type { App } from '../app.js';
import type { Config } from '../config.js';
import type { Store } from '../store/store.js';
import { createWebhookChannel } from '../webhooks/channel.js';
import { DEFAULT_RETRY } from './backoff.js';
import { createOutboxWorker, type DeliveryChannel, type OutboxWorker } from './worker.js';

/** Whether the store must write outbox events: something consumes them. */
export function integrationsEnabled(config: Config): boolean {
  return config.mail.transport.kind !== 'off' || config.sites.some((site) => site.webhooks.length > 0);
}

/** The console's page for a conversation. */
export function conversationUrl(config: Config, conversationId: string): string {
  return `${config.publicUrl}/console?conversation=${encodeURIComponent(conversationId)}`;
}

export interface Integrations {
  worker: OutboxWorker;
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

export async function startIntegrations(deps: IntegrationsDeps): Promise<Integrations> {
  const { config, store, logger } = deps;
  const channels: DeliveryChannel[] = [
    createWebhookChannel({ sites: () => config.sites, store, conversationUrl: (id) => conversationUrl(config, id) }),
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
    async stop() {
      await worker.stop();
    },
  };
}
