/**
 * Drains an outbox one message at a time, oldest first, so the server assigns seqs in the order
 * they were written. Each message is resent with backoff (same clientId, so a resend after a
 * lost ack is stored once) until acked; a refusal the error catalogue marks as final, or running
 * out of attempts, leaves it `failed`; to retry it, put it back in `sending` and pump.
 */
import type { Ack } from '../protocol/events.js';
import { isRetryable } from '../protocol/errors.js';
import { backoffDelay, sleep as realSleep, type BackoffOptions } from './backoff.js';
import type { Outbox, OutboxItem } from './outbox.js';

export interface SenderOptions<T extends OutboxItem, R extends object> extends BackoffOptions {
  outbox: Outbox<T>;
  /** Sends one item; resolves with the ack, rejects on ack timeout or disconnect. */
  emit: (item: T) => Promise<Ack<R>>;
  /** Resolves when the connection can carry messages. @default resolves at once */
  ready?: () => Promise<void>;
  /** Called once per acked item, after it left the outbox. */
  onAcked: (item: T, ack: Extract<Ack<R>, { ok: true }>) => void;
  /** Called whenever an item's state changes (for the UI): retrying, failed, back in line. */
  onChange?: () => void;
  /** Attempts before a message that keeps failing is shown as failed. @default Infinity */
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface Sender {
  /** Starts draining if not already; resolves when nothing is left to try. */
  pump(): Promise<void>;
  /** Cuts a backoff wait short (the connection is back: no point waiting). */
  wake(): void;
  /** Stops after the attempt in flight; items stay in the outbox. */
  stop(): void;
}

/** Creates the drain loop described above. */
export function createSender<T extends OutboxItem, R extends object>(options: SenderOptions<T, R>): Sender {
  const { outbox, emit, onAcked, onChange = () => {}, sleep = realSleep, maxAttempts = Infinity } = options;
  const ready = options.ready ?? (() => Promise.resolve());
  let running: Promise<void> | null = null;
  let stopped = false;
  let wakeUp = () => {};

  /** One send: the ack, or null when it timed out or the connection dropped (a resend is safe). */
  const attempt = (item: T): Promise<Ack<R> | null> => emit(item).catch(() => null);

  async function deliver(item: T): Promise<void> {
    let attempts = item.attempts;
    while (!stopped) {
      await ready();
      if (stopped || !outbox.get(item.clientId)) return;
      const ack = await attempt(item);
      attempts += 1;
      // Settled meanwhile (seen live) or dropped by the user: nothing left to do.
      if (!outbox.get(item.clientId)) return;
      if (ack && ack.ok) {
        outbox.remove(item.clientId);
        onAcked(item, ack as Extract<Ack<R>, { ok: true }>);
        return;
      }
      const error = ack ? ack.error : { code: 'timeout', message: 'timeout' };
      const final = (ack && !isRetryable(error.code)) || attempts >= maxAttempts;
      outbox.update(item.clientId, { attempts, state: final ? 'failed' : 'retrying', error } as Partial<T>);
      onChange();
      if (final) return;
      await Promise.race([sleep(backoffDelay(attempts - 1, options)), new Promise<void>((resolve) => (wakeUp = resolve))]);
    }
  }

  async function drain(): Promise<void> {
    while (!stopped) {
      const next = outbox.list().find((item) => item.state !== 'failed');
      if (!next) return;
      await deliver(next);
    }
  }

  function pump(): Promise<void> {
    stopped = false;
    running ??= drain().finally(() => {
      running = null;
      // An item added while the loop was finishing would otherwise wait for the next pump.
      if (!stopped && outbox.list().some((item) => item.state !== 'failed')) void pump();
    });
    return running;
  }

  return {
    pump,
    wake: () => wakeUp(),
    stop() {
      stopped = true;
      wakeUp();
    },
  };
}
