import type { ErrorCode } from '../../protocol/events.js';

/** The one HTTP error: the handler turns it into `{ error: { code, message } }` with `status`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}
