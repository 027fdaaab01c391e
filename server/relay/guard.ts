/**
 * Every socket handler goes through here: validate the `unknown` payload with its schema, run,
 * acknowledge `{ ok: true, … }`, and map any failure to `{ ok: false, error }`. Nothing throws
 * across the socket.
 */
import type { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Socket } from 'socket.io';
import * as v from 'valibot';
import { ERRORS, type ErrorCode } from '../../protocol/errors.js';
import type { Ack, ErrorBody } from '../../protocol/events.js';
import { describeIssues } from '../../protocol/schemas.js';
import { ConflictError, NotFoundError } from '../store/store.js';

/** A failure meant for the client: its code and sentence are sent as they are. */
export class RelayError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function toErrorBody(error: unknown, logger: Logger): ErrorBody {
  if (error instanceof RelayError) return { code: error.code, message: error.message };
  if (error instanceof ConflictError) return { code: 'conflict', message: error.message };
  if (error instanceof NotFoundError) return { code: 'not_found', message: error.message };
  if (error instanceof RateLimiterRes)
    return { code: 'rate_limited', message: `Too many requests; try again in ${Math.ceil(error.msBeforeNext / 1000)} s.` };
  logger.error({ err: error }, 'relay handler failed');
  return { code: 'internal', message: ERRORS.internal.message };
}

type AnyAck = (response: Ack<object>) => void;

/**
 * Wraps a handler: `(payload, ack)` from Socket.IO becomes a validated, awaited call whose
 * result or error is acknowledged exactly once.
 */
export function guarded<S extends v.GenericSchema, R extends object>(
  logger: Logger,
  schema: S,
  run: (input: v.InferOutput<S>) => Promise<R>,
): (payload: unknown, ack?: unknown) => void {
  return (payload, ack) => {
    const reply: AnyAck = typeof ack === 'function' ? (ack as AnyAck) : () => {};
    const parsed = v.safeParse(schema, payload);
    if (!parsed.success) {
      const message = describeIssues(parsed.issues);
      const tooLong = parsed.issues.some((issue) => issue.type === 'max_length' && issue.path?.some((p) => p.key === 'text'));
      reply({ ok: false, error: { code: tooLong ? 'too_large' : 'invalid_payload', message } });
      return;
    }
    run(parsed.output).then(
      (result) => reply({ ok: true, ...result }),
      (error: unknown) => reply({ ok: false, error: toErrorBody(error, logger) }),
    );
  };
}

/** Like `guarded` for events without an acknowledgement (typing, read): bad input is dropped. */
export function guardedSignal<S extends v.GenericSchema>(
  logger: Logger,
  schema: S,
  run: (input: v.InferOutput<S>) => Promise<void>,
): (payload: unknown) => void {
  return (payload) => {
    const parsed = v.safeParse(schema, payload);
    if (!parsed.success) return;
    run(parsed.output).catch((error: unknown) => toErrorBody(error, logger));
  };
}

export interface FloodGuardOptions {
  /** Events a socket may send per window before it is disconnected. @default 40 */
  points: number;
  /** @default 5 */
  windowSeconds: number;
}

/**
 * Refuses unknown events with an error ack, and disconnects a socket that floods, telling it why
 * first. Installed with `socket.use`.
 */
export function installSocketGuard(socket: Socket, knownEvents: ReadonlySet<string>, limiter: RateLimiterMemory): void {
  socket.use(([event, ...args], next) => {
    const ack = args[args.length - 1];
    if (!knownEvents.has(event)) {
      if (typeof ack === 'function')
        (ack as AnyAck)({ ok: false, error: { code: 'invalid_payload', message: `Unknown event "${event}".` } });
      return;
    }
    limiter.consume(socket.id).then(
      () => next(),
      () => {
        const error: ErrorBody = {
          code: 'rate_limited',
          message: 'Too many events; the connection was closed. Reconnect to continue.',
        };
        if (typeof ack === 'function') (ack as AnyAck)({ ok: false, error });
        socket.emit('error', error);
        socket.disconnect(true);
      },
    );
  });
}

export function createFloodLimiter(options: FloodGuardOptions): RateLimiterMemory {
  return new RateLimiterMemory({ points: options.points, duration: options.windowSeconds });
}
