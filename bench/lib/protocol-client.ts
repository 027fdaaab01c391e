/**
 * The clients' delivery protocol, as the widget and the console ship it (client/: outbox,
 * sender, seq sync, the error catalogue's retry rule), wrapped for the durability tests and the
 * chaos run: one class per side over socket.io-client alone, with counters those runs report.
 * Only the timing differs from the apps (shorter ack timeout and backoff, so a run takes
 * seconds); the rules are the shipped ones.
 */
import { newClientId } from '../../protocol/client-ids.js';
import { io, type Socket } from 'socket.io-client';
import type {
  Ack,
  AgentClientToServer,
  AgentServerToClient,
  VisitorClientToServer,
  VisitorHello,
  VisitorServerToClient,
} from '../../protocol/events.js';
import type { ConversationSummary, Message } from '../../protocol/types.js';
import { createGate } from '../../client/gate.js';
import { contiguousSeq, mergeBySeq } from '../../client/merge.js';
import { createOutbox, type OutboxItem } from '../../client/outbox.js';
import { createReconnector, refusalOf, type Reconnector } from '../../client/reconnect.js';
import { createSender } from '../../client/sender.js';
import { createSeqSync, type SeqSync } from '../../client/seq-sync.js';

export interface ClientOptions {
  /** Base URL of the server, e.g. http://127.0.0.1:8787. */
  url: string;
  /** @default 2000 */
  ackTimeoutMs?: number;
  /** First retry delay; doubles per attempt up to 2 s, half of it random. @default 100 */
  retryBaseMs?: number;
  /** The loopback address to connect from (127.0.0.x), so a proxy that hashes addresses spreads clients. */
  localAddress?: string;
}

/** One message waiting in the outbox until the server acknowledges it. */
interface Outgoing extends OutboxItem {
  text: string;
  conversationId?: string;
}

type Settle = { resolve(ack: { seq: number; conversationId: string }): void; reject(error: Error): void };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * What a client shows, per conversation: merged by seq with the shipped `mergeBySeq`, plus a
 * count of the contract breaches a run must report (two different messages offered for one seq).
 */
export class SeqView {
  readonly #byConversation = new Map<string, readonly Message[]>();
  /** Two different messages offered for one seq: the server broke its contract. */
  conflicts = 0;

  add(message: Message): void {
    const held = this.#byConversation.get(message.conversationId) ?? [];
    const same = held.find((m) => m.seq === message.seq);
    if (same && same.id !== message.id) this.conflicts++;
    this.#byConversation.set(message.conversationId, mergeBySeq(held, [message]));
  }

