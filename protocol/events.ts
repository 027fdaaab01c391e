/**
 * The Socket.IO contract (docs/architecture.md, "The contract"). Widget, console and server all type
 * their sockets with these maps, so renaming an event here fails to compile everywhere it is used.
 */
import type {
  AgentProfile,
  AgentStatus,
  ClientId,
  ConversationDetail,
  ConversationId,
  ConversationStatus,
  ConversationSummary,
  IsoTime,
  Message,
  Presence,
  VisitorContext,
  VisitorId,
} from './types.js';
import type { ErrorCode } from './errors.js';
import type { SuggestedAnswer } from './answers.js';

export const PROTOCOL_VERSION = 1;

/** Codes, statuses and retry rules live in the one catalogue, protocol/errors.ts. */
export type { ErrorCode } from './errors.js';

export interface ErrorBody {
  code: ErrorCode;
  message: string;
}

/** Every acknowledgement is `{ ok: true, ...data }` or `{ ok: false, error }`. */
export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: ErrorBody };
export type AckFn<T extends object = object> = (response: Ack<T>) => void;

export const MAX_MESSAGE_LENGTH = 4000;

// ---------- /visitor ----------

/** Handshake `auth` of the /visitor namespace. */
export interface VisitorAuth {
  site: string;
  token?: string;
  /**
   * The site's signed-in user. With a site secret, either `hash` = HMAC-SHA256(secret, id) in hex
   * (vouches for the id only) or `token`, an identity token (a JWT, HS256 with the secret, claims
   * sub = id, name, email, exp; vouches for each claim until it expires); the visitor then
   * follows the user across devices. Without a secret, name and email are hints.
   */
  user?: { id: string; hash?: string; token?: string; name?: string; email?: string };
  locale?: string;
}

export interface VisitorHello {
  visitorId: VisitorId;
  /** Keep it (localStorage): it is the only way back to this visitor's conversations. */
  token: string;
  conversation: { id: ConversationId; status: ConversationStatus; lastSeq: number } | null;
  presence: Presence;
}

export interface VisitorMessageSend {
  clientId: ClientId;
  /** May be empty when `attachments` is not. */
  text: string;
  /** Ids of the visitor's own uploads (POST /api/attachments). */
  attachments?: string[];
  context?: VisitorContext;
}
export interface SyncRequest {
  conversationId: ConversationId;
  afterSeq: number;
}
export interface TypingPayload {
  conversationId: ConversationId;
  typing: boolean;
}
export interface ReadPayload {
  conversationId: ConversationId;
  seq: number;
}
export interface OfflineLeave {
  clientId: ClientId;
  email: string;
  text: string;
  name?: string;
  context?: VisitorContext;
}
export interface SurveyAnswer {
  conversationId: ConversationId;
  score: number;
  comment?: string;
}

export interface VisitorClientToServer {
  'message:send': (
    payload: VisitorMessageSend,
    ack: AckFn<{ conversationId: ConversationId; seq: number; createdAt: IsoTime }>,
  ) => void;
  'messages:sync': (payload: SyncRequest, ack: AckFn<{ messages: Message[] }>) => void;
  typing: (payload: TypingPayload) => void;
  read: (payload: ReadPayload) => void;
  'offline:leave': (payload: OfflineLeave, ack: AckFn<{ conversationId: ConversationId }>) => void;
  'survey:answer': (payload: SurveyAnswer, ack: AckFn) => void;
}

/**
 * Every client → server event of /visitor at run time: the server refuses any other, and the
 * fuzz test sends each. `satisfies` keeps it equal to the map above.
 */
export const VISITOR_CLIENT_EVENTS = Object.keys({
  'message:send': true,
  'messages:sync': true,
  typing: true,
  read: true,
  'offline:leave': true,
  'survey:answer': true,
} satisfies Record<keyof VisitorClientToServer, true>) as (keyof VisitorClientToServer)[];

export interface VisitorServerToClient {
  hello: (hello: VisitorHello) => void;
  'message:new': (message: Message) => void;
  typing: (payload: TypingPayload & { name?: string }) => void;
  /** The agent has seen the visitor's messages up to `seq`. */
  read: (payload: ReadPayload) => void;
  presence: (presence: Presence) => void;
  'conversation:closed': (payload: { conversationId: ConversationId; survey: boolean }) => void;
  /** Sent just before the server disconnects the socket on purpose. */
  error: (error: ErrorBody) => void;
}

