/**
 * `GET /api/history`: closed conversations for the console to browse and search, by visitor,
 * words said, agent, site and date. Read-only: a transcript opens in the console as usual.
 */
import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { describeIssues } from '../../protocol/schemas.js';
import { sitesServed } from '../auth/agent-sites.js';
import { agentFromCookies } from '../auth/sessions.js';
import type { RelayDeps } from '../relay/deps.js';
import { createSummaries } from '../relay/summaries.js';
import type { HistoryFilter } from '../store/store.js';
import { HttpError } from './errors.js';

const day = v.pipe(v.string(), v.isoDate('must be a date like "2026-03-21"'));
const text = v.pipe(v.string(), v.trim(), v.maxLength(200));
const querySchema = v.object({
  visitor: v.optional(text),
  text: v.optional(text),
  agent: v.optional(v.pipe(v.string(), v.maxLength(64))),
  site: v.optional(v.pipe(v.string(), v.maxLength(64))),
  from: v.optional(day),
  to: v.optional(day),
});

export function registerHistoryApi(app: FastifyInstance, deps: RelayDeps): void {
  const summaries = createSummaries(deps.store);

  app.get('/api/history', async (request) => {
    const agent = (await agentFromCookies(deps.store, request.headers.cookie))?.agent;
    if (!agent) throw new HttpError('unauthorized', 'Sign in first.');
    const parsed = v.safeParse(querySchema, request.query);
    if (!parsed.success) throw new HttpError('invalid_payload', describeIssues(parsed.issues));
    const query = parsed.output;
    const served = sitesServed(
      agent,
      deps.config.sites.map((site) => site.key),
    );
    // A site the agent does not serve is as absent as one that does not exist.
    if (query.site && !served.includes(query.site)) throw new HttpError('not_found', `There is no site "${query.site}".`);
    const filter: HistoryFilter = {
      sites: query.site ? [query.site] : served,
      ...(query.visitor ? { visitor: query.visitor } : {}),
      ...(query.text ? { text: query.text } : {}),
      ...(query.agent ? { agentId: query.agent } : {}),
      // Whole days: from the start of `from` to the end of `to`, in UTC.
      ...(query.from ? { from: `${query.from}T00:00:00.000Z` } : {}),
      ...(query.to ? { to: `${query.to}T23:59:59.999Z` } : {}),
    };
    const found = await deps.store.searchClosedConversations(filter);
    return { conversations: await Promise.all(found.map((conversation) => summaries.summarize(conversation))) };
  });
}
