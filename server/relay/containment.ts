/**
 * Nothing a client sends may stop the process. Handlers are wrapped one by one (guard.ts); this
 * is the net under them: every `io.use` middleware, connection listener and socket listener
 * registered on a namespace after `containFailures` runs inside a try/catch that also catches
 * a rejected promise, so a bug there becomes a log line and a refused or ignored event, never
 * an uncaught exception.
 */
import type { Logger } from 'pino';
import type { Namespace, Socket } from 'socket.io';

type Listener = (...args: any[]) => unknown;
type Middleware = (socket: Socket, next: (error?: Error) => void) => unknown;

function refusal(): Error {
  const error = new Error('The server could not accept this connection; please try again.') as Error & { data: { code: string } };
  error.data = { code: 'internal' };
  return error;
}

/** `fn`, but a throw or a rejection is logged as `what` and goes no further. */
export function contained<F extends Listener>(logger: Logger, what: string, fn: F, onFailure?: () => void): F {
  const fail = (error: unknown) => {
    logger.error({ err: error }, `${what} failed`);
    try {
      onFailure?.();
    } catch (again) {
      logger.error({ err: again }, `${what} failed while recovering`);
    }
  };
  return ((...args: unknown[]) => {
    try {
      const result = fn(...args);
      if (result instanceof Promise) result.catch(fail);
    } catch (error) {
      fail(error);
    }
  }) as F;
}

function containMiddleware(logger: Logger, middleware: Middleware): Middleware {
  return (socket, next) => {
    let called = false;
    const once = (error?: Error) => {
      if (called) return;
      called = true;
      next(error);
    };
    contained(logger, 'connection middleware', middleware, () => once(refusal()))(socket, once);
  };
}

/** The listener stored is the wrapper: `socket.off(event, listener)` would not find it (no code here removes one). */
function containSocket(logger: Logger, socket: Socket): void {
  const on = socket.on.bind(socket);
  const once = socket.once.bind(socket);
  socket.on = (event: string, listener: Listener) => on(event, contained(logger, `"${event}" listener`, listener));
  socket.once = (event: string, listener: Listener) => once(event, contained(logger, `"${event}" listener`, listener));
}

/** Call before anything else registers middleware or listeners on `namespace`. */
export function containFailures(namespace: Namespace, logger: Logger): void {
  const use = namespace.use.bind(namespace);
  const on = namespace.on.bind(namespace);
  namespace.use = (middleware: Middleware) => use(containMiddleware(logger, middleware));
  namespace.on('connection', (socket: Socket) => containSocket(logger, socket));
  namespace.on = ((event: string, listener: Listener) =>
    on(event as 'connection', contained(logger, `namespace "${event}" listener`, listener) as never)) as Namespace['on'];
}
