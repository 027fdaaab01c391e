/**
 * The console's FAQ editor API, under /api/console/faq. Every route names its site
 * (`?site=`). Reading needs a signed-in agent who serves the site; changing needs an admin, or
 * any agent of the site when its config says `"faqEditors": "agents"`, and a site whose FAQ is
 * managed in the console (a file-managed FAQ is read-only here). Each change refreshes the
 * site's FaqLibrary, so the next /api/faq carries a new ETag.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as v from 'valibot';
import type { FaqAdminList, FaqEntryRecord } from '../../protocol/faq-admin.js';
import { describeIssues } from '../../protocol/schemas.js';
import { servesSite } from '../auth/agent-sites.js';
import { agentFromCookies } from '../auth/sessions.js';
import type { SiteConfig } from '../config.js';
import type { FaqLibrary } from '../faq/library.js';
import { toContent } from '../faq/records.js';
import { renderAnswer } from '../faq/render.js';
import { ConflictError, NotFoundError, type AgentRecord, type Store } from '../store/store.js';
import { HttpError } from './errors.js';

const MAX_ANSWER = 20_000;
const word = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(200));

const contentSchema = v.strictObject({
  locale: v.picklist(['en', 'fa'], 'must be "en" or "fa"'),
  question: v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(500)),
  answer: v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(MAX_ANSWER)),
  keywords: v.optional(v.pipe(v.array(word), v.maxLength(50)), []),
  phrasings: v.optional(v.pipe(v.array(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(500))), v.maxLength(50)), []),
  category: v.optional(v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(120))), null),
  translationOf: v.optional(v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(120))), null),
});
const saveSchema = v.strictObject({
  content: contentSchema,
  publish: v.optional(v.boolean(), false),
  baseRevision: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
});
const createSchema = v.strictObject({
  /** A readable id (it becomes the help centre's slug); a new random one when absent. */
  id: v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9_-]{0,119}$/, 'must be lowercase letters, digits, "-" or "_"'))),
  content: contentSchema,
  publish: v.optional(v.boolean(), false),
});
const previewSchema = v.strictObject({ markdown: v.pipe(v.string(), v.maxLength(MAX_ANSWER)) });
const siteQuery = v.object({
  site: v.pipe(v.string(), v.maxLength(64)),
  q: v.optional(v.pipe(v.string(), v.maxLength(200))),
  deleted: v.optional(v.string()),
});

export function parse<S extends v.GenericSchema>(schema: S, body: unknown): v.InferOutput<S> {
  const parsed = v.safeParse(schema, body);
  if (!parsed.success) throw new HttpError('invalid_payload', describeIssues(parsed.issues));
  return parsed.output;
}

/** Store errors as the HTTP error the catalogue gives them. */
export async function storeCall<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof NotFoundError) throw new HttpError('not_found', error.message);
    if (error instanceof ConflictError) throw new HttpError('conflict', error.message);
    throw error;
  }
}

/** Case-insensitive search over what an editor would look for: question, answer, keywords, phrasings. */
function matches(entry: FaqEntryRecord, q: string): boolean {
  const needle = q.trim().toLowerCase();
  if (!needle) return true;
  return [entry.id, entry.question, entry.answer, ...entry.keywords, ...entry.phrasings].some((text) =>
    text.toLowerCase().includes(needle),
  );
}

export interface FaqAdminDeps {
  store: Store;
  sites: readonly SiteConfig[];
  faq: (site: string) => FaqLibrary | undefined;
}

type SiteQuery = v.InferOutput<typeof siteQuery>;

/** Who may read and who may change a site's FAQ, from the session cookie and the site's config. */
export function createFaqAccess(deps: FaqAdminDeps) {
  const bySite = new Map(deps.sites.map((s) => [s.key, s]));
  const mayEdit = (agent: AgentRecord, site: SiteConfig) =>
    site.faqSource === 'database' && (agent.role === 'admin' || site.faqEditors === 'agents');
  async function reader(request: FastifyRequest): Promise<{ agent: AgentRecord; site: SiteConfig; query: SiteQuery }> {
    const found = await agentFromCookies(deps.store, request.headers.cookie);
    if (!found) throw new HttpError('unauthorized', 'Sign in first.');
    const query = parse(siteQuery, request.query);
    const site = bySite.get(query.site);
    // A site the agent does not serve looks like one that does not exist.
    if (!site || !servesSite(found.agent, site.key)) throw new HttpError('not_found', `No site "${query.site}".`);
    return { agent: found.agent, site, query };
  }
  async function editor(request: FastifyRequest): Promise<{ agent: AgentRecord; site: SiteConfig }> {
    const { agent, site } = await reader(request);
    if (site.faqSource !== 'database')
      throw new HttpError(
        'forbidden',
        `The FAQ of site "${site.key}" is managed in files; edit the files, or set "faqSource": "database" to edit it here.`,
      );
    if (!mayEdit(agent, site)) throw new HttpError('forbidden', 'Only an admin can edit the FAQ of this site.');
    return { agent, site };
  }
  return { mayEdit, reader, editor };
}

