import { useConsole } from './context.js';
import { useNow } from './use-now.js';

/** "Sara is typing…" until the signal expires; a polite live region so it is announced once. */
export function TypingIndicator({ until, name }: { until: number; name: string }) {
  const { t } = useConsole();
  const now = useNow();
  return (
    <p class="typing" aria-live="polite">
      {until > now ? t('msg.typing', { name }) : ''}
    </p>
  );
}
