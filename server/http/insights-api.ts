/**
 * `GET /api/insights` (the report as JSON) and `GET /api/insights.csv` (one of its tables as a
 * download). Both need a session; an agent sees only the sites it serves — a site it does not
 * serve is as absent as one that does not exist.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as v from 'valibot';
import { describeIssues } from '../../protocol/schemas.js';
import { servesSite, sitesServed } from '../auth/agent-sites.js';
import { agentFromCookies } from '../auth/sessions.js';
import type { FaqLibrary } from '../faq/index.js';
import type { RelayDeps } from '../relay/deps.js';
import { HttpError } from './errors.js';
import { CSV_TABLES, insightsCsv } from './insights-csv.js';
import { buildInsights } from './insights-report.js';

const querySchema = v.object({
  site: v.optional(v.pipe(v.string(), v.maxLength(64))),
  days: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,3}$/, 'must be a whole number of days'),
      v.transform(Number),
      v.minValue(1),
      v.maxValue(365),
    ),
    '30',
  ),
  table: v.optional(v.picklist(CSV_TABLES), 'days'),
});

export function registerInsightsApi(
  app: FastifyInstance,
  deps: RelayDeps & { faq: (site: string) => FaqLibrary | undefined },
): void {
  const siteKeys = deps.config.sites.map((s) => s.key);

  async function report(request: FastifyRequest) {
    const found = await agentFromCookies(deps.store, request.headers.cookie);
    if (!found) throw new HttpError('unauthorized', 'Sign in first.');
    const parsed = v.safeParse(querySchema, request.query ?? {});
    if (!parsed.success) throw new HttpError('invalid_payload', describeIssues(parsed.issues));
    const { agent } = found;
    const site = parsed.output.site ?? sitesServed(agent, siteKeys)[0] ?? siteKeys[0]!;
    if (!deps.site(site) || !servesSite(agent, site)) throw new HttpError('not_found', `There is no site "${site}".`);
    const insights = await buildInsights({
      store: deps.store,
      faq: deps.faq(site),
      site,
      days: parsed.output.days,
      now: new Date(),
    });
    return { insights, table: parsed.output.table };
  }

  app.get('/api/insights', async (request) => (await report(request)).insights);

  app.get('/api/insights.csv', async (request, reply) => {
    const { insights, table } = await report(request);
    const name = `pasokh-${insights.site}-${table}-${insights.days}d.csv`.replace(/[^\w.-]/g, '_');
    return reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${name}"`)
      .header('Cache-Control', 'no-store')
      .send(`\uFEFF${insightsCsv(insights, table)}`);
  });
}
