/** Agent accounts: the one way a new agent is made, whoever asks (CLI, admin API, first start). */
import type { Logger } from 'pino';
import * as v from 'valibot';
import { describeIssues, newAgentSchema } from '../../protocol/schemas.js';
import type { SiteKey } from '../../protocol/types.js';
import type { AgentRecord, Store } from '../store/store.js';
import { parseSiteList, SiteListError } from './agent-sites.js';
import { hashPassword, passwordProblem } from './passwords.js';

/** A new agent that cannot be made, with the sentence to show and the catalogue's code. */
export class AgentInputError extends Error {
  constructor(
    message: string,
    readonly code: 'invalid_payload' | 'conflict' = 'invalid_payload',
  ) {
    super(message);
  }
}

/** Checks `input` against newAgentSchema and the password rules, then creates the agent. */
export async function addAgent(store: Store, input: unknown, siteKeys: readonly SiteKey[] = []): Promise<AgentRecord> {
  const parsed = v.safeParse(newAgentSchema, input);
  if (!parsed.success) throw new AgentInputError(describeIssues(parsed.issues));
  const { email, name, password, role } = parsed.output;
  const problem = passwordProblem(password);
  if (problem) throw new AgentInputError(problem);
  const sites = sitesOf(parsed.output.sites, siteKeys);
  if (await store.findAgentByEmail(email)) throw new AgentInputError(`There is already an agent with the email ${email}.`, 'conflict');
  return store.createAgent({ email, name: name || email.split('@')[0]!, role, passwordHash: await hashPassword(password), sites });
}

/** Every site unless a list is given; a list names only sites of `siteKeys`. */
function sitesOf(sites: readonly string[] | null | undefined, siteKeys: readonly SiteKey[]): SiteKey[] | null {
  if (sites === undefined || sites === null) return null;
  try {
    return parseSiteList(sites, siteKeys);
  } catch (error) {
    throw error instanceof SiteListError ? new AgentInputError(error.message) : error;
  }
}

/** Creates the admin from PASOKH_ADMIN_EMAIL / PASOKH_ADMIN_PASSWORD once; later starts leave it alone. */
export async function ensureAdmin(store: Store, admin: { email: string; password: string }, logger: Logger): Promise<void> {
  if (await store.findAgentByEmail(admin.email.trim().toLowerCase())) return;
  const agent = await addAgent(store, { email: admin.email, name: 'Admin', password: admin.password, role: 'admin' });
  logger.info({ email: agent.email }, 'created the first admin agent');
}