  /** The highest seq n such that 1…n are all held. */
  contiguous(conversationId: string): number {
    return contiguousSeq(this.#byConversation.get(conversationId) ?? []);
  }

  list(conversationId: string): Message[] {
    return [...(this.#byConversation.get(conversationId) ?? [])];
  }

  conversations(): string[] {
    return [...this.#byConversation.keys()];
  }
}

/** Untyped on purpose: one base serves both namespaces; the subclasses keep to the event maps. */
type AnySocket = Socket;
export type VisitorSocket = Socket<VisitorServerToClient, VisitorClientToServer>;
export type AgentSocket = Socket<AgentServerToClient, AgentClientToServer>;

/** What visitor and agent clients share: the socket, the outbox, the view, the sync. */
abstract class ProtocolClient {
  /** What this client has shown, per conversation; counts two messages offered for one seq. */
  readonly view = new SeqView();
  /** Sends that were tried again (timeout or retryable error). */
  retries = 0;
  /** How many times each message id arrived live (`message:new`), followed or not. */
  readonly deliveries = new Map<string, number>();
  /** Conversations this client keeps in sync. */
  readonly following = new Set<string>();
  protected readonly socket: AnySocket;
  readonly #outbox = createOutbox<Outgoing>(null);
  readonly #settle = new Map<string, Settle>();
  readonly #trackers = new Map<string, SeqSync>();
  readonly #online = createGate();
  readonly #reconnector: Reconnector;
  #closed = false;
  readonly #sender;
  readonly #ackTimeoutMs: number;

  protected constructor(socket: AnySocket, options: ClientOptions) {
    this.socket = socket;
    this.#ackTimeoutMs = options.ackTimeoutMs ?? 2000;
    this.#reconnector = createReconnector({ connect: () => socket.connect(), baseMs: 200, maxMs: 2000 });
    const tried = new Set<string>();
    this.#sender = createSender<Outgoing, { seq: number; conversationId?: string }>({
      outbox: this.#outbox,
      ready: this.#online.wait,
      baseMs: options.retryBaseMs ?? 100,
      maxMs: 2000,
      emit: (item) => {
        if (tried.has(item.clientId)) this.retries++;
        tried.add(item.clientId);
        return this.emitSend(item, this.#ackTimeoutMs);
      },
      onAcked: (item, ack) => {
        const conversationId = ack.conversationId ?? item.conversationId!;
        this.following.add(conversationId);
        this.#settle.get(item.clientId)?.resolve({ seq: ack.seq, conversationId });
        this.#settle.delete(item.clientId);
      },
      onChange: () => this.#rejectFailed(),
    });
    socket.on('connect', () => {
      this.#online.open();
      this.#sender.wake();
    });
    socket.on('disconnect', (reason) => {
      this.#online.close();
      if (reason === 'io server disconnect' && !this.#closed) this.#reconnector.schedule();
    });
    // A refusal by the server's middleware (a limiter) is retried as the apps do it: socket.io does not.
    socket.on('connect_error', (error) => {
      if (!socket.active && !this.#closed) this.#reconnector.schedule(refusalOf(error));
    });
    socket.on('connect', () => this.#reconnector.connected());
    socket.on('message:new', (message: Message) => {
      this.deliveries.set(message.id, (this.deliveries.get(message.id) ?? 0) + 1);
      if (!this.accepts(message)) return;
      this.view.add(message);
      this.#tracker(message.conversationId).see(message.seq);
    });
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  get pending(): number {
    return this.#outbox.list().filter((item) => item.state !== 'failed').length;
  }

  /** Brings one conversation up to date: everything after what it holds without a gap. */
  sync(conversationId: string): Promise<void> {
    this.following.add(conversationId);
    return this.#tracker(conversationId).sync();
  }

  async syncAll(): Promise<void> {
    await Promise.all([...this.following].map((id) => this.sync(id)));
  }

  /** Drops the transport as a network failure would; socket.io reconnects by itself. */
  drop(): void {
    this.socket.io.engine?.close();
  }

  /** Goes offline until `online()`: no automatic reconnection in between. */
  offline(): void {
    this.socket.disconnect();
  }

  online(): void {
    this.socket.connect();
  }

  close(): void {
    this.#closed = true;
    this.#reconnector.stop();
    this.#sender.stop();
    this.socket.disconnect();
    for (const [clientId, settle] of this.#settle) {
      settle.reject(new Error('client closed'));
      this.#outbox.remove(clientId);
    }
    this.#settle.clear();
  }

  protected enqueue(item: {
    text: string;
    conversationId?: string;
    clientId?: string;
  }): Promise<{ seq: number; conversationId: string }> {
    return new Promise((resolve, reject) => {
      const clientId = item.clientId ?? newClientId();
      this.#settle.set(clientId, { resolve, reject });
      this.#outbox.add({
        clientId,
        text: item.text,
        createdAt: new Date().toISOString(),
        ...(item.conversationId ? { conversationId: item.conversationId } : {}),
      });
      void this.#sender.pump();
    });
  }

  /** Whether a live message belongs in the view. */
  protected accepts(message: Message): boolean {
    return this.following.has(message.conversationId);
  }

  protected abstract emitSend(item: Outgoing, timeoutMs: number): Promise<Ack<{ seq: number; conversationId?: string }>>;

  #tracker(conversationId: string): SeqSync {
    let tracker = this.#trackers.get(conversationId);
    if (!tracker) {
      tracker = createSeqSync({
        request: async (afterSeq) => {
          try {
            const ack = await this.socket.timeout(this.#ackTimeoutMs).emitWithAck('messages:sync', { conversationId, afterSeq });
            return ack.ok ? (ack.messages as Message[]) : 'gone';
          } catch {
            return null; // Offline or slow: tried again, and the next connect syncs anyway.
          }
        },
        apply: (messages) => {
          for (const message of messages) this.view.add(message);
        },
        tries: 1,
      });
      this.#trackers.set(conversationId, tracker);
    }
    return tracker;
  }

  /** A message the server refused for good leaves the outbox and rejects its promise. */
  #rejectFailed(): void {
    for (const item of this.#outbox.list()) {
      if (item.state !== 'failed') continue;
      this.#outbox.remove(item.clientId);
      const error = item.error ?? { code: 'internal', message: 'failed' };
      this.#settle.get(item.clientId)?.reject(Object.assign(new Error(error.message), { code: error.code }));
      this.#settle.delete(item.clientId);
    }
  }
}

/** A widget-like visitor: keeps its token, follows its conversation, sends through the outbox. */
export class VisitorClient extends ProtocolClient {
  token: string | undefined;
  visitorId: string | undefined;
  conversationId: string | null = null;
  readonly #hello: Promise<VisitorHello>;

  constructor(options: ClientOptions & { site?: string; token?: string }) {
    const auth: { site: string; token?: string } = {
      site: options.site ?? 'default',
      ...(options.token ? { token: options.token } : {}),
    };
    const socket = io(`${options.url}/visitor`, {
      auth,
      transports: ['websocket'],
      ...(options.localAddress ? { localAddress: options.localAddress } : {}),
      forceNew: true,
      reconnectionDelay: 200,
      reconnectionDelayMax: 2000,
      randomizationFactor: 0.5,
    }) as AnySocket;
    super(socket, options);
    this.token = options.token;
    this.#hello = new Promise((resolve) => socket.once('hello', resolve));
    socket.on('hello', (hello: VisitorHello) => {
      this.token = hello.token;
      this.visitorId = hello.visitorId;
      // The same visitor after a reconnect or a restart, not a new one.
      auth.token = hello.token;
      if (hello.conversation) {
        this.conversationId ??= hello.conversation.id;
        this.following.add(hello.conversation.id);
      }
      void this.syncAll();
    });
  }

  /** Everything on the visitor socket is this visitor's own (the server sends nothing else). */
  protected override accepts(message: Message): boolean {
    this.following.add(message.conversationId);
    return true;
  }

  /** Resolves with the first hello (rejects after `ms`). */
  ready(ms = 10_000): Promise<VisitorHello> {
    return Promise.race([this.#hello, sleep(ms).then(() => Promise.reject(new Error(`no hello within ${ms} ms`)))]);
  }

  /** Queues a message; resolves when the server has acknowledged it. */
  send(text: string, clientId?: string): Promise<{ seq: number; conversationId: string }> {
    return this.enqueue({ text, ...(clientId ? { clientId } : {}) }).then((ack) => {
      this.conversationId ??= ack.conversationId;
      return ack;
    });
  }

  protected emitSend(item: Outgoing, timeoutMs: number): Promise<Ack<{ seq: number; conversationId: string }>> {
    return (this.socket as VisitorSocket)
      .timeout(timeoutMs)
      .emitWithAck('message:send', { clientId: item.clientId, text: item.text });
  }
}

/** Signs in over HTTP and returns the session cookie (`name=value`). */
export async function login(url: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.get('set-cookie');
  if (!cookie) throw new Error('login set no cookie');
  return cookie.split(';')[0]!;
}

/** A console-like agent: follows the conversations it is given, replies through the outbox. */
export class AgentClient extends ProtocolClient {
  readonly #queue: Promise<ConversationSummary[]>;

  constructor(options: ClientOptions & { cookie: string }) {
    const socket = io(`${options.url}/agent`, {
      transports: ['websocket'],
      forceNew: true,
      extraHeaders: { cookie: options.cookie },
      ...(options.localAddress ? { localAddress: options.localAddress } : {}),
      reconnectionDelay: 200,
      reconnectionDelayMax: 2000,
      randomizationFactor: 0.5,
    }) as AnySocket;
    super(socket, options);
    this.#queue = new Promise((resolve) => socket.once('queue', resolve));
    socket.on('queue', () => void this.syncAll());
  }

  ready(ms = 10_000): Promise<ConversationSummary[]> {
    return Promise.race([this.#queue, sleep(ms).then(() => Promise.reject(new Error(`agent not ready within ${ms} ms`)))]);
  }

  follow(conversationId: string): Promise<void> {
    return this.sync(conversationId);
  }

  send(conversationId: string, text: string, clientId?: string): Promise<{ seq: number; conversationId: string }> {
    return this.enqueue({ text, conversationId, ...(clientId ? { clientId } : {}) });
  }

  protected emitSend(item: Outgoing, timeoutMs: number): Promise<Ack<{ seq: number }>> {
    return (this.socket as AgentSocket)
      .timeout(timeoutMs)
      .emitWithAck('message:send', { conversationId: item.conversationId!, clientId: item.clientId, text: item.text });
  }
}
