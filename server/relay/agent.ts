/**
 * The /agent namespace: signed-in agents see the queue, claim, transfer, reply (or write
 * internal notes, which never reach the visitor) and close.
 */
import { AGENT_CLIENT_EVENTS } from '../../protocol/events.js';
import type { AgentProfile, ConversationSummary } from '../../protocol/types.js';
import {
  agentMessageSendSchema,
  conversationRefSchema,
  conversationTransferSchema,
  readSchema,
  statusSetSchema,
  syncRequestSchema,
  typingSchema,
} from '../../protocol/schemas.js';
import { compareQueueRows } from '../../protocol/queue-rules.js';
import { agentFromCookies } from '../auth/sessions.js';
import { isSameHost } from '../http/origins.js';
import { createRevocationSweep, createSessionCheck, installSessionGuard } from '../auth/revocation.js';
import { servesSite, type SiteMember } from '../auth/agent-sites.js';
import { createAgentScope } from './agent-scope.js';
import type { AgentRecord, ConversationRecord } from '../store/store.js';
import type { AgentNamespace, RelayDeps, VisitorNamespace } from './deps.js';
import { createFloodLimiter, guarded, guardedSignal, installSocketGuard, RelayError } from './guard.js';
import { rooms } from './rooms.js';
import type { Summaries } from './summaries.js';
import { createCommitter } from './committer.js';
import type { UpdateNotifier } from './updates.js';

const AGENT_EVENTS = new Set<string>(AGENT_CLIENT_EVENTS);

export function agentProfile(agent: AgentRecord): AgentProfile {
  return { id: agent.id, email: agent.email, name: agent.name, role: agent.role, disabled: agent.disabled, sites: agent.sites };
}

