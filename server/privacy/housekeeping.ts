/**
 * Hourly: the retention sweep (conversations closed more than `retentionDays` ago) and the
 * outbox pruning (events whose deliveries are all done, after 30 days).
 */
import type { Logger } from 'pino';
import { deleteWithFiles, type AttachmentStorage } from '../attachments/storage.js';
import type { Store } from '../store/store.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** How long finished deliveries stay visible in the console. */
export const OUTBOX_KEEP_DAYS = 30;

export interface Housekeeping {
  runOnce(now?: number): Promise<{ conversations: number; events: number }>;
  stop(): void;
}

export function startHousekeeping(deps: {
  store: Store;
  /** Where attachment bytes are kept: the swept conversations' files go too. */
  storage: AttachmentStorage;
  logger: Logger;
  retentionDays: number | undefined;
}): Housekeeping {
  const { store, storage, logger } = deps;
  async function runOnce(now = Date.now()) {
    let conversations = 0;
    if (deps.retentionDays !== undefined) {
      const before = new Date(now - deps.retentionDays * DAY).toISOString();
      const files = await store.listClosedConversationAttachmentsBefore(before);
      conversations = await deleteWithFiles({ store, storage }, files, () => store.deleteClosedConversationsBefore(before));
      if (conversations > 0)
        await store.recordAudit({
          actor: 'retention',
          action: 'conversations.delete',
          target: `closed before ${deps.retentionDays} days`,
          detail: { conversations },
        });
    }
    const events = await store.pruneOutbox(new Date(now - OUTBOX_KEEP_DAYS * DAY).toISOString());
    return { conversations, events };
  }
  const run = () =>
    runOnce().then(
      (done) => (done.conversations > 0 ? logger.info(done, 'retention: old conversations deleted') : undefined),
      (error: unknown) => logger.error({ err: error }, 'housekeeping failed'),
    );
  const first = setTimeout(run, 10_000);
  const timer = setInterval(run, HOUR);
  first.unref();
  timer.unref();
  return {
    runOnce,
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
