/**
 * The client side of the delivery protocol (issue 4), written against socket.io-client alone so
 * the durability tests and the chaos run check the server without trusting the widget's own
 * client: an outbox keyed by clientId, one message in flight per sender, an ack timeout,
 * retries with jittered backoff, `messages:sync` after the last contiguous seq on every
 * (re)connect and on every gap, and a view merged by seq.
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

/** One message waiting in an outbox until the server acknowledges it. */
interface Outgoing {
  clientId: string;
  text: string;
  conversationId?: string;
  resolve(ack: { seq: number; conversationId: string }): void;
  reject(error: Error): void;
}

/** Error codes that no retry can fix: the outbox gives the message up. */
const FINAL = new Set(['invalid_payload', 'too_large', 'conflict', 'forbidden', 'not_found', 'closed']);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Messages per conversation, merged by seq: a repeat is ignored, a gap triggers a sync. */
export class SeqView {
  readonly #byConversation = new Map<string, Map<number, Message>>();
  /** Two different messages offered for one seq: the server broke its contract. */
  conflicts = 0;

  add(message: Message): void {
    let messages = this.#byConversation.get(message.conversationId);
    if (!messages) this.#byConversation.set(message.conversationId, (messages = new Map()));
    const held = messages.get(message.seq);
    if (held && held.id !== message.id) this.conflicts++;
    if (!held) messages.set(message.seq, message);
  }

  /** The highest seq n such that 1…n are all held. */
  contiguous(conversationId: string): number {
    const messages = this.#byConversation.get(conversationId);
    let n = 0;
    while (messages?.has(n + 1)) n++;
    return n;
  }

  list(conversationId: string): Message[] {
    return [...(this.#byConversation.get(conversationId)?.values() ?? [])].sort((a, b) => a.seq - b.seq);
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
  readonly view = new SeqView();
  /** Sends that were retried (timeout or retryable error). */
  retries = 0;
  /** How many times each message id arrived live (`message:new`), followed or not. */
  readonly deliveries = new Map<string, number>();
  /** Conversations this client keeps in sync. */
  readonly following = new Set<string>();
  protected readonly socket: AnySocket;
  readonly #outbox: Outgoing[] = [];
  #pumping = false;
  #closed = false;
  readonly #ackTimeoutMs: number;
  readonly #retryBaseMs: number;

  protected constructor(socket: AnySocket, options: ClientOptions) {
    this.socket = socket;
    this.#ackTimeoutMs = options.ackTimeoutMs ?? 2000;
    this.#retryBaseMs = options.retryBaseMs ?? 100;
    socket.on('message:new', (message: Message) => {
      this.deliveries.set(message.id, (this.deliveries.get(message.id) ?? 0) + 1);
      if (!this.accepts(message)) return;
      const gap = message.seq > this.view.contiguous(message.conversationId) + 1;
      this.view.add(message);
      if (gap) void this.sync(message.conversationId);
    });
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  get pending(): number {
    return this.#outbox.length;
  }

  /** Brings one conversation up to date: everything after the last contiguous seq. */
  async sync(conversationId: string): Promise<void> {
    this.following.add(conversationId);
    for (;;) {
      const afterSeq = this.view.contiguous(conversationId);
      let ack: Ack<{ messages: Message[] }>;
      try {
        ack = await this.socket.timeout(this.#ackTimeoutMs).emitWithAck('messages:sync', { conversationId, afterSeq });
      } catch {
        return; // Offline or slow: the next connect syncs again.
      }
      if (!ack.ok) return;
      for (const message of ack.messages) this.view.add(message);
      if (ack.messages.length < 500) return;
    }
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
    this.socket.disconnect();
    for (const item of this.#outbox.splice(0)) item.reject(new Error('client closed'));
  }

  protected enqueue(item: Omit<Outgoing, 'resolve' | 'reject' | 'clientId'> & { clientId?: string }): Promise<{ seq: number; conversationId: string }> {
    return new Promise((resolve, reject) => {
      this.#outbox.push({ clientId: item.clientId ?? newClientId(), text: item.text, ...(item.conversationId ? { conversationId: item.conversationId } : {}), resolve, reject });
      void this.#pump();
    });
  }

  /** Whether a live message belongs in the view. */
  protected accepts(message: Message): boolean {
    return this.following.has(message.conversationId);
  }

  protected abstract emitSend(item: Outgoing, timeoutMs: number): Promise<Ack<{ seq: number; conversationId?: string }>>;

  async #waitConnected(ms: number): Promise<boolean> {
    if (this.socket.connected) return true;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.socket.once('connect', done);
    });
    return this.socket.connected;
  }

  /** One message in flight at a time, so a sender's messages are stored in the order typed. */
  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    let attempt = 0;
    try {
      while (!this.#closed && this.#outbox.length > 0) {
        const item = this.#outbox[0]!;
        if (!(await this.#waitConnected(this.#ackTimeoutMs))) continue;
        let ack: Ack<{ seq: number; conversationId?: string }> | null = null;
        try {
          ack = await this.emitSend(item, this.#ackTimeoutMs);
        } catch {
          ack = null; // timed out: the server may or may not have it; the clientId makes a resend safe
        }
        if (ack?.ok) {
          this.#outbox.shift();
          attempt = 0;
          const conversationId = ack.conversationId ?? item.conversationId!;
          this.following.add(conversationId);
          item.resolve({ seq: ack.seq, conversationId });
          continue;
        }
        if (ack && FINAL.has(ack.error.code)) {
          this.#outbox.shift();
          item.reject(Object.assign(new Error(ack.error.message), { code: ack.error.code }));
          continue;
        }
        this.retries++;
        const step = Math.min(2000, this.#retryBaseMs * 2 ** attempt++);
        await sleep(step / 2 + (Math.random() * step) / 2);
      }
    } finally {
      this.#pumping = false;
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
    const auth: { site: string; token?: string } = { site: options.site ?? 'default', ...(options.token ? { token: options.token } : {}) };
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
    return (this.socket as VisitorSocket).timeout(timeoutMs).emitWithAck('message:send', { clientId: item.clientId, text: item.text });
  }
}

/** Signs in over HTTP and returns the session cookie (`name=value`). */
export async function login(url: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
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
    return (this.socket as AgentSocket).timeout(timeoutMs).emitWithAck('message:send', { conversationId: item.conversationId!, clientId: item.clientId, text: item.text });
  }
}