export function registerAgentNamespace(
  agents: AgentNamespace,
  visitors: VisitorNamespace,
  deps: RelayDeps,
  summaries: Summaries,
  messageUpdates: UpdateNotifier,
): void {
  const { store, logger, limits } = deps;
  const messageLimiter = deps.limiter('agent-messages', limits.agentMessagesPer10s, 10);
  const floodLimiter = createFloodLimiter({ points: limits.eventsPer5s * 3, windowSeconds: 5 });
  const committer = createCommitter(store, deps.afterCommit ? { afterCommit: deps.afterCommit } : {});
  const sessions = createSessionCheck(store);
  const scope = createAgentScope(deps.config.sites.map((s) => s.key));
  const revocations = createRevocationSweep({
    sockets: () => agents.sockets.values(),
    check: sessions,
    logger,
    onLive: (socket, agent) => {
      if (!scope.rescope(socket, agent.sites)) return;
      Promise.all([queue(socket.data).then((rows) => socket.emit('queue', rows)), deps.presence.broadcast()]).catch(
        (error: unknown) => logger.error({ err: error }, 'moving an agent to other sites failed'),
      );
    },
  });

  agents.use((socket, next) => {
    const origin = socket.handshake.headers.origin;
    // The console is served by this server: a cookie-bearing socket from another origin is a
    // cross-site hijack attempt, not a user.
    if (origin && !isSameHost(origin, socket.handshake.headers.host)) {
      const error = new Error('The console must be opened from this server.') as Error & { data: object };
      error.data = { code: 'origin_not_allowed' };
      return next(error);
    }
    agentFromCookies(store, socket.handshake.headers.cookie)
      .then((found) => {
        if (!found) {
          const error = new Error('Sign in first.') as Error & { data: object };
          error.data = { code: 'unauthorized' };
          return next(error);
        }
        socket.data = {
          agentId: found.agent.id,
          sessionId: found.tokenHash,
          status: 'online',
          name: found.agent.name,
          sites: found.agent.sites,
        };
        next();
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'agent handshake failed');
        next(new Error('The server could not check the session.'));
      });
  });

  async function queue(member: SiteMember): Promise<ConversationSummary[]> {
    const open = await store.listConversations({ status: 'open', limit: 500, sites: scope.served(member) });
    const rows = await Promise.all(open.map((c) => summaries.summarize(c)));
    return rows.sort(compareQueueRows);
  }

  async function updated(conversation: ConversationRecord): Promise<ConversationSummary> {
    const summary = await summaries.summarize(conversation);
    agents.to(rooms.agentsOf(conversation.site)).emit('conversation:updated', summary);
    return summary;
  }

  /** A conversation of a site the agent does not serve looks exactly like a missing one. */
  async function findConversation(conversationId: string, member: SiteMember): Promise<ConversationRecord> {
    const conversation = await store.getConversation(conversationId);
    if (!conversation || !deps.site(conversation.site) || !servesSite(member, conversation.site))
      throw new RelayError('not_found', 'No such conversation.');
    return conversation;
  }

  // Typing and read signals arrive many times a conversation; a conversation's visitor and site
  // never change, so they need no database read after the first.
  const owners = new Map<string, { visitorId: string; site: string }>();
  async function ownerOf(conversationId: string, member: SiteMember): Promise<{ visitorId: string; site: string }> {
    const known = owners.get(conversationId);
    if (known && servesSite(member, known.site)) return known;
    const { visitorId, site } = await findConversation(conversationId, member);
    if (owners.size >= 10_000) owners.clear();
    owners.set(conversationId, { visitorId, site });
    return { visitorId, site };
  }

  agents.on('connection', (socket) => {
    const { agentId } = socket.data;
    installSocketGuard(socket, AGENT_EVENTS, floodLimiter);
    installSessionGuard(socket, sessions);
    revocations.watch();
    void socket.join([rooms.agents, rooms.agent(agentId), rooms.session(socket.data.sessionId)]);
    scope.join(socket);
    const member = socket.data;
    const find = (conversationId: string) => findConversation(conversationId, member);

    (async () => {
      const agent = await store.getAgent(agentId);
      if (!agent) return socket.disconnect(true);
      socket.emit('hello', { agent: agentProfile(agent), status: socket.data.status });
      socket.emit('queue', await queue(member));
      await deps.presence.broadcast();
    })().catch((error: unknown) => logger.error({ err: error }, 'agent hello failed'));

    socket.on('disconnect', () => {
      deps.presence.broadcast().catch((error: unknown) => logger.error({ err: error }, 'presence broadcast failed'));
    });

    socket.on(
      'conversation:claim',
      guarded(logger, conversationRefSchema, async ({ conversationId }) => {
        const conversation = await find(conversationId);
        if (conversation.assigneeId === agentId) return { conversation: await summaries.summarize(conversation) };
        const claimed = await store.assignConversation(conversationId, agentId, { onlyIfUnassigned: true });
        if (!claimed) throw new RelayError('conflict', 'Another agent has already claimed this conversation.');
        return { conversation: await updated(claimed) };
      }),
    );

    socket.on(
      'conversation:transfer',
      guarded(logger, conversationTransferSchema, async ({ conversationId, agentId: target }) => {
        const conversation = await find(conversationId);
        const to = await store.getAgent(target);
        if (!to || to.disabled || !servesSite(to, conversation.site))
          throw new RelayError('not_found', 'No such agent to transfer to.');
        const moved = await store.assignConversation(conversationId, to.id);
        if (!moved) throw new RelayError('not_found', 'No such conversation.');
        return { conversation: await updated(moved) };
      }),
    );

    socket.on(
      'conversation:close',
      guarded(logger, conversationRefSchema, async ({ conversationId }) => {
        const conversation = await find(conversationId);
        const closed = conversation.status === 'closed' ? conversation : await store.closeConversation(conversationId);
        visitors.to(rooms.visitor(closed.visitorId)).emit('conversation:closed', { conversationId, survey: true });
        return { conversation: await updated(closed) };
      }),
    );

    socket.on(
      'conversation:get',
      guarded(logger, conversationRefSchema, async ({ conversationId }) => ({
        conversation: await summaries.detail(await find(conversationId)),
      })),
    );

    socket.on(
      'message:send',
      guarded(logger, agentMessageSendSchema, async ({ conversationId, clientId, text, internal }) => {
        const arrived = performance.now();
        const conversation = await find(conversationId);
        if (conversation.status === 'closed') throw new RelayError('closed', 'This conversation is closed.');
        await messageLimiter.consume(agentId);
        // Acked only after the group commit that holds it (docs/architecture.md, "Delivery").
        const { message, duplicate } = await committer.append(conversationId, {
          clientId,
          author: { kind: 'agent', id: agentId, name: socket.data.name },
          text,
          ...(internal ? { internal: true } : {}),
        });
        if (duplicate) {
          deps.metrics.inc('pasokh_messages_duplicate_total');
          return { seq: message.seq, createdAt: message.createdAt };
        }
        deps.metrics.inc('pasokh_messages_total');
        deps.metrics.observe('pasokh_message_commit_seconds', (performance.now() - arrived) / 1000);
        // Relayed before anything else is awaited, so live messages leave in commit (seq) order.
        if (!message.internal) visitors.to(rooms.visitor(conversation.visitorId)).emit('message:new', message);
        agents.to(rooms.agentsOf(conversation.site)).emit('message:new', message);
        // Replying to an unassigned conversation takes it, as in every help desk.
        // Only then does the queue row change beyond what `message:new` tells the console.
        if (!internal && !conversation.assigneeId) {
          await store.assignConversation(conversationId, agentId, { onlyIfUnassigned: true });
          messageUpdates.changed(conversationId);
        }
        return { seq: message.seq, createdAt: message.createdAt };
      }),
    );

    socket.on(
      'messages:sync',
      guarded(logger, syncRequestSchema, async ({ conversationId, afterSeq }) => {
        await find(conversationId);
        return { messages: await store.listMessages(conversationId, { afterSeq, includeInternal: true }) };
      }),
    );

    socket.on(
      'typing',
      guardedSignal(logger, typingSchema, async ({ conversationId, typing }) => {
        const { visitorId, site } = await ownerOf(conversationId, member);
        visitors.to(rooms.visitor(visitorId)).emit('typing', { conversationId, typing, name: socket.data.name });
        socket.to(rooms.agentsOf(site)).emit('typing', { conversationId, typing, from: 'agent', name: socket.data.name });
      }),
    );

    socket.on(
      'read',
      guardedSignal(logger, readSchema, async ({ conversationId, seq }) => {
        const { visitorId, site } = await ownerOf(conversationId, member);
        visitors.to(rooms.visitor(visitorId)).emit('read', { conversationId, seq });
        socket.to(rooms.agentsOf(site)).emit('read', { conversationId, seq, by: 'agent' });
      }),
    );

    socket.on(
      'status:set',
      guarded(logger, statusSetSchema, async ({ status }) => {
        // Every tab of this agent on this process follows (a remote socket's data is a copy, so
        // tabs on other processes keep theirs; the console re-sends its status on reconnect).
        for (const tab of agents.sockets.values()) if (tab.data.agentId === agentId) tab.data.status = status;
        await deps.presence.broadcast();
        return {};
      }),
    );
  });

  deps.metrics.gauge('pasokh_agent_sockets', () => agents.sockets.size);
}
