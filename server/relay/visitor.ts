/**
 * The /visitor namespace: who the visitor is (token or verified identity), what it may read
 * (only its own conversations), and the handlers that validate, save, acknowledge, then relay.
 */
import * as v from 'valibot';
import { VISITOR_CLIENT_EVENTS, type VisitorAuth, type VisitorHello } from '../../protocol/events.js';
import {
  offlineLeaveSchema,
  readSchema,
  surveyAnswerSchema,
  syncRequestSchema,
  typingSchema,
  visitorAuthSchema,
  visitorMessageSendSchema,
  describeIssues,
} from '../../protocol/schemas.js';
import type { Author, ConversationId, Message, VerifiableField } from '../../protocol/types.js';
import { IdentityRefused, proveIdentity } from '../auth/identity.js';
import { hashToken, looksLikeToken, newToken } from '../auth/tokens.js';
import { clientAddressResolver } from '../http/trust-proxy.js';
import { isOriginAllowed } from '../sites.js';
import type { ConversationRecord, VisitorRecord } from '../store/store.js';
import type { AgentNamespace, RelayDeps, VisitorNamespace } from './deps.js';
import { createFloodLimiter, guarded, guardedSignal, installSocketGuard, RelayError } from './guard.js';
import { rooms } from './rooms.js';
import { autoAckClientId, autoAckText, visitorLocale } from './auto-ack.js';
import { createCommitter } from './committer.js';
import { createConnectionLimits } from './connection-limits.js';
import type { UpdateNotifier } from './updates.js';

const VISITOR_EVENTS = new Set<string>(VISITOR_CLIENT_EVENTS);
/** A closed conversation is still shown (and can be rated) when the visitor returns within this. */
const RECENT_CLOSED_MS = 7 * 24 * 3600 * 1000;

function refuse(code: string, message: string): Error {
  const error = new Error(message) as Error & { data: { code: string } };
  error.data = { code };
  return error;
}

/** The stored visitor the handshake's token names, if any. */
async function visitorByToken(deps: RelayDeps, auth: VisitorAuth): Promise<{ tokenHash: string; visitor: VisitorRecord } | null> {
  if (!looksLikeToken(auth.token)) return null;
  const tokenHash = hashToken(auth.token);
  const visitor = await deps.store.findVisitorByTokenHash(auth.site, tokenHash);
  return visitor ? { tokenHash, visitor } : null;
}

/** Finds or creates the visitor behind a handshake; returns it with the token it should keep. */
async function resolveVisitor(
  deps: RelayDeps,
  auth: VisitorAuth,
  byToken: VisitorRecord | null,
): Promise<{ visitor: VisitorRecord; token: string }> {
  const { store } = deps;
  const site = deps.site(auth.site)!;
  const profile = {
    ...(auth.user?.name ? { name: auth.user.name } : {}),
    ...(auth.user?.email ? { email: auth.user.email } : {}),
    ...(auth.locale ? { locale: auth.locale.slice(0, 16) } : {}),
  };

  // A verified identity follows the user across devices; an unverified one is only a name hint.
  if (auth.user && site.secret) {
    const proven = await proveIdentity(site.secret, auth.user).catch((error: unknown) => {
      throw error instanceof IdentityRefused ? refuse('unauthorized', error.message) : error;
    });
    return resolveIdentified(
      store,
      site.key,
      { ...profile, ...proven.profile, verifiedFields: proven.verifiedFields },
      proven.externalId,
      byToken,
      auth.token,
    );
  }
  if (byToken && auth.token) {
    const changed = Object.keys(profile).length > 0;
    return { visitor: changed ? await store.updateVisitor(byToken.id, profile) : byToken, token: auth.token };
  }
  const token = newToken();
  return { visitor: await store.createVisitor({ site: site.key, tokenHash: hashToken(token), ...profile }), token };
}

/** The visitor of a user the site vouched for: found by the site's user id, else created. */
async function resolveIdentified(
  store: RelayDeps['store'],
  site: string,
  profile: { name?: string; email?: string; locale?: string; verifiedFields: VerifiableField[] },
  externalId: string,
  byToken: VisitorRecord | null,
  token: string | undefined,
): Promise<{ visitor: VisitorRecord; token: string }> {
  const known = await store.findVisitorByExternalId(site, externalId);
  if (known) {
    if (byToken && byToken.id === known.id && token) return { visitor: await store.updateVisitor(known.id, profile), token };
    const fresh = newToken();
    return { visitor: await store.updateVisitor(known.id, { ...profile, tokenHash: hashToken(fresh) }), token: fresh };
  }
  const fresh = newToken();
  return { visitor: await store.createVisitor({ site, tokenHash: hashToken(fresh), externalId, ...profile }), token: fresh };
}

