/**
 * The delivery worker: turns outbox events into deliveries (one per destination a channel
 * wants) and attempts the due ones, at least once each, retrying with backoff. Every process
 * runs one; leases in the store keep two from attempting one delivery at once, and a process
 * killed mid-attempt leaves a lease that simply expires, so the next worker tries again.
 */
import type { Logger } from 'pino';
import type { DeliveryTarget, IntegrationEvent } from '../../protocol/integrations.js';
import { newId } from '../store/ids.js';
import type { ClaimedDelivery, DeliveryOutcome, NewDelivery, Store } from '../store/store.js';
import { DEFAULT_RETRY, nextAttemptAt, type RetryPolicy } from './backoff.js';

export interface AttemptOutcome {
  ok: boolean;
  responseCode: number | null;
  error: string | null;
  /** Retrying cannot help (the endpoint was removed, the recipient is gone): give up now. */
  permanent?: boolean;
  /** Nothing was sent because it is no longer needed; `error` says why. */
  skipped?: boolean;
}

/** A kind of destination: webhooks and Slack, email. */
export interface DeliveryChannel {
  targets: DeliveryTarget[];
  /** The deliveries this channel wants for an event (none is fine). */
  route(event: IntegrationEvent): NewDelivery[] | Promise<NewDelivery[]>;
  /** One attempt; must not throw (a throw counts as a failed attempt). */
  send(delivery: ClaimedDelivery): Promise<AttemptOutcome>;
}

export interface OutboxWorkerOptions {
  store: Store;
  channels: DeliveryChannel[];
  logger: Logger;
  /** @default DEFAULT_RETRY (10 s doubling, at most an hour apart, for 24 hours) */
  retry?: RetryPolicy;
  /** How often to look for work when idle. @default 1000 */
  pollMs?: number;
  /**
   * How long an attempt may take before another worker may take the delivery: longer than any
   * channel's own timeout (webhooks give up after 10 s), short enough that a delivery a killed
   * process was attempting is tried again soon after a restart. @default 15 s
   */
  leaseMs?: number;
}

export interface OutboxWorker {
  start(): void;
  /** Looks for work now instead of at the next poll. */
  kick(): void;
  /** One pass: dispatch pending events, attempt due deliveries. Returns how many it handled. */
  runOnce(): Promise<number>;
  /** Stops polling and waits for the pass under way. */
  stop(): Promise<void>;
}

const BATCH = 20;

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { store, channels, logger } = options;
  const retry = options.retry ?? DEFAULT_RETRY;
  const pollMs = options.pollMs ?? 1000;
  const leaseMs = options.leaseMs ?? 15_000;
  const owner = newId();
  const byTarget = new Map(channels.flatMap((channel) => channel.targets.map((target) => [target, channel] as const)));
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;

  async function dispatch(): Promise<number> {
    const events = await store.pendingEvents(BATCH * 5);
    for (const event of events) {
      const deliveries = (await Promise.all(channels.map((channel) => channel.route(event)))).flat();
      await store.dispatchEvent(event.id, deliveries);
    }
    return events.length;
  }

  async function attempt(delivery: ClaimedDelivery): Promise<void> {
    const channel = byTarget.get(delivery.target);
    let result: AttemptOutcome;
    try {
      result = channel
        ? await channel.send(delivery)
        : { ok: false, permanent: true, responseCode: null, error: `No channel for ${delivery.target}` };
    } catch (error) {
      result = { ok: false, responseCode: null, error: error instanceof Error ? error.message : String(error) };
    }
    const next =
      result.ok || result.permanent || result.skipped
        ? null
        : nextAttemptAt(retry, delivery.event.createdAt, delivery.attempts, Date.now());
    const outcome: DeliveryOutcome = {
      status: result.skipped ? 'skipped' : result.ok ? 'delivered' : next === null ? 'failed' : 'pending',
      responseCode: result.responseCode,
      error: result.error,
      nextAttemptAt: next,
    };
    if (!result.ok && !result.skipped)
      logger.warn(
        {
          delivery: delivery.id,
          target: delivery.target,
          destination: delivery.destination,
          attempt: delivery.attempts,
          error: result.error,
          next,
        },
        'delivery failed',
      );
    await store.finishDelivery(delivery.id, owner, outcome);
  }

  async function runOnce(): Promise<number> {
    const dispatched = await dispatch();
    const due = await store.claimDeliveries({ owner, leaseMs, limit: BATCH });
    await Promise.all(due.map(attempt));
    return dispatched + due.length;
  }

  function schedule(delay: number): void {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      running ??= runOnce()
        .catch((error: unknown) => {
          logger.error({ err: error }, 'delivery worker pass failed');
          return 0;
        })
        .finally(() => {
          running = undefined;
        });
      void running.then((handled) => schedule(handled > 0 ? 0 : pollMs));
    }, delay);
    timer.unref();
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    kick() {
      if (!running) schedule(0);
    },
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
