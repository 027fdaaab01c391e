import { elapsedSince, formatWait } from '../lib/format.js';
import { useConsole } from './context.js';
import { useNow } from './use-now.js';

/** "waiting 3m", ticking live; nothing when nobody waits. */
export function WaitTime({ since }: { since: string | null }) {
  const { t, locale } = useConsole();
  const now = useNow();
  if (!since) return null;
  const ms = elapsedSince(since, now);
  const level = ms >= 10 * 60_000 ? 'late' : ms >= 3 * 60_000 ? 'slow' : 'ok';
  return (
    <time class={`wait wait-${level}`} dateTime={since}>
      {t('queue.waiting', { time: formatWait(ms, locale) })}
    </time>
  );
}
