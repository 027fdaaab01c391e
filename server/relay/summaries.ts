/**
 * Turns stored records into what the console shows: a queue row, or a whole conversation.
 */
import type { ConversationDetail, ConversationSummary, Message, VisitorProfile } from '../../protocol/types.js';
import { lastQueuePreview, previewFiles, queuePreviewOf } from '../../protocol/queue-rules.js';
import { assessRisk } from '../../protocol/at-risk.js';
import type { ConversationRecord, Store, VisitorRecord } from '../store/store.js';

/** How far back a queue row looks for the last thing a person said (notes and system lines skipped). */
const RECENT = 8;

export function visitorProfile(visitor: VisitorRecord | null, fallbackId: string): VisitorProfile {
  if (!visitor) return { id: fallbackId, firstSeenAt: new Date(0).toISOString() };
  return {
    id: visitor.id,
    ...(visitor.name ? { name: visitor.name } : {}),
    ...(visitor.email ? { email: visitor.email } : {}),
    ...(visitor.verifiedFields.includes('id') ? { verified: true } : {}),
    ...(visitor.verifiedFields.length > 0 ? { verifiedFields: visitor.verifiedFields } : {}),
    firstSeenAt: visitor.firstSeenAt,
  };
}

export function createSummaries(store: Store) {
  const agentNames = new Map<string, string>();

  async function agentName(id: string): Promise<string> {
    const cached = agentNames.get(id);
    if (cached) return cached;
    const agent = await store.getAgent(id);
    const name = agent?.name ?? 'Former agent';
    agentNames.set(id, name);
    return name;
  }

  async function summarize(conversation: ConversationRecord, recent?: Message[]): Promise<ConversationSummary> {
    const [visitor, messages] = await Promise.all([
      store.getVisitor(conversation.visitorId),
      recent ??
        store.listMessages(conversation.id, { afterSeq: Math.max(0, conversation.lastSeq - RECENT), includeInternal: true }),
    ]);
    const last = lastQueuePreview(messages);
    return {
      id: conversation.id,
      site: conversation.site,
      status: conversation.status,
      offline: conversation.offline,
      visitor: visitorProfile(visitor, conversation.visitorId),
      assignee: conversation.assigneeId ? { id: conversation.assigneeId, name: await agentName(conversation.assigneeId) } : null,
      createdAt: conversation.createdAt,
      waitingSince: conversation.status === 'open' ? conversation.waitingSince : null,
      lastSeq: conversation.lastSeq,
      lastMessage: last ? queuePreviewOf(last) : null,
      context: conversation.context,
    };
  }

  async function detail(conversation: ConversationRecord): Promise<ConversationDetail> {
    const messages = await store.listMessages(conversation.id, { afterSeq: 0, includeInternal: true, limit: 1000 });
    const now = new Date();
    const [summary, history, signals] = await Promise.all([
      summarize(conversation, messages),
      store.listVisitorConversations(conversation.visitorId, 11),
      store.visitorRiskSignals(conversation.visitorId, now.toISOString()),
    ]);
    const previous = await Promise.all(
      history
        .filter((c) => c.id !== conversation.id)
        .slice(0, 10)
        .map(async (c) => {
          const last = await store.listMessages(c.id, { afterSeq: Math.max(0, c.lastSeq - 1), includeInternal: false });
          const files = last[0] && previewFiles(last[0]);
          return {
            id: c.id,
            createdAt: c.createdAt,
            status: c.status,
            lastMessage: last[0]?.text ?? null,
            ...(files ? { files } : {}),
          };
        }),
    );
    return {
      ...summary,
      messages,
      previous,
      risk: assessRisk(signals, now),
      survey:
        conversation.surveyScore === null
          ? null
          : { score: conversation.surveyScore, ...(conversation.surveyComment ? { comment: conversation.surveyComment } : {}) },
    };
  }

  return { summarize, detail, forgetAgent: (id: string) => agentNames.delete(id) };
}

export type Summaries = ReturnType<typeof createSummaries>;
