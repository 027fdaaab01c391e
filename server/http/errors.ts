import { ERRORS, type ErrorCode } from '../../protocol/errors.js';

/**
 * The one HTTP error: the handler turns it into `{ error: { code, message } }` with the status
 * the catalogue (protocol/errors.ts) gives its code.
 */
export class HttpError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string = ERRORS[code].message,
  ) {
    super(message);
    this.status = ERRORS[code].status;
  }
}
