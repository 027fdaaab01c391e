/**
 * Gap detection and `messages:sync` for one conversation. The client keeps a watermark: the seq
 * up to which it has everything it is allowed to see (a visitor never sees agents' internal
 * notes, so its list may have holes that are not losses). A live message or an ack right after
 * the watermark moves it on; one further on means something was missed, and the sync asks for
 * everything after the watermark, that is from before the hole, not after the message that
 * revealed it. A gap seen while a sync is out makes that sync run once more.
 */
import type { Message } from '../protocol/types.js';
import { backoffDelay, sleep as realSleep } from './backoff.js';

/** What one sync request came to: the messages, `gone` (not ours any more), or null (failed). */
export type SyncAnswer = readonly Message[] | 'gone' | null;

export interface SeqSyncOptions {
  /** One `messages:sync` request for the messages after `afterSeq`. */
  request(afterSeq: number): Promise<SyncAnswer>;
  /** Receives what a sync brought, to merge into the list shown. */
  apply(messages: readonly Message[]): void;
  /** The server says the conversation is gone or not ours. */
  onGone?(): void;
  /** The server's page size: a full page means there is more. @default 500 */
  pageSize?: number;
  /** Tries per sync before waiting for the next reconnect. @default 3 */
  tries?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface SeqSync {
  /** Tells of a seq that arrived (live or acked); starts a sync when it leaves a gap. */
  see(seq: number): void;
  /** Moves the watermark to `seq` after a complete history was loaded. */
  advance(seq: number): void;
  /** Fetches everything after the watermark; resolves when up to date or out of tries. */
  sync(): Promise<void>;
}

/** Creates the tracker for one conversation, starting from nothing held. */
export function createSeqSync(options: SeqSyncOptions): SeqSync {
  const { request, apply, onGone = () => {}, pageSize = 500, tries = 3, sleep = realSleep, random } = options;
  let mark = 0;
  let running: Promise<void> | null = null;
  let again = false;

  /**
   * Asks from the watermark until an answer is a short page that no gap seen meanwhile makes
   * stale; a failed request is tried again with backoff, `tries` times in all.
   */
  async function loop(): Promise<void> {
    for (let failures = 0; failures < tries;) {
      again = false;
      const answer = await request(mark);
      if (answer === 'gone') return onGone();
      if (answer === null) {
        if (++failures < tries) await sleep(backoffDelay(failures - 1, { random }));
        continue;
      }
      apply(answer);
      // The server answers with everything it has after the watermark, so what it did not send does not exist (for us).
      for (const message of answer) mark = Math.max(mark, message.seq);
      if (answer.length < pageSize && !again) return;
    }
  }

  function sync(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = loop().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    see(seq) {
      if (seq <= mark) return;
      if (seq === mark + 1) mark = seq;
      else void sync();
    },
    advance(seq) {
      mark = Math.max(mark, seq);
    },
    sync,
  };
}
