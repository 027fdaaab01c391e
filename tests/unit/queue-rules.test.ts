import { describe, expect, it } from 'vitest';
import {
  compareQueueRows,
  firstResponseAfter,
  isQueuePreview,
  lastQueuePreview,
  waitingSinceAfter,
  type RuleMessage,
} from '../../protocol/queue-rules.js';

const at = (minute: number) => `2026-01-01T10:${String(minute).padStart(2, '0')}:00.000Z`;
const visitor = (minute: number): RuleMessage => ({ author: { kind: 'visitor' }, createdAt: at(minute) });
const agent = (minute: number, internal = false): RuleMessage => ({ author: { kind: 'agent' }, internal, createdAt: at(minute) });
const system = (minute: number): RuleMessage => ({ author: { kind: 'system' }, createdAt: at(minute) });

/** Both rules over a conversation's messages, as the store and the console apply them. */
function replay(messages: RuleMessage[]): { waitingSince: string | null; firstResponseAt: string | null } {
  let waitingSince: string | null = null;
  let firstResponseAt: string | null = null;
  for (const m of messages) {
    waitingSince = waitingSinceAfter(waitingSince, m);
    firstResponseAt = firstResponseAfter(firstResponseAt, m);
  }
  return { waitingSince, firstResponseAt };
}

describe('the queue rules', () => {
  it('starts the wait at the first unanswered visitor message and ends it with an answer', () => {
    expect(replay([visitor(1), visitor(2)])).toEqual({ waitingSince: at(1), firstResponseAt: null });
    expect(replay([visitor(1), agent(3), visitor(5)])).toEqual({ waitingSince: at(5), firstResponseAt: at(3) });
  });

  it('counts neither an internal note nor a system line as an answer', () => {
    expect(replay([visitor(1), agent(2, true), system(3)])).toEqual({ waitingSince: at(1), firstResponseAt: null });
  });

  it('keeps the first response once set', () => {
    expect(replay([visitor(1), agent(2), visitor(3), agent(4)]).firstResponseAt).toBe(at(2));
  });

  it('previews what people said, never a note or a system line', () => {
    expect(isQueuePreview(agent(1, true))).toBe(false);
    expect(isQueuePreview(system(1))).toBe(false);
    const messages = [visitor(1), agent(2), agent(3, true), system(4)];
    expect(lastQueuePreview(messages)).toBe(messages[1]);
    expect(lastQueuePreview([system(1)])).toBeNull();
  });

  it('orders the longest wait first, then rows nobody waits on by age, the id breaking ties either way round', () => {
    const rows = [
      { id: 'c', waitingSince: null, createdAt: at(0) },
      { id: 'b', waitingSince: at(5), createdAt: at(1) },
      { id: 'a', waitingSince: at(2), createdAt: at(1) },
      { id: 'e', waitingSince: at(2), createdAt: at(1) },
      { id: 'd', waitingSince: null, createdAt: at(0) },
    ];
    expect([...rows].sort(compareQueueRows).map((r) => r.id)).toEqual(['a', 'e', 'b', 'c', 'd']);
    expect(
      [...rows]
        .reverse()
        .sort(compareQueueRows)
        .map((r) => r.id),
    ).toEqual(['a', 'e', 'b', 'c', 'd']);
    expect(compareQueueRows(rows[2]!, rows[2]!)).toBe(0);
  });
});
