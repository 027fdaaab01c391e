/**
 * Runtime schemas for every payload a client can send. The server validates each handler's
 * `unknown` input with these; the widget never imports this file (valibot stays out of its bundle).
 */
import * as v from 'valibot';
import { MAX_ATTACHMENTS_PER_MESSAGE } from './attachments.js';
import { MAX_MESSAGE_LENGTH } from './events.js';

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(64), v.regex(/^[A-Za-z0-9_-]+$/, 'must be an id'));
const clientId = v.pipe(v.string(), v.minLength(8), v.maxLength(64), v.regex(/^[A-Za-z0-9_-]+$/, 'must be a UUID-like id'));
const seq = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));
const shortText = (max: number) => v.pipe(v.string(), v.maxLength(max));
/** Message text: not blank once trimmed, and at most MAX_MESSAGE_LENGTH characters. */
const messageText = v.pipe(
  v.string(),
  v.maxLength(MAX_MESSAGE_LENGTH, `must be at most ${MAX_MESSAGE_LENGTH} characters`),
  v.check((s) => s.trim().length > 0, 'must not be empty'),
);
/** Text beside attachments: may be empty, but a message without attachments needs some. */
const messageBody = v.pipe(v.string(), v.maxLength(MAX_MESSAGE_LENGTH, `must be at most ${MAX_MESSAGE_LENGTH} characters`));
const attachmentIds = v.pipe(v.array(id), v.minLength(1), v.maxLength(MAX_ATTACHMENTS_PER_MESSAGE));
/** A message needs text, attachments, or both. */
function withContent<T extends { text: string; attachments?: string[] | undefined }>() {
  return v.check<T, 'text must not be empty'>(
    (m) => m.text.trim().length > 0 || m.attachments !== undefined,
    'text must not be empty',
  );
}
const email = v.pipe(v.string(), v.trim(), v.maxLength(254), v.email('must be an email address'));

export const visitorContextSchema = v.strictObject({
  url: v.optional(shortText(2048)),
  title: v.optional(shortText(512)),
  referrer: v.optional(shortText(2048)),
  locale: v.optional(shortText(16)),
  userAgent: v.optional(shortText(512)),
  searches: v.optional(
    v.pipe(
      v.array(
        v.strictObject({
          query: shortText(200),
          hits: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1000)),
          at: v.optional(shortText(40)),
        }),
      ),
      v.maxLength(50),
    ),
  ),
  articles: v.optional(
    v.pipe(
      v.array(
        v.strictObject({
          id: shortText(128),
          title: v.optional(shortText(512)),
          helpful: v.optional(v.boolean()),
        }),
      ),
      v.maxLength(50),
    ),
  ),
});

export const visitorAuthSchema = v.object({
  site: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  token: v.optional(v.pipe(v.string(), v.maxLength(128))),
  user: v.optional(
    v.object({
      id: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
      // Optional: a site without a secret takes name and email as unverified hints.
      hash: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/i, 'must be a hex HMAC-SHA256'))),
      token: v.optional(
        v.pipe(v.string(), v.maxLength(4096), v.regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, 'must be a JWT (identity token)')),
      ),
      name: v.optional(shortText(120)),
      email: v.optional(email),
    }),
  ),
  locale: v.optional(shortText(16)),
});

export const visitorMessageSendSchema = v.pipe(
  v.strictObject({
    clientId,
    text: messageBody,
    attachments: v.optional(attachmentIds),
    context: v.optional(visitorContextSchema),
  }),
  withContent(),
);

export const syncRequestSchema = v.strictObject({ conversationId: id, afterSeq: seq });
export const typingSchema = v.strictObject({ conversationId: id, typing: v.boolean() });
export const readSchema = v.strictObject({ conversationId: id, seq });

export const offlineLeaveSchema = v.strictObject({
  clientId,
  email,
  text: messageText,
  name: v.optional(shortText(120)),
  context: v.optional(visitorContextSchema),
});

export const surveyAnswerSchema = v.strictObject({
  conversationId: id,
  score: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10)),
  comment: v.optional(shortText(2000)),
});

export const agentMessageSendSchema = v.pipe(
  v.strictObject({
    conversationId: id,
    clientId,
    text: messageBody,
    attachments: v.optional(attachmentIds),
    internal: v.optional(v.boolean()),
    /** An FAQ answer sent as a card; the server fills its title from the FAQ. */
    card: v.optional(v.strictObject({ entryId: v.pipe(v.string(), v.minLength(1), v.maxLength(128)) })),
  }),
  withContent(),
);
export const conversationRefSchema = v.strictObject({ conversationId: id });
export const conversationTransferSchema = v.strictObject({ conversationId: id, agentId: id });
export const statusSetSchema = v.strictObject({ status: v.picklist(['online', 'away']) });

// ---------- HTTP bodies ----------

export const loginSchema = v.strictObject({
  email,
  password: v.pipe(v.string(), v.minLength(1), v.maxLength(1024)),
});

/**
 * A new agent, however it is created (`pasokh agent add`, POST /api/agents, the first admin from
 * PASOKH_ADMIN_EMAIL): server/auth/agents.ts addAgent checks it. An empty name becomes the
 * email's local part; the password's length is checked there, with a sentence of its own.
 */
/** The sites an agent serves: site keys, or null for every site. */
export const siteKeysSchema = v.nullable(v.pipe(v.array(v.pipe(v.string(), v.maxLength(64))), v.maxLength(200)));

export const newAgentSchema = v.strictObject({
  email: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.maxLength(254), v.email('must be an email address')),
  name: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(120)), ''),
  password: v.string(),
  role: v.optional(v.picklist(['admin', 'agent'], 'must be "admin" or "agent"'), 'agent'),
  sites: v.optional(siteKeysSchema),
});
export type NewAgentInput = v.InferInput<typeof newAgentSchema>;

export const faqEventSchema = v.strictObject({
  kind: v.picklist(['search', 'view', 'helpful', 'deflect']),
  query: v.optional(shortText(200)),
  hits: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1000))),
  articleId: v.optional(shortText(128)),
  helpful: v.optional(v.boolean()),
  locale: v.optional(v.picklist(['en', 'fa'])),
});
export const faqEventsBodySchema = v.strictObject({
  site: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  token: v.optional(v.pipe(v.string(), v.maxLength(128))),
  events: v.pipe(v.array(faqEventSchema), v.minLength(1), v.maxLength(50)),
});

/** Turns valibot issues into one sentence for an `invalid_payload` error. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
