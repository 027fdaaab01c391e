/**
 * `pasokh serve` with one fault injected, for the durability tests: the process kills itself
 * (SIGKILL, no cleanup, as `kill -9` would) right after the commit that stores a new message whose
 * text is CRASH_AFTER_COMMIT, before any ack or relay. A resend of that message (a duplicate) is
 * not new and does not trigger it. The window it hits (committed, never acknowledged) is
 * otherwise a matter of luck. The server reads no such variable itself.
 */
import type { Message } from '../../protocol/types.js';
import { loadConfig } from '../../server/config.js';
import { startServer } from '../../server/main.js';

const text = process.env.CRASH_AFTER_COMMIT;
if (!text) throw new Error('crash-entry: set CRASH_AFTER_COMMIT to the text whose commit kills the process.');

function crashAfterCommit(messages: Message[]): void {
  if (!messages.some((m) => m.text === text)) return;
  process.kill(process.pid, 'SIGKILL');
  // SIGKILL cannot be caught; should delivery lag, nothing else may run either.
  process.exit(137);
}

const server = await startServer(loadConfig(), { afterCommit: crashAfterCommit });
process.once('SIGTERM', () => {
  server.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
