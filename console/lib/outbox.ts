/**
 * The agent's outbox: every reply gets a clientId and is resent with backoff until the server
 * acks it (the server stores one message per clientId, so a resend is never a duplicate). No DOM:
 * the socket call, the timers and the randomness are injected, so tests drive it step by step.
 */
import type { ClientId, ConversationId, IsoTime } from '../../protocol/types.js';
import { backoffDelay } from './backoff.js';

export type OutboxState = 'sending' | 'failed';

export interface OutboxEntry {
  clientId: ClientId;
  conversationId: ConversationId;
  text: string;
  internal: boolean;
  createdAt: IsoTime;
  /** Sends tried so far. */
  attempts: number;
  state: OutboxState;
  /** Why it failed, for the UI. */
  error?: string;
}

/** What one send attempt came to. `retryable` false means "stop and show it as failed". */
export type SendResult =
  | { ok: true; seq: number; createdAt: IsoTime }
  | { ok: false; retryable: boolean; message: string };

export interface OutboxDeps {
  /** One attempt: resolve with the ack (or a retryable failure on timeout / no connection). */
  send(entry: OutboxEntry): Promise<SendResult>;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  /** Called with the whole list after every change (to render and to persist). */
  onChange(entries: readonly OutboxEntry[]): void;
  /** Called once per entry when the server has stored it. */
  onSent(entry: OutboxEntry, result: { seq: number; createdAt: IsoTime }): void;
  random?: () => number;
  /** Attempts before an entry is shown as failed. @default 8 */
  maxAttempts?: number;
  /**
   * False while the socket is down: entries then wait for `flush()` instead of burning their
   * attempts against a closed connection. @default always true
   */
  canSend?: () => boolean;
}

export interface Outbox {
  /** Queues a new message and sends it now. */
  add(input: { clientId: ClientId; conversationId: ConversationId; text: string; internal: boolean; createdAt: IsoTime }): void;
  /** Sends every waiting entry now (call on reconnect: no point waiting out a backoff). */
  flush(): void;
  /** Sends a failed entry again from attempt zero. */
  retry(clientId: ClientId): void;
  /** Drops an entry (the agent gave up on it). */
  discard(clientId: ClientId): void;
  /** The server stored it (seen as `message:new` before our ack): stop resending. */
  settle(clientId: ClientId): void;
  entries(): readonly OutboxEntry[];
  /** Cancels timers; entries stay as they are. */
  dispose(): void;
}

/** Creates an outbox, optionally restoring entries kept from before a reload. */
export function createOutbox(deps: OutboxDeps, restored: readonly OutboxEntry[] = []): Outbox {
  const maxAttempts = deps.maxAttempts ?? 8;
  let list: OutboxEntry[] = restored.map((e) => ({ ...e }));
  const timers = new Map<ClientId, unknown>();
  const inFlight = new Set<ClientId>();

  const changed = () => deps.onChange(list);
  const find = (id: ClientId) => list.find((e) => e.clientId === id);
  const update = (id: ClientId, patch: Partial<OutboxEntry>) => {
    list = list.map((e) => (e.clientId === id ? { ...e, ...patch } : e));
    changed();
  };
  const cancelTimer = (id: ClientId) => {
    if (timers.has(id)) {
      deps.clearTimer(timers.get(id));
      timers.delete(id);
    }
  };
  const remove = (id: ClientId) => {
    cancelTimer(id);
    list = list.filter((e) => e.clientId !== id);
    changed();
  };

  const attempt = (id: ClientId) => {
    const entry = find(id);
    if (!entry || entry.state !== 'sending' || inFlight.has(id)) return;
    cancelTimer(id);
    if (deps.canSend && !deps.canSend()) return;
    inFlight.add(id);
    const sent = { ...entry, attempts: entry.attempts + 1 };
    update(id, { attempts: sent.attempts });
    deps
      .send(sent)
      .catch((err: unknown): SendResult => ({ ok: false, retryable: true, message: String(err) }))
      .then((result) => {
        inFlight.delete(id);
        const current = find(id);
        if (!current) return; // settled or discarded meanwhile
        if (result.ok) {
          remove(id);
          deps.onSent(current, { seq: result.seq, createdAt: result.createdAt });
          return;
        }
        if (!result.retryable || current.attempts >= maxAttempts) {
          update(id, { state: 'failed', error: result.message });
          return;
        }
        update(id, { error: result.message });
        const delay = backoffDelay(current.attempts - 1, deps.random);
        timers.set(id, deps.setTimer(() => {
          timers.delete(id);
          attempt(id);
        }, delay));
      });
  };

  return {
    add(input) {
      list = [...list, { ...input, attempts: 0, state: 'sending' }];
      changed();
      attempt(input.clientId);
    },
    flush() {
      for (const e of list) if (e.state === 'sending') attempt(e.clientId);
    },
    retry(id) {
      if (!find(id)) return;
      update(id, { state: 'sending', attempts: 0, error: undefined });
      attempt(id);
    },
    discard: remove,
    settle(id) {
      if (find(id)) remove(id);
    },
    entries: () => list,
    dispose() {
      for (const id of [...timers.keys()]) cancelTimer(id);
    },
  };
}
