/**
 * The last line of defence for `pasokh serve`: an error that escaped every guard is logged and
 * the server keeps answering, instead of one bad packet ending every visitor's chat. Installed by
 * the CLI only; tests that import the app see such an error fail them instead.
 */
import type { Logger } from 'pino';

export function installProcessNet(logger: Logger): void {
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'unhandled rejection (a bug: the server keeps running)');
  });
  process.on('uncaughtException', (error) => {
    logger.error({ err: error }, 'uncaught exception (a bug: the server keeps running)');
  });
}
