/**
 * The error catalogue: every code a client can be refused with, its HTTP status, whether trying
 * the same thing again can succeed, and a default message. Acks, connection refusals and HTTP
 * errors all take their codes from here; the clients decide "retry or give up" from `retryable`.
 */
export const ERRORS = {
  invalid_payload: { status: 400, retryable: false, message: 'The request is not valid.' },
  too_large: { status: 413, retryable: false, message: 'The request is too large.' },
  rate_limited: { status: 429, retryable: true, message: 'Too many requests; try again shortly.' },
  unauthorized: { status: 401, retryable: false, message: 'Sign in first.' },
  forbidden: { status: 403, retryable: false, message: 'Not allowed.' },
  not_found: { status: 404, retryable: false, message: 'Not found.' },
  conflict: { status: 409, retryable: false, message: 'It conflicts with what is stored.' },
  closed: { status: 409, retryable: false, message: 'The conversation is closed.' },
  origin_not_allowed: { status: 403, retryable: false, message: 'This page may not use this server.' },
  unknown_site: { status: 404, retryable: false, message: 'Unknown site.' },
  internal: { status: 500, retryable: true, message: 'Something went wrong on the server.' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

/**
 * The codes whose request may succeed if sent again unchanged. A list apart from ERRORS so the
 * widget's chat chunk can carry it without every message text (its size budget); `Agrees`
 * below stops the build if the list and the `retryable` flags ever disagree. A code not listed
 * (one a newer server invented) counts as final, as the console always treated it.
 */
export const RETRYABLE_CODES = ['rate_limited', 'internal'] as const;

type FlaggedRetryable = { [K in ErrorCode]: (typeof ERRORS)[K]['retryable'] extends true ? K : never }[ErrorCode];
type Agrees = [FlaggedRetryable] extends [(typeof RETRYABLE_CODES)[number]] ? ([(typeof RETRYABLE_CODES)[number]] extends [FlaggedRetryable] ? true : never) : never;
const agrees: Agrees = true;
void agrees;

/** Whether a request refused with `code` may succeed if sent again unchanged. */
export function isRetryable(code: string): boolean {
  return (RETRYABLE_CODES as readonly string[]).includes(code);
}