// ---------- /agent ----------

export interface AgentMessageSend {
  conversationId: ConversationId;
  clientId: ClientId;
  /** May be empty when `attachments` is not. */
  text: string;
  /** Ids of uploads made for this conversation. */
  attachments?: string[];
  internal?: boolean;
  /** Sends FAQ entry `entryId` as an answer card; the visitor's latest message becomes its learned phrasing. */
  card?: { entryId: string };
}
export interface ConversationRef {
  conversationId: ConversationId;
}
export interface ConversationTransfer {
  conversationId: ConversationId;
  agentId: string;
}

export interface AgentClientToServer {
  'conversation:claim': (payload: ConversationRef, ack: AckFn<{ conversation: ConversationSummary }>) => void;
  'conversation:transfer': (payload: ConversationTransfer, ack: AckFn<{ conversation: ConversationSummary }>) => void;
  'conversation:close': (payload: ConversationRef, ack: AckFn<{ conversation: ConversationSummary }>) => void;
  /** The whole conversation with its context, previous conversations and messages. */
  'conversation:get': (payload: ConversationRef, ack: AckFn<{ conversation: ConversationDetail }>) => void;
  'message:send': (payload: AgentMessageSend, ack: AckFn<{ seq: number; createdAt: IsoTime }>) => void;
  'messages:sync': (payload: SyncRequest, ack: AckFn<{ messages: Message[] }>) => void;
  typing: (payload: TypingPayload) => void;
  read: (payload: ReadPayload) => void;
  'status:set': (payload: { status: AgentStatus }, ack: AckFn) => void;
  /** FAQ entries and saved replies matching the visitor's latest message (`query`). */
  'answers:suggest': (payload: ConversationRef, ack: AckFn<{ query: string; answers: SuggestedAnswer[] }>) => void;
}

/** Every client → server event of /agent at run time (see VISITOR_CLIENT_EVENTS). */
export const AGENT_CLIENT_EVENTS = Object.keys({
  'conversation:claim': true,
  'conversation:transfer': true,
  'conversation:close': true,
  'conversation:get': true,
  'message:send': true,
  'messages:sync': true,
  typing: true,
  read: true,
  'status:set': true,
  'answers:suggest': true,
} satisfies Record<keyof AgentClientToServer, true>) as (keyof AgentClientToServer)[];

export interface AgentServerToClient {
  hello: (payload: { agent: AgentProfile; status: AgentStatus }) => void;
  /** Open conversations of the agent's sites, oldest waiting first. */
  queue: (conversations: ConversationSummary[]) => void;
  /**
   * A queue row changed in a way `message:new` does not tell: opened, claimed, transferred,
   * closed, new context. After a plain message only `message:new` comes, and the console moves
   * the row's last message, lastSeq and waitingSince itself (console/lib/queue.ts applyMessage).
   * A summary may have been read before a message the console already shows: those three
   * fields are taken from it only when its lastSeq is not older (freshestSummary).
   */
  'conversation:updated': (conversation: ConversationSummary) => void;
  'message:new': (message: Message) => void;
  typing: (payload: TypingPayload & { from: 'visitor' | 'agent'; name?: string }) => void;
  read: (payload: ReadPayload & { by: 'visitor' | 'agent' }) => void;
  error: (error: ErrorBody) => void;
}

/** Per-socket data the server keeps (typed `socket.data`). */
export interface VisitorSocketData {
  site: string;
  visitorId: VisitorId;
}
export interface AgentSocketData {
  agentId: string;
  sessionId: string;
}

/** Between server processes (through the adapter), never from a client. */
export interface InterServerEvents {
  /** An agent's status changed somewhere: cached presence is stale everywhere. */
  'presence:changed': () => void;
  /**
   * A message for the visitor's tabs (`visitorRoom`; none for an internal note) and the site's
   * agents: each process gives its own sockets in those rooms `message:new`.
   */
  'message:relay': (relay: { message: Message; visitorRoom: string | null; agentsRoom: string }) => void;
}
