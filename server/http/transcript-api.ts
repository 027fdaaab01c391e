/**
 * POST /api/conversations/:id/transcript: an agent emails a closed conversation's transcript to
 * its visitor, on the visitor's request. Only when email is on; only agents of the site.
 */
import type { FastifyInstance } from 'fastify';
import { servesSite } from '../auth/agent-sites.js';
import { agentFromCookies } from '../auth/sessions.js';
import type { Config } from '../config.js';
import { siteName } from '../sites.js';
import { transcriptMail } from '../mail/compose.js';
import { createMailer } from '../mail/transport.js';
import { visitorLocale } from '../relay/auto-ack.js';
import type { Store } from '../store/store.js';
import { HttpError } from './errors.js';

export function registerTranscriptApi(app: FastifyInstance, deps: { config: Config; store: Store }): void {
  const { config, store } = deps;
  const transport = config.mail.transport;
  if (transport.kind === 'off') return;
  const mailer = createMailer(transport, config.mail.from);
  app.addHook('onClose', async () => mailer.close());

  app.post<{ Params: { id: string } }>('/api/conversations/:id/transcript', async (request) => {
    const found = await agentFromCookies(store, request.headers.cookie);
    if (!found) throw new HttpError('unauthorized');
    const conversation = await store.getConversation(request.params.id);
    const site = conversation && config.sites.find((s) => s.key === conversation.site);
    if (!conversation || !site || !servesSite(found.agent, site.key)) throw new HttpError('not_found', 'No such conversation.');
    if (conversation.status !== 'closed')
      throw new HttpError('conflict', 'A transcript is sent once the conversation is closed.');
    const visitor = await store.getVisitor(conversation.visitorId);
    if (!visitor?.email) throw new HttpError('not_found', 'The visitor left no email address.');
    const messages = await store.listMessages(conversation.id, { includeInternal: false, limit: 2000 });
    const locale = visitorLocale(conversation.context.locale ?? visitor.locale, site.locale);
    await mailer.send(transcriptMail({ siteName: siteName(site, locale), locale, to: visitor.email, messages }));
    return { sentTo: visitor.email };
  });
}
