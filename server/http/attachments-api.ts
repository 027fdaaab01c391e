/**
 * Attachments over HTTP (docs/architecture.md, "Attachments"):
 * - POST /api/attachments?site=&name= — a visitor's upload (Authorization: Bearer <token>), from
 *   the host page like the rest of the widget's calls;
 * - POST /api/conversations/:id/attachments?name= — an agent's upload (session cookie);
 * - GET /api/attachments/:id/link — a short-lived signed link, for the visitor of the file's
 *   conversation (Bearer + ?site=) or an agent of its site (cookie); anybody else gets 404;
 * - GET /api/attachments/:id/file?expires=&sig= — the bytes, through such a link only.
 * The body of an upload is the raw file; its type is read from its bytes.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isImage } from '../../protocol/attachments.js';
import { servesSite } from '../auth/agent-sites.js';
import { agentFromCookies } from '../auth/sessions.js';
import { hashToken, looksLikeToken } from '../auth/tokens.js';
import { UploadRefused, type UploadInput } from '../attachments/service.js';
import { signLink, verifyLink } from '../attachments/links.js';
import type { RelayDeps } from '../relay/deps.js';
import type { AttachmentRecord, VisitorRecord } from '../store/store.js';
import { HttpError } from './errors.js';
import { createOriginRefusals } from './origin-refusals.js';
import { allowCors, siteLookup } from './widget-api.js';

type Query = Record<string, string | undefined>;

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

/** `filename*` (RFC 6266) carries any name; the plain `filename` an ASCII stand-in for old clients. */
export function contentDisposition(record: AttachmentRecord): string {
  const kind = isImage(record.mime) ? 'inline' : 'attachment';
  const ascii = record.name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(record.name)}`;
}

export function registerAttachmentsApi(app: FastifyInstance, deps: RelayDeps): void {
  const { store, attachments } = deps;
  const siteFrom = siteLookup(deps, createOriginRefusals({ logger: deps.logger }));
  // The factory is Redis's when scaled out: the budget holds across every process.
  const uploads = deps.limiter('attachments', deps.config.attachmentUploadsPerMinute, 60);
  let key: Promise<string> | undefined;
  const signingKey = () =>
    (key ??= store.attachmentSigningKey().catch((error: unknown) => {
      key = undefined;
      throw error;
    }));

  /** The visitor a widget request speaks for, on the site it names; the page's origin checked. */
  async function visitorOf(request: FastifyRequest, reply: FastifyReply): Promise<VisitorRecord> {
    const site = siteFrom(request, reply, (request.query as Query).site);
    allowCors(request, reply);
    const token = bearer(request);
    const visitor = looksLikeToken(token) ? await store.findVisitorByTokenHash(site.key, hashToken(token)) : null;
    if (!visitor) throw new HttpError('unauthorized', 'Send the visitor token the widget was given.');
    return visitor;
  }

  async function take(input: UploadInput) {
    await uploads.consume(`${input.uploader.kind}:${input.uploader.id}`).catch(() => {
      throw new HttpError('rate_limited', 'Too many files at once; wait a minute.');
    });
    try {
      return await attachments.upload(input);
    } catch (error) {
      if (error instanceof UploadRefused) throw new HttpError(error.code, error.message);
      throw error;
    }
  }

  app.register(async (scope) => {
    // Only these routes take a raw body, and no more of it than the setting allows.
    scope.addContentTypeParser(
      'application/octet-stream',
      { parseAs: 'buffer', bodyLimit: attachments.maxBytes },
      (_request, body, done) => done(null, body),
    );
    scope.setErrorHandler((error, _request, reply) => {
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 413) {
        const limit = `${Math.floor(attachments.maxBytes / 1024)} KB`;
        throw new HttpError('file_too_large', `A file may be at most ${limit}.`);
      }
      if (status === 415) throw new HttpError('unsupported_media_type', 'Send the file as application/octet-stream.');
      void reply;
      throw error;
    });

    scope.post('/api/attachments', async (request, reply) => {
      const visitor = await visitorOf(request, reply);
      const open = await store.findOpenConversation(visitor.id);
      const ref = await take({
        bytes: bodyBytes(request.body),
        name: (request.query as Query).name ?? '',
        site: visitor.site,
        visitorId: visitor.id,
        conversationId: open?.id ?? null,
        uploader: { kind: 'visitor', id: visitor.id },
      });
      return reply.code(201).send(ref);
    });

    scope.post<{ Params: { id: string } }>('/api/conversations/:id/attachments', async (request, reply) => {
      const found = await agentFromCookies(store, request.headers.cookie);
      if (!found) throw new HttpError('unauthorized');
      const conversation = await store.getConversation(request.params.id);
      if (!conversation || !servesSite(found.agent, conversation.site)) throw new HttpError('not_found', 'No such conversation.');
      const ref = await take({
        bytes: bodyBytes(request.body),
        name: (request.query as Query).name ?? '',
        site: conversation.site,
        visitorId: conversation.visitorId,
        conversationId: conversation.id,
        uploader: { kind: 'agent', id: found.agent.id },
      });
      return reply.code(201).send(ref);
    });
  });

  app.options('/api/attachments', preflight('POST'));
  app.options('/api/attachments/:id/link', preflight('GET'));

  app.get<{ Params: { id: string } }>('/api/attachments/:id/link', async (request, reply) => {
    const [record] = await store.getAttachments([request.params.id]);
    if (bearer(request) !== undefined) {
      const visitor = await visitorOf(request, reply);
      // Not "forbidden": a stranger learns nothing, not even that the file exists.
      if (!record || record.visitorId !== visitor.id || record.site !== visitor.site) throw notFound();
    } else {
      const found = await agentFromCookies(store, request.headers.cookie);
      if (!found) throw new HttpError('unauthorized');
      if (!record || !servesSite(found.agent, record.site)) throw notFound();
    }
    reply.header('Cache-Control', 'no-store');
    return signLink(await signingKey(), record.id);
  });

  app.get<{ Params: { id: string }; Querystring: Query }>('/api/attachments/:id/file', async (request, reply) => {
    const { id } = request.params;
    if (!verifyLink(await signingKey(), id, request.query.expires, request.query.sig)) throw new HttpError('link_expired');
    const file = await attachments.read(id);
    if (!file) throw notFound();
    const seconds = Math.max(0, Math.floor((Number(request.query.expires) - Date.now()) / 1000));
    return (
      reply
        .header('Content-Type', file.record.mime)
        .header('Content-Disposition', contentDisposition(file.record))
        .header('X-Content-Type-Options', 'nosniff')
        .header('Cache-Control', `private, max-age=${seconds}`)
        // A file is data, never a page: nothing in it may run or load anything.
        .header('Content-Security-Policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
        .header('Cross-Origin-Resource-Policy', 'cross-origin')
        .send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength))
    );
  });
}

function notFound(): HttpError {
  return new HttpError('not_found', 'No such file.');
}

function bodyBytes(body: unknown): Uint8Array {
  if (!(body instanceof Uint8Array)) throw new HttpError('unsupported_media_type', 'Send the file as application/octet-stream.');
  return body;
}

/** The widget's calls carry a token header and a raw body, so browsers ask first. */
function preflight(methods: string) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const origin = request.headers.origin;
    if (origin) {
      reply.header('Access-Control-Allow-Origin', origin);
      reply.header('Access-Control-Allow-Methods', methods);
      reply.header('Access-Control-Allow-Headers', 'Authorization, Content-Type');
      reply.header('Access-Control-Max-Age', '600');
      reply.header('Vary', 'Origin');
    }
    return reply.code(204).send();
  };
}
