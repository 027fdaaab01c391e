import { describe, expect, it } from 'vitest';
import { translate } from '../../console/i18n/index.js';
import { queuePreviewOf } from '../../protocol/queue-rules.js';
import type { ConversationSummary } from '../../protocol/types.js';
import {
  applyMessage,
  filterQueue,
  freshestSummary,
  neighbour,
  nextPreview,
  previewText,
  type PreviewStrings,
  sortQueue,
  unreadCount,
  upsertQueue,
  visitorTag,
} from '../../console/lib/queue.js';

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

  describe('a live message applied to its row (the server sends no summary for it)', () => {
    const message = (patch: Partial<Parameters<typeof applyMessage>[1]> & { seq: number }) => ({
      conversationId: 'a',
      text: 'hi',
      createdAt: '2026-01-01T10:10:00Z',
      author: { kind: 'visitor' as const },
      ...patch,
    });

    it('starts the wait with a visitor message and moves the row by it', () => {
      const queue = [
        conv('b', { waitingSince: '2026-01-01T10:05:00Z', lastSeq: 1 }),
        conv('a', { lastSeq: 2, lastMessage: { text: 'thanks', authorKind: 'agent', createdAt: '2026-01-01T09:00:00Z' } }),
      ];
      const next = applyMessage(queue, message({ seq: 3, text: 'one more thing', createdAt: '2026-01-01T10:01:00Z' }));
      expect(next.map((c) => c.id)).toEqual(['a', 'b']);
      expect(next[0]).toMatchObject({
        lastSeq: 3,
        waitingSince: '2026-01-01T10:01:00Z',
        lastMessage: { text: 'one more thing', authorKind: 'visitor' },
      });
    });

    it('keeps a running wait when the visitor writes again, and ends it with an agent reply but not a note', () => {
      const waiting = [conv('a', { lastSeq: 1, waitingSince: '2026-01-01T10:00:00Z' })];
      expect(applyMessage(waiting, message({ seq: 2 }))[0]!.waitingSince).toBe('2026-01-01T10:00:00Z');
      const noted = applyMessage(
        waiting,
        message({ seq: 2, internal: true, author: { kind: 'agent' }, text: 'check the order' }),
      );
      expect(noted[0]).toMatchObject({ lastSeq: 2, waitingSince: '2026-01-01T10:00:00Z', lastMessage: null });
      const answered = applyMessage(waiting, message({ seq: 2, author: { kind: 'agent' }, text: 'on its way' }));
      expect(answered[0]).toMatchObject({ waitingSince: null, lastMessage: { text: 'on its way', authorKind: 'agent' } });
    });

    it('does not make a system line the last message, and ignores old or unknown messages', () => {
      const queue = [
        conv('a', {
          lastSeq: 4,
          waitingSince: '2026-01-01T10:00:00Z',
          lastMessage: { text: 'help', authorKind: 'visitor', createdAt: '2026-01-01T10:00:00Z' },
        }),
      ];
      const acked = applyMessage(queue, message({ seq: 5, author: { kind: 'system' }, text: 'We reply in minutes' }));
      expect(acked[0]).toMatchObject({ lastSeq: 5, waitingSince: '2026-01-01T10:00:00Z', lastMessage: { text: 'help' } });
      expect(applyMessage(queue, message({ seq: 3 }))).toBe(queue);
      expect(applyMessage(queue, message({ seq: 9, conversationId: 'zzz' }))).toBe(queue);
    });
  });

  describe('a summary against the row the console holds', () => {
    const held = conv('a', {
      lastSeq: 5,
      waitingSince: null,
      lastMessage: { text: 'on its way', authorKind: 'agent', createdAt: '2026-01-01T10:09:00Z' },
    });

    it('keeps the last message and wait of messages newer than the summary, and takes the rest', () => {
      // Read before the agent's reply (seq 5) was applied, arriving after it.
      const stale = conv('a', {
        lastSeq: 4,
        waitingSince: '2026-01-01T10:00:00Z',
        lastMessage: { text: 'help', authorKind: 'visitor', createdAt: '2026-01-01T10:00:00Z' },
        assignee: { id: 'ag1', name: 'Ali' },
      });
      expect(freshestSummary(held, stale)).toEqual({ ...stale, lastSeq: 5, waitingSince: null, lastMessage: held.lastMessage });
    });

    it('takes a summary as it is when it is as new as the row, or the row is unknown', () => {
      const fresh = conv('a', {
        lastSeq: 6,
        waitingSince: '2026-01-01T10:12:00Z',
        lastMessage: { text: 'thanks', authorKind: 'visitor', createdAt: '2026-01-01T10:12:00Z' },
      });
      expect(freshestSummary(held, fresh)).toBe(fresh);
      expect(freshestSummary(undefined, conv('a', { lastSeq: 1 }))).toEqual(conv('a', { lastSeq: 1 }));
    });

    it('shows no wait on a conversation a stale summary says is closed', () => {
      const waiting = conv('a', { lastSeq: 5, waitingSince: '2026-01-01T10:00:00Z' });
      expect(freshestSummary(waiting, conv('a', { lastSeq: 4, status: 'closed' }))).toMatchObject({
        status: 'closed',
        lastSeq: 5,
        waitingSince: null,
      });
    });
  });

  it('filters unassigned, mine and all', () => {
    const queue = [
      conv('a'),
      conv('b', { assignee: { id: 'me', name: 'Me' } }),
      conv('c', { assignee: { id: 'other', name: 'O' } }),
    ];
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
    const answered = conv('a', {
      lastSeq: 3,
      lastMessage: { text: 'ok', authorKind: 'agent', createdAt: '2026-01-01T00:00:00Z' },
    });
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
  const en: PreviewStrings = (key, vars) => translate('en', key, vars);
  const fa: PreviewStrings = (key, vars) => translate('fa', key, vars);
  const file = (name: string) => ({ id: name, name, mime: 'application/pdf' as const, size: 10 });

  it('shows a file sent without words by its name, or several by their count, in the console’s language', () => {
    const one = conv('a', {
      lastMessage: queuePreviewOf({ text: '', author: { kind: 'visitor' }, createdAt: at, attachments: [file('receipt.pdf')] }),
    });
    expect(previewText(one, undefined, en)).toBe('📎 receipt.pdf');
    const two = queuePreviewOf({
      text: ' ',
      author: { kind: 'agent' },
      createdAt: at,
      attachments: [file('a.pdf'), file('b.png')],
    });
    expect(previewText(conv('a', { lastMessage: two }), undefined, en)).toBe('📎 2 files');
    expect(previewText(conv('a', { lastMessage: two }), undefined, fa)).toBe('📎 ۲ فایل');
    // Words say more than a file name.
    const worded = queuePreviewOf({
      text: 'my receipt',
      author: { kind: 'visitor' },
      createdAt: at,
      attachments: [file('r.pdf')],
    });
    expect(previewText(conv('a', { lastMessage: worded }), undefined, en)).toBe('my receipt');
  });

  it('takes the files from a live message, on the row and in the preview seen live', () => {
    const queue = [conv('a', { lastSeq: 1 })];
    const live = {
      conversationId: 'a',
      seq: 2,
      text: '',
      createdAt: at,
      author: { kind: 'visitor' as const },
      attachments: [file('id.pdf')],
    };
    const next = applyMessage(queue, live);
    expect(next[0]!.lastMessage).toEqual({ text: '', authorKind: 'visitor', createdAt: at, files: ['id.pdf'] });
    expect(previewText(next[0]!, undefined, en)).toBe('📎 id.pdf');
    const seen = nextPreview(undefined, [live]);
    expect(seen).toEqual({ seq: 2, text: '', files: ['id.pdf'] });
    const system = conv('a', { lastMessage: { text: 'We reply soon', authorKind: 'system', createdAt: at } });
    expect(previewText(system, seen, fa)).toBe('📎 id.pdf');
  });

  it('shows the last message when a person wrote it', () => {
    const c = conv('a', { lastMessage: { text: 'Where is my order?', authorKind: 'visitor', createdAt: at } });
    expect(previewText(c, { seq: 1, text: 'older' }, en)).toBe('Where is my order?');
  });

  it('prefers the visitor’s words over an automatic system line', () => {
    const c = conv('a', { lastMessage: { text: 'We usually reply in 3 minutes.', authorKind: 'system', createdAt: at } });
    expect(previewText(c, { seq: 1, text: 'Where is my order?' }, en)).toBe('Where is my order?');
    expect(previewText(c, undefined, en)).toBe('We usually reply in 3 minutes.');
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
