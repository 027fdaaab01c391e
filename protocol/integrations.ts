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
