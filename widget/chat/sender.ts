/**
 * Drains the outbox one message at a time, oldest first, so the server assigns seqs in the order
 * the visitor wrote. Each message is retried with backoff until acked; only a refusal that can
 * never succeed (bad payload, too large, clientId conflict) stops it (issue 4).
 */
import type { Ack, ErrorCode, VisitorMessageSend } from '../../protocol/events.js';
import type { ConversationId, IsoTime } from '../../protocol/types.js';
import { backoffDelay, sleep as realSleep, type BackoffOptions } from './backoff.js';
import type { Outbox, OutboxItem } from './outbox.js';

export type SendAck = Ack<{ conversationId: ConversationId; seq: number; createdAt: IsoTime }>;

/** Codes that mean "sending this again will fail again": shown as failed, never retried. */
export const FINAL_ERRORS: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['invalid_payload', 'too_large', 'conflict', 'forbidden']);

export interface SenderOptions {
  outbox: Outbox;
  /** Sends one message and resolves with the ack; rejects on ack timeout or disconnect. */
  emit: (payload: VisitorMessageSend) => Promise<SendAck>;
  /** Resolves when the connection is ready to carry messages. @default resolves at once */
  ready?: () => Promise<void>;
  /** Called once per acked message, after it left the outbox. */
  onAcked: (item: OutboxItem, ack: Extract<SendAck, { ok: true }>) => void;
  /** Called whenever an item's state changes (for the UI). */
  onChange?: () => void;
  sleep?: (ms: number) => Promise<void>;
  random?: BackoffOptions['random'];
  baseMs?: number;
  maxMs?: number;
}

export interface Sender {
  /** Starts draining if not already; resolves when the outbox has nothing left to try. */
  pump(): Promise<void>;
  /** Stops after the attempt in flight; pending items stay in the outbox for next time. */
  stop(): void;
}

/** Creates the outbox drain loop described above. */
export function createSender(options: SenderOptions): Sender {
  const { outbox, emit, onAcked, onChange = () => {}, sleep = realSleep, random, baseMs, maxMs } = options;
  const ready = options.ready ?? (() => Promise.resolve());
  let running: Promise<void> | null = null;
  let stopped = false;

  async function deliver(item: OutboxItem): Promise<void> {
    let attempts = item.attempts;
    while (!stopped) {
      await ready();
      if (stopped) return;
      const payload: VisitorMessageSend = { clientId: item.clientId, text: item.text };
      if (item.context) payload.context = item.context;
      let ack: SendAck | null = null;
      try {
        ack = await emit(payload);
      } catch {
        ack = null; // Ack timeout or a dropped connection: the server may or may not have it; resend.
      }
      attempts += 1;
      if (ack?.ok) {
        outbox.remove(item.clientId);
        onAcked(item, ack);
        return;
      }
      if (ack && FINAL_ERRORS.has(ack.error.code)) {
        outbox.update(item.clientId, { attempts, state: 'failed', error: ack.error.code });
        onChange();
        return;
      }
      outbox.update(item.clientId, { attempts, state: 'retrying' });
      onChange();
      await sleep(backoffDelay(attempts - 1, { random, baseMs, maxMs }));
    }
  }

  async function drain(): Promise<void> {
    for (;;) {
      if (stopped) return;
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
    stop() {
      stopped = true;
    },
  };
}
