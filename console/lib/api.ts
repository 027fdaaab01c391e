/**
 * The console's HTTP calls: same origin, cookie session, JSON both ways. Errors become one
 * ApiError with the server's code so the UI can tell "wrong password" from "server down".
 */
import { isErrorCode, isRetryable, type ErrorCode } from '../../protocol/errors.js';
import type { AgentProfile, AgentRole, ConversationSummary } from '../../protocol/types.js';
import type {
  DeliveriesResponse,
  DeliveryView,
  WebhookEndpointInput,
  WebhookSaved,
  WebhooksResponse,
  WebhookTestResult,
} from '../../protocol/integrations.js';
import type { AuditEntry, ErasureReport, VisitorExport } from '../../protocol/privacy.js';
import type { AgentListItem, Insights, SavedReply, SiteSummary } from './types.js';
import { errorText } from './error-text.js';

/** A failed call: HTTP status plus the server's error code (`network` when no answer came). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network',
    message: string,
  ) {
    super(message);
  }

  /** Whether the same call may succeed later (the catalogue's rule; no answer at all may too). */
  get retryable(): boolean {
    return this.code === 'network' || isRetryable(this.code);
  }
}

/** The server's code, or, for an answer without one (a proxy's page), the nearest by status. */
function errorCode(status: number, code: string | undefined): ErrorCode {
  if (code !== undefined && isErrorCode(code)) return code;
  return status >= 500 ? 'unavailable' : 'invalid_payload';
}

export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError(0, 'network', errorText(err));
  }
  const data: unknown = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) {
    const error = (data as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(res.status, errorCode(res.status, error?.code), error?.message ?? res.statusText);
  }
  return data as T;
}

/** Thin typed wrappers over the routes the console uses. */
export const api = {
  login: (email: string, password: string) => call<{ agent: AgentProfile }>('POST', '/api/login', { email, password }),
  logout: () => call<unknown>('POST', '/api/logout', {}),
  me: () => call<{ agent: AgentProfile }>('GET', '/api/me'),
  history: (query: { visitor?: string; text?: string; agent?: string; from?: string; to?: string }) =>
    call<{ conversations: ConversationSummary[] }>(
      'GET',
      `/api/history?${new URLSearchParams(Object.entries(query).filter(([, value]) => value))}`,
    ),
  setup: () => call<{ hasAgents: boolean }>('GET', '/api/setup'),
  rename: (name: string) => call<{ agent: AgentProfile }>('PATCH', '/api/me', { name }),
  changePassword: (current: string, password: string) => call<{ ok: true }>('POST', '/api/me/password', { current, password }),
  agents: () => call<{ agents: AgentListItem[] }>('GET', '/api/agents'),
  addAgent: (input: { email: string; name: string; password: string; role: AgentRole }) =>
    call<{ agent: AgentProfile }>('POST', '/api/agents', input),
  updateAgent: (id: string, patch: { name?: string; role?: AgentRole; disabled?: boolean; sites?: string[] | null }) =>
    call<{ agent: AgentProfile }>('PATCH', `/api/agents/${encodeURIComponent(id)}`, patch),
  sites: () => call<{ sites: SiteSummary[] }>('GET', '/api/sites'),
  removeAgent: (id: string) => call<unknown>('DELETE', `/api/agents/${encodeURIComponent(id)}`),
  replies: () => call<{ replies: SavedReply[] }>('GET', '/api/saved-replies'),
  addReply: (input: { title: string; text: string }) => call<unknown>('POST', '/api/saved-replies', input),
  updateReply: (id: string, input: { title: string; text: string }) =>
    call<unknown>('PUT', `/api/saved-replies/${encodeURIComponent(id)}`, input),
  removeReply: (id: string) => call<unknown>('DELETE', `/api/saved-replies/${encodeURIComponent(id)}`),
  insights: (days: number, site?: string) =>
    call<Insights>('GET', `/api/insights?${new URLSearchParams({ days: String(days), ...(site ? { site } : {}) })}`),
  deliveries: () => call<DeliveriesResponse>('GET', '/api/deliveries'),
  exportVisitor: (ref: string) => call<{ visitors: VisitorExport[] }>('GET', `/api/visitors/${encodeURIComponent(ref)}/export`),
  eraseVisitor: (ref: string) => call<{ erased: ErasureReport[] }>('DELETE', `/api/visitors/${encodeURIComponent(ref)}`),
  audit: () => call<{ entries: AuditEntry[] }>('GET', '/api/audit'),
  sendTranscript: (conversationId: string) =>
    call<{ sentTo: string }>('POST', `/api/conversations/${encodeURIComponent(conversationId)}/transcript`),
  requestPasswordReset: (email: string) => call<unknown>('POST', '/api/password-reset', { email }),
  resetPassword: (token: string, password: string) => call<unknown>('POST', '/api/password-reset/confirm', { token, password }),
  resendDelivery: (id: string) =>
    call<{ delivery: DeliveryView }>('POST', `/api/deliveries/${encodeURIComponent(id)}/resend`, {}),
  webhooks: () => call<WebhooksResponse>('GET', '/api/console/webhooks'),
  addWebhook: (input: WebhookEndpointInput) => call<WebhookSaved>('POST', '/api/console/webhooks', input),
  saveWebhook: (id: string, input: WebhookEndpointInput) =>
    call<WebhookSaved>('PUT', `/api/console/webhooks/${encodeURIComponent(id)}`, input),
  deleteWebhook: (id: string) => call<null>('DELETE', `/api/console/webhooks/${encodeURIComponent(id)}`),
  testWebhook: (id: string) => call<WebhookTestResult>('POST', `/api/console/webhooks/${encodeURIComponent(id)}/test`, {}),
};
