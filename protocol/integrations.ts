/**
 * What leaves Pasokh for other systems: the integration events webhooks subscribe to, and
 * the delivery rows the console shows. Pure types and constants.
 */
import type { AgentId, ConversationId, IsoTime, Message, SiteKey, VisitorId } from './types.js';

export const INTEGRATION_EVENTS = [
  'conversation.created',
  'message.created',
  'conversation.assigned',
  'conversation.closed',
  'survey.answered',
  'offline.message',
] as const;

export type IntegrationEventType = (typeof INTEGRATION_EVENTS)[number];

/** The page a conversation started on, as the widget reported it. */
export interface EventPage {
  url?: string;
  title?: string;
}

/** `data` of each event type. Every one names its conversation and visitor. */
export interface IntegrationEventData {
  'conversation.created': { conversationId: ConversationId; visitorId: VisitorId; page: EventPage };
  'message.created': { conversationId: ConversationId; visitorId: VisitorId; page: EventPage; message: Message };
  'offline.message': { conversationId: ConversationId; visitorId: VisitorId; page: EventPage; message: Message };
  'conversation.assigned': { conversationId: ConversationId; visitorId: VisitorId; assigneeId: AgentId };
  'conversation.closed': { conversationId: ConversationId; visitorId: VisitorId; closedAt: IsoTime };
  'survey.answered': { conversationId: ConversationId; visitorId: VisitorId; score: number; comment: string | null };
}

/** The webhook body: `{ id, type, createdAt, site, data }`; `id` is also X-Pasokh-Delivery. */
export type IntegrationEvent = {
  [T in IntegrationEventType]: { id: string; type: T; createdAt: IsoTime; site: SiteKey; data: IntegrationEventData[T] };
}[IntegrationEventType];

/** Where a delivery goes: a signed webhook, a Slack incoming webhook, or an email. */
export type DeliveryTarget = 'webhook' | 'slack' | 'mail';
/** `skipped`: no longer needed when due (the visitor came back, someone claimed the conversation). */
export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'skipped';

/** One delivery as the console lists it. */
export interface DeliveryView {
  id: string;
  eventId: string;
  eventType: IntegrationEventType;
  site: SiteKey;
  target: DeliveryTarget;
  /** The endpoint URL (without credentials) or the mail recipient. */
  destination: string;
  status: DeliveryStatus;
  attempts: number;
  /** The last HTTP status the endpoint answered; null before the first answer. */
  responseCode: number | null;
  lastError: string | null;
  /** When the next attempt is due; null once delivered or given up. */
  nextAttemptAt: IsoTime | null;
  createdAt: IsoTime;
  updatedAt: IsoTime;
}

/** GET /api/deliveries */
export interface DeliveriesResponse {
  /** How email leaves: SMTP, .eml files in the data folder (development), or not at all. */
  email: 'smtp' | 'files' | 'off';
  /** Webhook and Slack endpoints configured over all sites. */
  webhooks: number;
  /** Newest first. */
  deliveries: DeliveryView[];
}

/** A webhook endpoint signs JSON bodies; a Slack one posts readable messages. */
export type WebhookKind = 'webhook' | 'slack';

/** The type of the event "Send test event" posts; it never comes from the outbox. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

/** An endpoint as the console lists it: never its secret. */
export interface WebhookEndpointView {
  /** Null for an endpoint from the config file (read-only in the console). */
  id: string | null;
  source: 'console' | 'config';
  site: SiteKey;
  type: WebhookKind;
  /** A console webhook's full URL; Slack's and the config file's without path secrets or query. */
  url: string;
  events: IntegrationEventType[];
  enabled: boolean;
}

/** GET /api/console/webhooks */
export interface WebhooksResponse {
  sites: { key: SiteKey; name: string }[];
  events: readonly IntegrationEventType[];
  endpoints: WebhookEndpointView[];
}

/**
 * POST /api/console/webhooks, PUT /api/console/webhooks/:id. A blank `secret` makes one when
 * adding (and keeps the old one when editing); a blank `url` keeps a Slack endpoint's URL.
 */
export interface WebhookEndpointInput {
  site: SiteKey;
  type: WebhookKind;
  url?: string;
  secret?: string;
  events: IntegrationEventType[];
  enabled?: boolean;
}

/** The answer to adding or editing: `secret` is set only when one was made or given (shown once). */
export interface WebhookSaved {
  endpoint: WebhookEndpointView;
  secret: string | null;
}

/** POST /api/console/webhooks/:id/test */
export interface WebhookTestResult {
  ok: boolean;
  responseCode: number | null;
  error: string | null;
}
