/**
 * Integrations in the console: the deliveries of webhooks, Slack posts and email (status,
 * response code, next try) with "Resend", and whether email is on. Admins only.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DeliveriesResponse } from '../../protocol/integrations.js';
import { agentFromCookies } from '../auth/sessions.js';
import type { Config } from '../config.js';
import { NotFoundError, type Store } from '../store/store.js';
import { HttpError } from './errors.js';

export function registerDeliveriesApi(app: FastifyInstance, deps: { store: Store; config: Config }): void {
  const { store, config } = deps;

  async function admin(request: FastifyRequest): Promise<void> {
    const found = await agentFromCookies(store, request.headers.cookie);
    if (!found) throw new HttpError('unauthorized', 'Sign in first.');
    if (found.agent.role !== 'admin') throw new HttpError('forbidden', 'Only an admin can see deliveries.');
  }

  app.get('/api/deliveries', async (request): Promise<DeliveriesResponse> => {
    await admin(request);
    return {
      email: config.mail.transport.kind,
      webhooks:
        config.sites.reduce((n, site) => n + site.webhooks.length, 0) +
        (await store.listWebhookEndpoints({ enabledOnly: true })).length,
      deliveries: await store.listDeliveries({ sites: config.sites.map((s) => s.key), limit: 200 }),
    };
  });

  app.post<{ Params: { id: string } }>('/api/deliveries/:id/resend', async (request) => {
    await admin(request);
    try {
      return { delivery: await store.resendDelivery(request.params.id) };
    } catch (error) {
      if (error instanceof NotFoundError) throw new HttpError('not_found', 'No such delivery.');
      throw error;
    }
  });
}
