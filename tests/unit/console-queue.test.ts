import { describe, expect, it } from 'vitest';
import type { ConversationSummary } from '../../protocol/types.js';
import { filterQueue, neighbour, nextPreview, previewText, sortQueue, unreadCount, upsertQueue, visitorTag } from '../../console/lib/queue.js';

const conv = (id: string, patch: Partial<ConversationSummary> = {}): ConversationSummary => ({
  id,
  site: 'default',
  status: 'open',
  offline: false,
  visitor: { id: `visitor-${id}`, firstSeenAt: '2026-01-01T00:00:00Z' },
  assignee: null,
  createdAt: '2026-01-01T00:00:00Z',
  waitingSince: null,
  lastSeq: 0,
  lastMessage: null,
  context: {},
  ...patch,
});

describe('the agent queue', () => {
  it('puts the longest waiting first and conversations where nothing waits last', () => {
    const sorted = sortQueue([
      conv('idle', { waitingSince: null, createdAt: '2026-01-01T00:00:00Z' }),
      conv('recent', { waitingSince: '2026-01-01T10:05:00Z' }),
      conv('oldest', { waitingSince: '2026-01-01T10:00:00Z' }),
    ]);
    expect(sorted.map((c) => c.id)).toEqual(['oldest', 'recent', 'idle']);
  });

  it('replaces an updated conversation in place and drops a closed one', () => {
    const queue = [conv('a', { waitingSince: '2026-01-01T10:00:00Z' }), conv('b', { waitingSince: '2026-01-01T10:01:00Z' })];
    const claimed = upsertQueue(queue, conv('a', { waitingSince: '2026-01-01T10:00:00Z', assignee: { id: 'ag1', name: 'Ali' } }));
    expect(claimed.map((c) => [c.id, c.assignee?.name ?? null])).toEqual([
      ['a', 'Ali'],
      ['b', null],
    ]);
    expect(upsertQueue(claimed, conv('a', { status: 'closed' })).map((c) => c.id)).toEqual(['b']);
  });

  it('filters unassigned, mine and all', () => {
    const queue = [conv('a'), conv('b', { assignee: { id: 'me', name: 'Me' } }), conv('c', { assignee: { id: 'other', name: 'O' } })];
    expect(filterQueue(queue, 'unassigned', 'me').map((c) => c.id)).toEqual(['a']);
    expect(filterQueue(queue, 'mine', 'me').map((c) => c.id)).toEqual(['b']);
    expect(filterQueue(queue, 'all', 'me').map((c) => c.id)).toEqual(['a', 'b', 'c']);
  });

  it('counts visitor messages after the last one the agent saw', () => {
    const c = conv('a', { lastSeq: 5, lastMessage: { text: 'hi', authorKind: 'visitor', createdAt: '2026-01-01T00:00:00Z' } });
    expect(unreadCount(c, { readSeq: 2, visitorSeqs: [1, 3, 5] })).toBe(2);
    expect(unreadCount(c, { readSeq: 5, visitorSeqs: [1, 3, 5] })).toBe(0);
  });

  it('counts at least one when only the summary shows the visitor spoke last', () => {
    const c = conv('a', { lastSeq: 3, lastMessage: { text: 'hi', authorKind: 'visitor', createdAt: '2026-01-01T00:00:00Z' } });
    expect(unreadCount(c, { readSeq: 0, visitorSeqs: [] })).toBe(1);
    const answered = conv('a', { lastSeq: 3, lastMessage: { text: 'ok', authorKind: 'agent', createdAt: '2026-01-01T00:00:00Z' } });
    expect(unreadCount(answered, { readSeq: 0, visitorSeqs: [] })).toBe(0);
  });

  it('moves to the next and previous conversation, wrapping around', () => {
    const ids = ['a', 'b', 'c'];
    expect(neighbour(ids, 'a', 1)).toBe('b');
    expect(neighbour(ids, 'c', 1)).toBe('a');
    expect(neighbour(ids, 'a', -1)).toBe('c');
    expect(neighbour(ids, null, 1)).toBe('a');
    expect(neighbour(ids, 'gone', -1)).toBe('c');
    expect(neighbour([], 'a', 1)).toBeNull();
  });

  it('tags an anonymous visitor with the end of its id', () => {
    expect(visitorTag('v_8f3ab9c2')).toBe('B9C2');
  });
});

describe('the queue row preview', () => {
  const at = '2026-01-01T00:00:00Z';
  it('shows the last message when a person wrote it', () => {
    const c = conv('a', { lastMessage: { text: 'Where is my order?', authorKind: 'visitor', createdAt: at } });
    expect(previewText(c, { seq: 1, text: 'older' })).toBe('Where is my order?');
  });

  it('prefers the visitor’s words over an automatic system line', () => {
    const c = conv('a', { lastMessage: { text: 'We usually reply in 3 minutes.', authorKind: 'system', createdAt: at } });
    expect(previewText(c, { seq: 1, text: 'Where is my order?' })).toBe('Where is my order?');
    expect(previewText(c, undefined)).toBe('We usually reply in 3 minutes.');
  });

  it('keeps the newest message that is neither internal nor system', () => {
    const next = nextPreview({ seq: 2, text: 'two' }, [
      { seq: 1, text: 'one', author: { kind: 'visitor' } },
      { seq: 3, text: 'note', internal: true, author: { kind: 'agent' } },
      { seq: 4, text: 'auto', author: { kind: 'system' } },
      { seq: 5, text: 'five', author: { kind: 'agent' } },
    ]);
    expect(next).toEqual({ seq: 5, text: 'five' });
    const same = { seq: 9, text: 'nine' };
    expect(nextPreview(same, [{ seq: 3, text: 'old', author: { kind: 'visitor' } }])).toBe(same);
  });
});
