/**
 * One visitor socket: guarded, in its rooms, greeted with its current conversation; and what
 * its handlers need to know about which conversations it owns.
 */
import { VISITOR_CLIENT_EVENTS, type VisitorHello } from '../../protocol/events.js';
import type { ConversationId } from '../../protocol/types.js';
import type { SiteConfig } from '../config.js';
import type { ConversationRecord } from '../store/store.js';
import type { RelayDeps, VisitorSocket } from './deps.js';
import { installSocketGuard, RelayError } from './guard.js';
import { rooms } from './rooms.js';
import type { VisitorContext } from './visitor-context.js';

const VISITOR_EVENTS = new Set<string>(VISITOR_CLIENT_EVENTS);
/** A closed conversation is still shown (and can be rated) when the visitor returns within this. */
const RECENT_CLOSED_MS = 7 * 24 * 3600 * 1000;

export interface VisitorSession {
  ctx: VisitorContext;
  visitorId: string;
  site: SiteConfig;
  /** Conversations this socket has been shown to own: typing/read need no database read. */
  owned: Set<ConversationId>;
  /** The visitor's own conversation; anyone else's looks exactly like a missing one. */
  ownConversation(conversationId: ConversationId): Promise<ConversationRecord>;
}

/** The conversation the widget should show on arrival: the open one, else one closed recently. */
async function currentConversation(deps: RelayDeps, visitorId: string): Promise<ConversationRecord | null> {
  const open = await deps.store.findOpenConversation(visitorId);
  if (open) return open;
  const [latest] = await deps.store.listVisitorConversations(visitorId, 1);
  if (latest?.closedAt && Date.now() - Date.parse(latest.closedAt) < RECENT_CLOSED_MS) return latest;
  return null;
}

export function setUpVisitorSocket(socket: VisitorSocket, ctx: VisitorContext): VisitorSession {
  const { deps } = ctx;
  const { site: siteKey, visitorId } = socket.data;
  const owned = new Set<ConversationId>();
  const session: VisitorSession = {
    ctx,
    visitorId,
    site: deps.site(siteKey)!,
    owned,
    async ownConversation(conversationId) {
      const conversation = await deps.store.getConversation(conversationId);
      if (!conversation || conversation.visitorId !== visitorId) throw new RelayError('not_found', 'No such conversation.');
      owned.add(conversationId);
      return conversation;
    },
  };
  installSocketGuard(socket, VISITOR_EVENTS, ctx.floodLimiter);
  void socket.join([rooms.visitor(visitorId), rooms.site(siteKey)]);
  sayHello(socket, session).catch((error: unknown) => deps.logger.error({ err: error }, 'visitor hello failed'));
  return session;
}

async function sayHello(socket: VisitorSocket, { ctx, visitorId, site, owned }: VisitorSession): Promise<void> {
  const [conversation, presence] = await Promise.all([currentConversation(ctx.deps, visitorId), ctx.deps.presence.forSite(site)]);
  if (conversation) owned.add(conversation.id);
  const hello: VisitorHello = {
    visitorId,
    token: ctx.tokens.get(socket) ?? '',
    conversation: conversation ? { id: conversation.id, status: conversation.status, lastSeq: conversation.lastSeq } : null,
    presence,
  };
  socket.emit('hello', hello);
}
