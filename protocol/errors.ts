/**
 * The one error catalogue: every code an ack, a refused connection or an HTTP answer carries,
 * with its HTTP status, whether trying the same request again can succeed, and the sentence a
 * client shows when the server sent none of its own. The relay (server/relay/guard.ts), the HTTP
 * API (server/http/errors.ts), the widget and the console all read it from here.
 */
export const ERRORS = {
  invalid_payload: { status: 400, retryable: false, message: 'The request is not valid.' },
  too_large: { status: 413, retryable: false, message: 'That is too long.' },
  unsupported_media_type: { status: 415, retryable: false, message: 'Send the body as application/json.' },
  rate_limited: { status: 429, retryable: true, message: 'Too many requests; try again in a moment.' },
  unauthorized: { status: 401, retryable: false, message: 'Sign in first.' },
  forbidden: { status: 403, retryable: false, message: 'You may not do that.' },
  not_found: { status: 404, retryable: false, message: 'Not found.' },
  conflict: { status: 409, retryable: false, message: 'That conflicts with what is already saved.' },
  closed: { status: 409, retryable: false, message: 'The conversation is closed.' },
  origin_not_allowed: { status: 403, retryable: false, message: "This page's origin may not use the site's widget." },
  file_too_large: { status: 413, retryable: false, message: 'That file is too large.' },
  file_type_not_allowed: {
    status: 415,
    retryable: false,
    message: 'Only images (PNG, JPEG, GIF, WebP) and PDF files can be attached.',
  },
  link_expired: { status: 403, retryable: false, message: 'This link has expired or is not valid.' },
  unknown_site: { status: 404, retryable: false, message: 'There is no such site.' },
  unavailable: { status: 503, retryable: true, message: 'The server is not ready; try again in a moment.' },
  internal: { status: 500, retryable: true, message: 'Something went wrong on the server; please try again.' },
} as const satisfies Record<string, { status: number; retryable: boolean; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERRORS, code);
}

/**
 * The codes whose request may succeed if sent again unchanged (overload, a server fault). A list
 * apart from ERRORS so the widget's chat chunk can carry it without every message text (its size
 * budget); `Agrees` below stops the build if the list and the `retryable` flags ever disagree.
 */
export const RETRYABLE_CODES = ['rate_limited', 'unavailable', 'internal'] as const;

type FlaggedRetryable = { [K in ErrorCode]: (typeof ERRORS)[K]['retryable'] extends true ? K : never }[ErrorCode];
type Listed = (typeof RETRYABLE_CODES)[number];
type Agrees = [FlaggedRetryable] extends [Listed] ? ([Listed] extends [FlaggedRetryable] ? true : never) : never;
const agrees: Agrees = true;
void agrees;

/**
 * Whether the same request may succeed later. An unknown code (one a newer server invented) is
 * final: a client that does not know what went wrong does not repeat it forever.
 */
export function isRetryable(code: string): boolean {
  return (RETRYABLE_CODES as readonly string[]).includes(code);
}

/**
 * Codes of the widget's own `pasokh:error` events (on window, detail `{ code, message }`), for
 * trouble in the browser rather than an answer from the server. Besides these the event carries
 * a server code (ErrorCode) when the server refused a request, e.g. `origin_not_allowed`.
 */
export const WIDGET_ERRORS = {
  load_failed: 'The panel script did not load.',
  config_failed: "The site's widget settings did not load.",
  faq_failed: 'The FAQ did not load.',
  strings_failed: "The other language's strings did not load.",
  article_load_failed: 'The article view did not load.',
  article_failed: 'An answer did not load.',
  chat_load_failed: 'The chat did not load.',
} as const;

export type WidgetErrorCode = keyof typeof WIDGET_ERRORS;

/** What `pasokh:error`'s `detail.code` can be. */
export type PasokhErrorCode = WidgetErrorCode | ErrorCode;
