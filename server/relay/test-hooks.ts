/**
 * Test-only fault injection, inert unless its environment variable is set. It exists so the
 * durability tests (tests/integration/durability.test.ts) can hit a window that is otherwise a
 * matter of luck: the server dying after a message is committed but before it is acknowledged.
 */
import type { Message } from '../../protocol/types.js';

/**
 * `PASOKH_TEST_CRASH_AFTER_COMMIT=<text>`: the process kills itself (SIGKILL, no cleanup, as
 * `kill -9` would) right after the commit that stores a new message with exactly this text,
 * before any ack or relay. A resend of that message (a duplicate) does not trigger it.
 * Returns undefined, and so costs nothing, when the variable is unset or empty.
 */
export function crashAfterCommitHook(env: NodeJS.ProcessEnv = process.env): ((messages: Message[]) => void) | undefined {
  const text = env.PASOKH_TEST_CRASH_AFTER_COMMIT;
  if (!text) return undefined;
  return (messages) => {
    if (!messages.some((m) => m.text === text)) return;
    process.kill(process.pid, 'SIGKILL');
    // SIGKILL cannot be caught; should delivery lag, nothing else may run either.
    process.exit(137);
  };
}
