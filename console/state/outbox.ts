/**
 * The agent's replies on their way: the shared client outbox and sender (client/), kept in
 * sessionStorage so a reload of this tab still sends them. A reply the server keeps refusing
 * is shown failed after a few attempts, with Retry and Discard.
 */
import type { AttachmentRef } from '../../protocol/attachments.js';
import type { AnswerCard } from '../../protocol/answers.js';
import type { Ack } from '../../protocol/events.js';
import type { ClientId, ConversationId, IsoTime } from '../../protocol/types.js';
import { createGate } from '../../client/gate.js';
import { createOutbox, type OutboxItem } from '../../client/outbox.js';
import { createSender, type SenderOptions } from '../../client/sender.js';

export interface AgentOutboxItem extends OutboxItem {
  conversationId: ConversationId;
  text: string;
  internal: boolean;
  /** Files uploaded already; the reply carries their ids. */
  attachments?: AttachmentRef[];
  /** An FAQ answer sent as a card (its title is the text). */
  card?: AnswerCard;
}

/** Attempts before a reply is shown as failed (the agent can retry it). */
export const MAX_ATTEMPTS = 8;

export interface AgentOutboxDeps {
  /** What a previous load of this tab saved. */
  restored: unknown;
  /** Receives the whole list after every change (to render and to save). */
  onChange(items: readonly AgentOutboxItem[]): void;
  send(item: AgentOutboxItem): Promise<Ack<{ seq: number; createdAt: IsoTime }>>;
  /** The server stored it: show it in its conversation. */
  onSent(item: AgentOutboxItem, result: { seq: number; createdAt: IsoTime }): void;
  timing?: Pick<SenderOptions<AgentOutboxItem, object>, 'sleep' | 'random'>;
}

export function createAgentOutbox(deps: AgentOutboxDeps) {
  const outbox = createOutbox<AgentOutboxItem>(deps.restored, deps.onChange);
  const online = createGate();
  const sender = createSender({
    outbox,
    ready: online.wait,
    maxAttempts: MAX_ATTEMPTS,
    emit: deps.send,
    onAcked: (item, ack) => deps.onSent(item, { seq: ack.seq, createdAt: ack.createdAt }),
    ...deps.timing,
  });
  deps.onChange(outbox.list());
  return {
    items: () => outbox.list(),
    add(input: {
      clientId: ClientId;
      conversationId: ConversationId;
      text: string;
      internal: boolean;
      createdAt: IsoTime;
      attachments?: AttachmentRef[];
      card?: AnswerCard;
    }): void {
      outbox.add(input);
      void sender.pump();
    },
    /** The socket is up: send now, without waiting out a backoff. */
    online(): void {
      online.open();
      sender.wake();
      void sender.pump();
    },
    offline: () => online.close(),
    /** Sends a failed reply again from attempt zero. */
    retry(clientId: ClientId): void {
      if (!outbox.get(clientId)) return;
      outbox.update(clientId, { state: 'sending', attempts: 0, error: undefined });
      void sender.pump();
    },
    discard: (clientId: ClientId) => outbox.remove(clientId),
    /** The server stored it (seen live before our ack): stop resending. */
    settle: (clientId: ClientId) => outbox.remove(clientId),
    stop: () => sender.stop(),
  };
}

export type AgentOutbox = ReturnType<typeof createAgentOutbox>;
