/**
 * Data rights over HTTP, for admins: export and erase a visitor (by id or email), the audit
 * log, and audit entries for the agent changes made through the console API.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AttachmentStorage } from '../attachments/storage.js';
import { agentFromCookies } from '../auth/sessions.js';
import { eraseVisitors, exportVisitors } from '../privacy/visitor-data.js';
import type { AgentRecord, Store } from '../store/store.js';
import { HttpError } from './errors.js';

const AGENT_ACTIONS: Record<string, string> = {
  POST: 'agent.add',
  PATCH: 'agent.update',
  PUT: 'agent.update',
  DELETE: 'agent.remove',
};

export function registerPrivacyApi(app: FastifyInstance, deps: { store: Store; storage: AttachmentStorage }): void {
  const { store, storage } = deps;

  async function admin(request: FastifyRequest): Promise<AgentRecord> {
    const found = await agentFromCookies(store, request.headers.cookie);
    if (!found) throw new HttpError('unauthorized', 'Sign in first.');
    if (found.agent.role !== 'admin') throw new HttpError('forbidden', 'Only an admin can do this.');
    return found.agent;
  }

  app.get<{ Params: { ref: string } }>('/api/visitors/:ref/export', async (request, reply) => {
    const me = await admin(request);
    const visitors = await exportVisitors(store, request.params.ref, me.email);
    if (visitors.length === 0) throw new HttpError('not_found', 'No visitor with this id or email.');
    reply
      .header('content-disposition', `attachment; filename="pasokh-visitor-${visitors[0]!.visitor.id}.json"`)
      .header('cache-control', 'no-store');
    return { visitors };
  });

  app.delete<{ Params: { ref: string } }>('/api/visitors/:ref', async (request) => {
    const me = await admin(request);
    const erased = await eraseVisitors(store, storage, request.params.ref, me.email);
    if (erased.length === 0) throw new HttpError('not_found', 'No visitor with this id or email.');
    return { erased };
  });

  app.get('/api/audit', async (request) => {
    await admin(request);
    return { entries: await store.listAudit(200) };
  });

  // Agent changes go through the console API; they are logged here once they succeeded.
  app.addHook('onResponse', async (request, reply) => {
    const action = AGENT_ACTIONS[request.method];
    const route = request.routeOptions.url ?? '';
    if (!action || !route.startsWith('/api/agents') || reply.statusCode >= 400) return;
    const found = await agentFromCookies(store, request.headers.cookie).catch(() => null);
    const params = request.params as { id?: string };
    const body = (request.body ?? {}) as { email?: unknown; role?: unknown; disabled?: unknown; name?: unknown };
    const detail = Object.fromEntries(
      Object.entries({ role: body.role, disabled: body.disabled, name: body.name }).filter(([, value]) => value !== undefined),
    );
    await store
      .recordAudit({
        actor: found?.agent.email ?? 'unknown',
        action,
        target: params.id ?? (typeof body.email === 'string' ? body.email : route),
        detail,
      })
      .catch((error: unknown) => request.log.error({ err: error }, 'audit entry failed'));
  });
}