export function registerFaqAdmin(app: FastifyInstance, deps: FaqAdminDeps): void {
  const { store } = deps;
  const { mayEdit, reader, editor } = createFaqAccess(deps);
  /** After a change: the next /api/faq of this process serves it (other processes poll). */
  async function changed<T>(site: SiteConfig, result: T): Promise<T> {
    await deps.faq(site.key)?.refresh?.();
    return result;
  }
  const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

  app.get('/api/console/faq', async (request): Promise<FaqAdminList> => {
    const { agent, site, query } = await reader(request);
    const entries =
      site.faqSource === 'database'
        ? await store.listFaqEntries(site.key, { includeDeleted: query.deleted === '1' })
        : (deps.faq(site.key)?.entries() ?? []).map((e): FaqEntryRecord => ({
            site: site.key,
            id: e.id,
            ...toContent(e),
            status: 'published',
            published: toContent(e),
            revision: 0,
            updatedAt: '',
            updatedBy: null,
            deletedAt: null,
          }));
    return {
      site: site.key,
      source: site.faqSource,
      editable: mayEdit(agent, site),
      entries: entries.filter((e) => matches(e, query.q ?? '')),
    };
  });

  app.get('/api/console/faq/:id', async (request) => {
    const { site } = await reader(request);
    const entry = await store.getFaqEntry(site.key, idOf(request));
    if (!entry) throw new HttpError('not_found', `No answer ${idOf(request)}.`);
    return { entry };
  });

  app.post('/api/console/faq', async (request, reply) => {
    const { agent, site } = await editor(request);
    const body = parse(createSchema, request.body);
    if (body.id && (await store.getFaqEntry(site.key, body.id)))
      throw new HttpError('conflict', `An answer with the id "${body.id}" exists already.`);
    const entry = await storeCall(
      store.saveFaqEntry({
        site: site.key,
        ...(body.id ? { id: body.id } : {}),
        content: body.content,
        publish: body.publish,
        by: agent.id,
      }),
    );
    return reply.code(201).send({ entry: await changed(site, entry) });
  });

  app.put('/api/console/faq/:id', async (request) => {
    const { agent, site } = await editor(request);
    const body = parse(saveSchema, request.body);
    if (!(await store.getFaqEntry(site.key, idOf(request)))) throw new HttpError('not_found', `No answer ${idOf(request)}.`);
    const input = {
      site: site.key,
      id: idOf(request),
      content: body.content,
      publish: body.publish,
      by: agent.id,
      ...(body.baseRevision ? { baseRevision: body.baseRevision } : {}),
    };
    return { entry: await changed(site, await storeCall(store.saveFaqEntry(input))) };
  });

  app.post('/api/console/faq/:id/publish', async (request) => {
    const { agent, site } = await editor(request);
    return { entry: await changed(site, await storeCall(store.publishFaqEntry(site.key, idOf(request), agent.id))) };
  });

  for (const [action, deleted] of [
    ['delete', true],
    ['undelete', false],
  ] as const) {
    app.post(`/api/console/faq/:id/${action}`, async (request) => {
      const { agent, site } = await editor(request);
      return {
        entry: await changed(site, await storeCall(store.setFaqEntryDeleted(site.key, idOf(request), deleted, agent.id))),
      };
    });
  }

  app.get('/api/console/faq/:id/revisions', async (request) => {
    const { site } = await reader(request);
    return { revisions: await store.listFaqRevisions(site.key, idOf(request)) };
  });

  app.post('/api/console/faq/:id/revisions/:revision/restore', async (request) => {
    const { agent, site } = await editor(request);
    const revision = Number((request.params as { revision: string }).revision);
    if (!Number.isInteger(revision) || revision < 1)
      throw new HttpError('invalid_payload', 'revision must be a whole number from 1.');
    return { entry: await changed(site, await storeCall(store.restoreFaqRevision(site.key, idOf(request), revision, agent.id))) };
  });

  // The same renderer and sanitiser visitors get, so the preview is what they will see.
  app.post('/api/console/faq-preview', async (request) => {
    const found = await agentFromCookies(store, request.headers.cookie);
    if (!found) throw new HttpError('unauthorized', 'Sign in first.');
    return { html: renderAnswer(parse(previewSchema, request.body).markdown) };
  });
}