/** The conversation the widget should show on arrival: the open one, else one closed recently. */
async function currentConversation(deps: RelayDeps, visitorId: string): Promise<ConversationRecord | null> {
  const open = await deps.store.findOpenConversation(visitorId);
  if (open) return open;
  const [latest] = await deps.store.listVisitorConversations(visitorId, 1);
  if (latest?.closedAt && Date.now() - Date.parse(latest.closedAt) < RECENT_CLOSED_MS) return latest;
  return null;
}

export function registerVisitorNamespace(
  visitors: VisitorNamespace,
  agents: AgentNamespace,
  deps: RelayDeps,
  updates: UpdateNotifier,
): void {
  const { store, logger, limits, metrics } = deps;
  const connectionLimits = createConnectionLimits(limits, deps.limiter);
  const clientAddress = clientAddressResolver(deps.config.trustProxy);
  const messageLimiter = deps.limiter('visitor-messages', limits.visitorMessagesPer10s, 10);
  const floodLimiter = createFloodLimiter({ points: limits.eventsPer5s, windowSeconds: 5 });
  const tokens = new WeakMap<object, string>();
  const committer = createCommitter(store, deps.afterCommit ? { afterCommit: deps.afterCommit } : {});

  visitors.use((socket, next) => {
    const parsed = v.safeParse(visitorAuthSchema, socket.handshake.auth);
    if (!parsed.success) return next(refuse('invalid_payload', `Bad handshake: ${describeIssues(parsed.issues)}`));
    const auth = parsed.output;
    const site = deps.site(auth.site);
    if (!site) return next(refuse('unknown_site', `There is no site "${auth.site}" on this server.`));
    if (!isOriginAllowed(site, socket.handshake.headers.origin, socket.handshake.headers.host)) {
      return next(
        refuse(
          'origin_not_allowed',
          `Pages at ${socket.handshake.headers.origin} may not use site "${site.key}"; add the origin to allowedOrigins.`,
        ),
      );
    }
    visitorByToken(deps, auth)
      .then(async (returning) => {
        await (returning
          ? connectionLimits.returning(returning.tokenHash)
          : connectionLimits.fresh(clientAddress(socket.request)));
        return resolveVisitor(deps, auth, returning?.visitor ?? null);
      })
      .then(({ visitor, token }) => {
        socket.data = { site: site.key, visitorId: visitor.id };
        tokens.set(socket, token);
        next();
      })
      .catch((error: unknown) => {
        if (error instanceof Error && 'data' in error) return next(error);
        logger.error({ err: error }, 'visitor handshake failed');
        next(refuse('internal', 'The server could not start the chat; please try again.'));
      });
  });

  visitors.on('connection', (socket) => {
    const { site: siteKey, visitorId } = socket.data;
    const site = deps.site(siteKey)!;
    /** Conversations this socket has been shown to own: typing/read need no database read. */
    const owned = new Set<ConversationId>();
    installSocketGuard(socket, VISITOR_EVENTS, floodLimiter);
    void socket.join([rooms.visitor(visitorId), rooms.site(siteKey)]);

    async function sayHello(): Promise<void> {
      const [conversation, presence] = await Promise.all([currentConversation(deps, visitorId), deps.presence.forSite(site)]);
      if (conversation) owned.add(conversation.id);
      const hello: VisitorHello = {
        visitorId,
        token: tokens.get(socket) ?? '',
        conversation: conversation ? { id: conversation.id, status: conversation.status, lastSeq: conversation.lastSeq } : null,
        presence,
      };
      socket.emit('hello', hello);
    }
    sayHello().catch((error: unknown) => logger.error({ err: error }, 'visitor hello failed'));

    async function ownConversation(conversationId: ConversationId): Promise<ConversationRecord> {
      const conversation = await store.getConversation(conversationId);
      // Someone else's conversation looks exactly like a missing one: nothing leaks.
      if (!conversation || conversation.visitorId !== visitorId) throw new RelayError('not_found', 'No such conversation.');
      owned.add(conversationId);
      return conversation;
    }

    /**
     * `changed`: the message also changed what a queue row shows beyond its last message and
     * wait (a new conversation, new context): agents then get `conversation:updated` too. A
     * plain message needs none — the console keeps those two from `message:new` by the store's
     * rules — which spares every agent a summary, and the server two reads, per message.
     */
    function relay(message: Message, conversation: ConversationRecord, changed: boolean): void {
      visitors.to(rooms.visitor(visitorId)).emit('message:new', message);
      agents.to(rooms.agentsOf(siteKey)).emit('message:new', message);
      if (changed) updates.changed(conversation.id, conversation);
    }

    async function saveVisitorMessage(input: {
      clientId: string;
      text: string;
      context?: object;
      offline?: boolean;
      name?: string;
      email?: string;
    }) {
      const arrived = performance.now();
      await messageLimiter.consume(visitorId);
      const author: Author = { kind: 'visitor', id: visitorId, ...(input.name ? { name: input.name } : {}) };
      // Acked only after the group commit that holds it (docs/architecture.md, "Delivery").
      const result = await committer.appendVisitor({
        site: siteKey,
        visitorId,
        message: { clientId: input.clientId, author, text: input.text },
        ...(input.context ? { context: input.context } : {}),
        ...(input.offline ? { offline: true } : {}),
      });
      owned.add(result.conversation.id);
      if (result.duplicate) {
        metrics.inc('pasokh_messages_duplicate_total');
      } else {
        metrics.inc('pasokh_messages_total');
        metrics.observe('pasokh_message_commit_seconds', (performance.now() - arrived) / 1000);
        if (result.created) metrics.inc('pasokh_conversations_opened_total');
        relay(result.message, result.conversation, result.created || input.context !== undefined || input.offline === true);
        // Acknowledged at once and told when to expect a person; after the visitor's
        // own ack, so it never delays it.
        if (result.created && site.autoAcknowledge)
          void acknowledge(
            result.conversation,
            input.offline && deps.config.mail.transport.kind !== 'off' ? (input.email ?? null) : null,
          );
      }
      return result;
    }

    async function acknowledge(conversation: ConversationRecord, email: string | null): Promise<void> {
      try {
        const presence = await deps.presence.forSite(site);
        const locale = visitorLocale(conversation.context.locale, site.locale);
        const { message, duplicate } = await committer.append(conversation.id, {
          clientId: autoAckClientId(conversation.id),
          author: { kind: 'system' },
          text: autoAckText(locale, presence, email ?? undefined),
        });
        if (!duplicate) relay(message, conversation, false);
      } catch (error) {
        logger.warn({ err: error, conversationId: conversation.id }, 'automatic acknowledgement failed');
      }
    }

    socket.on(
      'message:send',
      guarded(logger, visitorMessageSendSchema, async (input) => {
        const { message, conversation } = await saveVisitorMessage(input);
        return { conversationId: conversation.id, seq: message.seq, createdAt: message.createdAt };
      }),
    );

    socket.on(
      'messages:sync',
      guarded(logger, syncRequestSchema, async ({ conversationId, afterSeq }) => {
        await ownConversation(conversationId);
        return { messages: await store.listMessages(conversationId, { afterSeq, includeInternal: false }) };
      }),
    );

    socket.on(
      'typing',
      guardedSignal(logger, typingSchema, async ({ conversationId, typing }) => {
        if (!owned.has(conversationId)) await ownConversation(conversationId);
        agents.to(rooms.agentsOf(siteKey)).emit('typing', { conversationId, typing, from: 'visitor' });
      }),
    );

    socket.on(
      'read',
      guardedSignal(logger, readSchema, async ({ conversationId, seq }) => {
        if (!owned.has(conversationId)) await ownConversation(conversationId);
        agents.to(rooms.agentsOf(siteKey)).emit('read', { conversationId, seq, by: 'visitor' });
      }),
    );

    socket.on(
      'offline:leave',
      guarded(logger, offlineLeaveSchema, async ({ clientId, email, text, name, context }) => {
        await store.updateVisitor(visitorId, { email, ...(name ? { name } : {}) });
        const { conversation } = await saveVisitorMessage({
          clientId,
          text,
          offline: true,
          email,
          ...(name ? { name } : {}),
          ...(context ? { context } : {}),
        });
        return { conversationId: conversation.id };
      }),
    );

    socket.on(
      'survey:answer',
      guarded(logger, surveyAnswerSchema, async ({ conversationId, score, comment }) => {
        await ownConversation(conversationId);
        await store.saveSurvey(conversationId, score, comment ?? null);
        return {};
      }),
    );
  });

  metrics.gauge('pasokh_visitor_sockets', () => visitors.sockets.size);
}
