/**
 * Learned phrasings in the console: `GET /api/console/faq-learned?site=[&entry=]` lists the
 * wordings search learned (promoted or still counting visitors) to agents of the site;
 * `DELETE /api/console/faq-learned/:id?site=` removes one for good (admins, or the site's FAQ
 * editors), and the next /api/faq no longer indexes it.
 */
import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import type { LearnedPhrasing } from '../../protocol/answers.js';
import type { AnswerLearning } from '../answers/index.js';
import { HttpError } from './errors.js';
import { createFaqAccess, parse, type FaqAdminDeps } from './faq-admin.js';

const entryQuery = v.object({ entry: v.optional(v.pipe(v.string(), v.maxLength(128))) });

export function registerLearnedApi(app: FastifyInstance, deps: FaqAdminDeps & { learning: AnswerLearning }): void {
  const { reader, mayEdit } = createFaqAccess(deps);

  app.get('/api/console/faq-learned', async (request): Promise<{ phrasings: LearnedPhrasing[]; removable: boolean }> => {
    const { agent, site } = await reader(request);
    const { entry } = parse(entryQuery, request.query);
    const phrasings = await deps.store.listLearnedPhrasings(site.key, entry === undefined ? {} : { entryId: entry });
    return { phrasings, removable: agent.role === 'admin' || mayEdit(agent, site) };
  });

  app.delete('/api/console/faq-learned/:id', async (request) => {
    const { agent, site } = await reader(request);
    if (agent.role !== 'admin' && !mayEdit(agent, site))
      throw new HttpError('forbidden', 'Only an admin can remove what search learned.');
    const { id } = request.params as { id: string };
    if (!(await deps.store.removeLearnedPhrasing(site.key, id))) throw new HttpError('not_found', `No learned phrasing ${id}.`);
    deps.learning.forget(site.key);
    return { ok: true };
  });
}
