/**
 * What every agent socket's handlers share: the namespace context, and the
 * lookups that keep an agent to the conversations of the sites it serves.
 */
import type { ConversationSummary } from '../../protocol/types.js';
import { compareQueueRows } from '../../protocol/queue-rules.js';
import { createRevocationSweep, createSessionCheck, type SessionCheck } from '../auth/revocation.js';
import { servesSite, type SiteMember } from '../auth/agent-sites.js';
import type { ConversationRecord } from '../store/store.js';
import { createAgentScope } from './agent-scope.js';
import type { AgentNamespace, AgentSocket, RelayDeps, VisitorNamespace } from './deps.js';
import { RelayError } from './guard.js';
import { createNamespaceContext, type NamespaceContext } from './namespace-context.js';
import { rooms } from './rooms.js';
import type { Summaries } from './summaries.js';
import type { UpdateNotifier } from './updates.js';

interface Owner {
  visitorId: string;
  site: string;
}

export interface AgentContext extends NamespaceContext {
  summaries: Summaries;
  messageUpdates: UpdateNotifier;
  sessions: SessionCheck;
  scope: ReturnType<typeof createAgentScope>;
  revocations: ReturnType<typeof createRevocationSweep<AgentSocket>>;
  /** Suggested-answer requests one agent may make per 10 s (as many as messages). */
  suggestLimiter: ReturnType<RelayDeps['limiter']>;
  /** The open conversations of the sites `member` serves, in queue order. */
  queue(member: SiteMember): Promise<ConversationSummary[]>;
  /** Tells the conversation's site's agents its new row, and returns it. */
  updated(conversation: ConversationRecord): Promise<ConversationSummary>;
  /** A conversation of a site the agent does not serve looks exactly like a missing one. */
  findConversation(conversationId: string, member: SiteMember): Promise<ConversationRecord>;
  /** The visitor and site of a conversation, cached: typing and read arrive many times. */
  ownerOf(conversationId: string, member: SiteMember): Promise<Owner>;
}

export function createAgentContext(
  agents: AgentNamespace,
  visitors: VisitorNamespace,
  deps: RelayDeps,
  summaries: Summaries,
  messageUpdates: UpdateNotifier,
): AgentContext {
  const { store, logger } = deps;
  const sessions = createSessionCheck(store);
  const scope = createAgentScope(deps.config.sites.map((s) => s.key));

  async function queue(member: SiteMember): Promise<ConversationSummary[]> {
    const open = await store.listConversations({ status: 'open', limit: 500, sites: scope.served(member) });
    const rows = await Promise.all(open.map((c) => summaries.summarize(c)));
    return rows.sort(compareQueueRows);
  }

  async function findConversation(conversationId: string, member: SiteMember): Promise<ConversationRecord> {
    const conversation = await store.getConversation(conversationId);
    if (!conversation || !deps.site(conversation.site) || !servesSite(member, conversation.site))
      throw new RelayError('not_found', 'No such conversation.');
    return conversation;
  }

  const revocations = createRevocationSweep<AgentSocket>({
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

  return {
    ...createNamespaceContext('agent', agents, visitors, deps),
    summaries,
    messageUpdates,
    sessions,
    scope,
    revocations,
    suggestLimiter: deps.limiter('agent-suggest', deps.limits.agentMessagesPer10s, 10),
    queue,
    findConversation,
    ownerOf: createOwnerCache(findConversation),
    async updated(conversation) {
      const summary = await summaries.summarize(conversation);
      agents.to(rooms.agentsOf(conversation.site)).emit('conversation:updated', summary);
      return summary;
    },
  };
}

/** A conversation's visitor and site never change, so they need no database read after the first. */
function createOwnerCache(find: AgentContext['findConversation']): AgentContext['ownerOf'] {
  const owners = new Map<string, Owner>();
  return async (conversationId, member) => {
    const known = owners.get(conversationId);
    if (known && servesSite(member, known.site)) return known;
    const { visitorId, site } = await find(conversationId, member);
    if (owners.size >= 10_000) owners.clear();
    owners.set(conversationId, { visitorId, site });
    return { visitorId, site };
  };
}
