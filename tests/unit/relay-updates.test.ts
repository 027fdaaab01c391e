import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { createUpdateNotifier } from '../../server/relay/updates.js';
import type { AgentNamespace } from '../../server/relay/deps.js';
import type { Summaries } from '../../server/relay/summaries.js';
import type { ConversationRecord, Store } from '../../server/store/store.js';

const INTERVAL_MS = 40;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A notifier whose agents' room records what it is sent, over a store of lastSeq per conversation. */
function harness() {
  const sent: { id: string; lastSeq: number }[] = [];
  const lastSeq = new Map<string, number>();
  const record = (id: string) => ({ id, lastSeq: lastSeq.get(id) ?? 0 }) as ConversationRecord;
  const agents = {
    to: () => ({ emit: (_event: string, summary: { id: string; lastSeq: number }) => sent.push(summary) }),
  } as unknown as AgentNamespace;
  const store = { getConversation: async (id: string) => record(id) } as unknown as Store;
  const summaries = { summarize: async (c: ConversationRecord) => ({ id: c.id, lastSeq: c.lastSeq }) } as unknown as Summaries;
  const notifier = createUpdateNotifier({ agents, store, summaries, logger: pino({ level: 'silent' }) }, INTERVAL_MS);
  return { notifier, sent, lastSeq, record };
}

describe('conversation summaries after messages', () => {
  it('sends one at once for a change, and one trailing summary, read fresh, for changes within the interval', async () => {
    const { notifier, sent, lastSeq, record } = harness();
    lastSeq.set('c1', 1);
    notifier.changed('c1', record('c1'));
    await sleep(5);
    expect(sent).toEqual([{ id: 'c1', lastSeq: 1 }]);

    lastSeq.set('c1', 2);
    notifier.changed('c1');
    lastSeq.set('c1', 3);
    notifier.changed('c1');
    await sleep(5);
    expect(sent).toHaveLength(1);
    await sleep(INTERVAL_MS * 2);
    expect(sent).toEqual([
      { id: 'c1', lastSeq: 1 },
      { id: 'c1', lastSeq: 3 },
    ]);
    // Nothing more once the conversation stops changing.
    await sleep(INTERVAL_MS * 3);
    expect(sent).toHaveLength(2);
  });

  it('keeps conversations apart', async () => {
    const { notifier, sent, lastSeq, record } = harness();
    lastSeq.set('c1', 1);
    lastSeq.set('c2', 7);
    notifier.changed('c1', record('c1'));
    notifier.changed('c2', record('c2'));
    await sleep(5);
    expect(sent).toEqual([
      { id: 'c1', lastSeq: 1 },
      { id: 'c2', lastSeq: 7 },
    ]);
  });
});
