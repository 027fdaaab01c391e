/**
 * GET /r/<token>: the link in a reply email. A genuine, unexpired token gives the visitor a
 * fresh widget token and sends the browser to the page the conversation started on, with the
 * token in the fragment (never sent to a server, never in a Referer); the widget there takes
 * it and opens the conversation.
 */
import type { FastifyInstance } from 'fastify';
import { hashToken, newToken } from '../auth/tokens.js';
import type { Config } from '../config.js';
import { mailSecret } from '../mail/settings.js';
import { verifyConversation } from '../mail/tokens.js';
import { isOriginAllowed } from '../sites.js';
import type { Store } from '../store/store.js';
import { HttpError } from './errors.js';

/** The fragment key the widget looks for. */
export const REOPEN_FRAGMENT = 'pasokh-token';

/** Where to send the visitor: the conversation's page when the site allows that origin, else the server's home page. */
function landingPage(config: Config, siteKey: string, pageUrl: string | undefined): string {
  const site = config.sites.find((s) => s.key === siteKey);
  try {
    const page = new URL(pageUrl ?? '');
    if (
      site &&
      (page.protocol === 'https:' || page.protocol === 'http:') &&
      isOriginAllowed(site, page.origin, new URL(config.publicUrl).host)
    ) {
      page.hash = '';
      return page.href;
    }
  } catch {
    // No usable page: the home page below.
  }
  return `${config.publicUrl}/`;
}

export function registerReopenRoute(app: FastifyInstance, deps: { config: Config; store: Store }): void {
  const { config, store } = deps;
  if (config.mail.transport.kind === 'off') return;
  const secret = mailSecret(config.mail, config.dataDir);

  app.get<{ Params: { token: string } }>('/r/:token', async (request, reply) => {
    const conversationId = verifyConversation(secret, 'reopen', request.params.token);
    const conversation = conversationId ? await store.getConversation(conversationId) : null;
    if (!conversation) throw new HttpError('not_found', 'This link has expired or is not valid.');
    const token = newToken();
    await store.updateVisitor(conversation.visitorId, { tokenHash: hashToken(token) });
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    return reply.redirect(`${landingPage(config, conversation.site, conversation.context.url)}#${REOPEN_FRAGMENT}=${token}`, 302);
  });
}
