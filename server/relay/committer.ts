/**
 * Group commit (docs/decisions/002-sqlite-on-its-own-thread.md): messages that arrive together are saved in one transaction, so one
 * fsync covers them all. Appends wait for the current tick (or until `maxBatch` are waiting),
 * then go to the store in one `appendMessages` / `appendVisitorMessages` call; each caller gets
 * its own result or error, and only after the commit that holds its message — so an ack sent
 * on that result is never ahead of the disk.
 */
import type { Message } from '../../protocol/types.js';
import type {
  AppendResult,
  AppendVisitorResult,
  BatchAppend,
  BatchAppendResult,
  BatchVisitorAppendResult,
  NewMessage,
  Store,
  VisitorAppend,
} from '../store/store.js';

export interface CommitterOptions {
  /** Appends waiting before a commit starts without waiting for the tick. @default 256 */
  maxBatch?: number;
  /**
   * Called with the newly stored messages of each commit, after the commit and before any
   * caller hears about it (the crash-after-commit test hook lives here).
   */
  afterCommit?: (messages: Message[]) => void;
}

export interface Committer {
  /** Store.appendMessage, group-committed. */
  append(conversationId: string, message: NewMessage): Promise<AppendResult>;
  /** Store.appendVisitorMessage, group-committed. */
  appendVisitor(input: VisitorAppend): Promise<AppendVisitorResult>;
  /** Resolves once everything queued so far has been committed (or has failed). */
  drain(): Promise<void>;
}

interface Pending<I, R> {
  item: I;
  resolve(result: R): void;
  reject(error: unknown): void;
}

type Outcome<R> = { ok: true; result: R } | { ok: false; error: Error };

/**
 * One queue that commits its items in batches, one batch at a time: while a commit runs, the
 * next batch gathers, which is what makes the batches grow under load.
 */
function createQueue<I, R extends { message: Message; duplicate: boolean }>(
  commit: (items: I[]) => Promise<Outcome<R>[]>,
  options: { maxBatch: number; afterCommit?: (messages: Message[]) => void },
) {
  let waiting: Pending<I, R>[] = [];
  let running: Promise<void> | null = null;
  let scheduled = false;

  async function run(batch: Pending<I, R>[]): Promise<void> {
    let outcomes: Outcome<R>[];
    try {
      outcomes = await commit(batch.map((p) => p.item));
    } catch (error) {
      // The transaction rolled back: nothing of the batch is stored, every caller hears so.
      for (const p of batch) p.reject(error);
      return;
    }
    const fresh = outcomes.flatMap((o) => (o.ok && !o.result.duplicate ? [o.result.message] : []));
    if (fresh.length > 0) options.afterCommit?.(fresh);
    batch.forEach((p, i) => {
      const outcome = outcomes[i];
      if (outcome === undefined) p.reject(new Error('the store returned fewer results than items'));
      else if (outcome.ok) p.resolve(outcome.result);
      else p.reject(outcome.error);
    });
  }

  function flush(): void {
    scheduled = false;
    if (running || waiting.length === 0) return;
    const batch = waiting.slice(0, options.maxBatch);
    waiting = waiting.slice(batch.length);
    running = run(batch).finally(() => {
      running = null;
      if (waiting.length > 0) schedule(true);
    });
  }

  function schedule(now = false): void {
    if (now || waiting.length >= options.maxBatch) return flush();
    if (scheduled) return;
    scheduled = true;
    // setImmediate, not a timer: everything that arrived in this turn of the event loop joins
    // the batch, and a lone message waits no longer than one turn.
    setImmediate(flush);
  }

  return {
    push(item: I): Promise<R> {
      return new Promise<R>((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        schedule();
      });
    },
    async drain(): Promise<void> {
      while (running || waiting.length > 0) {
        if (!running) flush();
        await running;
      }
    },
  };
}

/**
 * Wraps a store's appends in group commits.
 * @example const committer = createCommitter(store); const { message } = await committer.append(id, newMessage);
 */
export function createCommitter(store: Store, options: CommitterOptions = {}): Committer {
  const maxBatch = options.maxBatch ?? 256;
  const settings = { maxBatch, ...(options.afterCommit ? { afterCommit: options.afterCommit } : {}) };
  const conversations = createQueue<BatchAppend, AppendResult>(
    (items) => store.appendMessages(items) as Promise<BatchAppendResult[]>,
    settings,
  );
  const visitors = createQueue<VisitorAppend, AppendVisitorResult>(
    (items) => store.appendVisitorMessages(items) as Promise<BatchVisitorAppendResult[]>,
    settings,
  );
  return {
    append: (conversationId, message) => conversations.push({ conversationId, message }),
    appendVisitor: (input) => visitors.push(input),
    async drain() {
      await Promise.all([conversations.drain(), visitors.drain()]);
    },
  };
}
