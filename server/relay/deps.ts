import type { Logger } from 'pino';
import type { Namespace, Server, Socket } from 'socket.io';
import type { LimiterFactory } from '../rate-limits.js';
import type {
  AgentClientToServer,
  AgentServerToClient,
  AgentSocketData,
  InterServerEvents,
  VisitorClientToServer,
  VisitorServerToClient,
  VisitorSocketData,
} from '../../protocol/events.js';
import type { Message } from '../../protocol/types.js';
import type { Config, SiteConfig } from '../config.js';
import type { Attachments } from '../attachments/service.js';
import type { Store } from '../store/store.js';
import type { Metrics } from '../http/metrics.js';
import type { PresenceTracker } from './presence.js';
import type { Answers } from '../answers/index.js';

export type VisitorNamespace = Namespace<VisitorClientToServer, VisitorServerToClient, InterServerEvents, VisitorSocketData>;
/** What the server keeps on an agent socket beyond what the handshake proved. */
export type AgentSocketState = AgentSocketData & { status: 'online' | 'away'; name: string; sites: string[] | null };
export type AgentNamespace = Namespace<AgentClientToServer, AgentServerToClient, InterServerEvents, AgentSocketState>;
export type AgentSocket = Socket<AgentClientToServer, AgentServerToClient, InterServerEvents, AgentSocketState>;
export type VisitorSocket = Socket<VisitorClientToServer, VisitorServerToClient, InterServerEvents, VisitorSocketData>;
export type RelayServer = Server;

/** Limits that keep one client from hurting the rest. Tests and benchmarks may raise them. */
export interface RelayLimits {
  /** Messages a visitor may send per 10 s. @default 20 */
  visitorMessagesPer10s: number;
  /** Messages an agent may send per 10 s. @default 60 */
  agentMessagesPer10s: number;
  /** Socket events per 5 s before the socket is disconnected. @default 40 */
  eventsPer5s: number;
  /** New visitor connections per IP per minute. @default 120 */
  connectionsPerMinute: number;
  /** New visitor connections per IP per 10 minutes beyond the per-minute rate (a burst). @default 480 */
  newVisitorBurstPer10m: number;
  /** Connections of one returning visitor (per token, whatever its address; its tabs share it) per minute. @default 60 */
  reconnectsPerMinute: number;
  /** Login attempts per IP and email per 15 minutes. @default 10 */
  loginsPer15m: number;
  /** FAQ analytics events per visitor per minute. @default 60 */
  beaconsPerMinute: number;
}

export const DEFAULT_LIMITS: RelayLimits = {
  visitorMessagesPer10s: 20,
  agentMessagesPer10s: 60,
  eventsPer5s: 40,
  connectionsPerMinute: 120,
  newVisitorBurstPer10m: 480,
  reconnectsPerMinute: 60,
  loginsPer15m: 10,
  beaconsPerMinute: 60,
};

export interface RelayDeps {
  config: Config;
  store: Store;
  logger: Logger;
  limits: RelayLimits;
  metrics: Metrics;
  site(key: string): SiteConfig | undefined;
  presence: PresenceTracker;
  /** Makes the rate limiters that must hold across processes. */
  limiter: LimiterFactory;
  /** Uploaded files: the relay turns the ids a message names into what it carries. */
  attachments: Attachments;
  /**
   * Called with each commit's new messages after the commit and before any ack or relay. For
   * fault injection from a test entry (a crash between commit and ack); production passes none.
   */
  afterCommit?: (messages: Message[]) => void;
  /** Suggested answers, answer cards and learned phrasings; without it none are offered. */
  answers?: Answers;
}
