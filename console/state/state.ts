/** The console's whole state, in one object. */
import type { AgentProfile, AgentStatus, ConversationDetail, ConversationId, Locale, Message } from '../../protocol/types.js';
import type { AgentOutboxItem } from './outbox.js';
import type { Preview, QueueFilter } from '../lib/queue.js';
import type { AgentListItem, SavedReply } from '../lib/types.js';
import type { ConversationSummary } from '../../protocol/types.js';

export type View = 'inbox' | 'history' | 'insights' | 'replies' | 'agents' | 'account' | 'faq' | 'gaps';

/** A conversation the agent has opened in a tab. */
export interface OpenConversation {
  detail: ConversationDetail | null;
  /** Merged by seq: history, sync answers, live messages, acked sends. */
  messages: readonly Message[];
  loading: boolean;
  error: string | null;
  /** Highest seq the visitor has seen ("seen" receipts). */
  visitorReadSeq: number;
}

export interface ConsoleState {
  locale: Locale;
  phase: 'loading' | 'signed-out' | 'signed-in';
  agent: AgentProfile | null;
  /** Why the agent is looking at the sign-in screen, if not by choice. */
  signInNotice: string | null;
  /** `reconnecting`: the server turned the connection away; another try is scheduled. */
  connection: 'connecting' | 'online' | 'offline' | 'reconnecting';
  status: AgentStatus;
  view: View;
  filter: QueueFilter;
  queue: ConversationSummary[];
  open: Record<ConversationId, OpenConversation>;
  tabs: ConversationId[];
  activeId: ConversationId | null;
  /** Highest seq the agent has had on screen, per conversation (kept in localStorage). */
  readSeq: Record<ConversationId, number>;
  /** Visitor message seqs received while the console runs, for unread counts. */
  visitorSeqs: Record<ConversationId, number[]>;
  /** Newest visitor/agent message seen per conversation, for the queue row's preview line. */
  preview: Record<ConversationId, Preview>;
  /** Until when (epoch ms) the visitor is shown as typing. */
  typingUntil: Record<ConversationId, number>;
  outbox: readonly AgentOutboxItem[];
  agents: AgentListItem[];
  replies: SavedReply[];
  /** A transient message for the agent (a failed action). */
  notice: string | null;
  /** The answer the FAQ page opens next (a draft just made on the Unanswered page). */
  faqFocus: { site: string; id: string } | null;
}

/** The state before anything is known. */
export function initialState(locale: Locale): ConsoleState {
  return {
    locale,
    phase: 'loading',
    agent: null,
    signInNotice: null,
    connection: 'connecting',
    status: 'online',
    view: 'inbox',
    filter: 'all',
    queue: [],
    open: {},
    tabs: [],
    activeId: null,
    readSeq: {},
    visitorSeqs: {},
    preview: {},
    typingUntil: {},
    outbox: [],
    agents: [],
    replies: [],
    notice: null,
    faqFocus: null,
  };
}
