/** Agent accounts: the one way a new agent is made, whoever asks (CLI, admin API, first start). */
import type { Logger } from 'pino';
import * as v from 'valibot';
import { describeIssues, newAgentSchema } from '../../protocol/schemas.js';
import type { SiteKey } from '../../protocol/types.js';
import type { AgentRecord, Store } from '../store/store.js';
import { parseSiteList, SiteListError } from './agent-sites.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';

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
  if (await store.findAgentByEmail(email))
    throw new AgentInputError(`There is already an agent with the email ${email}.`, 'conflict');
  return store.createAgent({
    email,
    name: name || email.split('@')[0]!,
    role,
    passwordHash: await hashPassword(password),
    sites,
  });
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

/** The agent with `email`, or a sentence saying there is none. */
async function agentByEmail(store: Store, email: string): Promise<AgentRecord> {
  const agent = await store.findAgentByEmail(email.trim().toLowerCase());
  if (!agent) throw new AgentInputError(`There is no agent with the email ${email}.`);
  return agent;
}

/** Sets a new password; every session of the agent ends (a lost laptop stays signed out). */
export async function setAgentPassword(store: Store, email: string, password: string): Promise<AgentRecord> {
  const problem = passwordProblem(password);
  if (problem) throw new AgentInputError(problem);
  const agent = await agentByEmail(store, email);
  const updated = await store.updateAgent(agent.id, { passwordHash: await hashPassword(password) });
  await store.deleteAgentSessions(agent.id);
  return updated;
}

/** The name visitors and colleagues see. */
export async function renameAgent(store: Store, email: string, name: string): Promise<AgentRecord> {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 120) throw new AgentInputError('The name must be 1 to 120 characters.');
  return store.updateAgent((await agentByEmail(store, email)).id, { name: trimmed });
}

/** What a server with no agent at all tells its owner, once per start. */
export const NO_AGENTS_HINT =
  'No agents yet, so nobody can sign in to the console. Create the first admin: set PASOKH_ADMIN_EMAIL and ' +
  'PASOKH_ADMIN_PASSWORD (and PASOKH_ADMIN_NAME) and restart, or run `npx pasokh agent add you@example.com --role admin`.';

/**
 * Creates the admin from PASOKH_ADMIN_EMAIL / PASOKH_ADMIN_PASSWORD / PASOKH_ADMIN_NAME once.
 * On later starts the password in the environment is not applied over one changed since (in the
 * console or with `pasokh agent passwd`): a warning says so and how to change it instead.
 */
export async function ensureAdmin(
  store: Store,
  admin: { email: string; password: string; name?: string },
  logger: Logger,
): Promise<void> {
  const existing = await store.findAgentByEmail(admin.email.trim().toLowerCase());
  if (!existing) {
    const agent = await addAgent(store, {
      email: admin.email,
      name: admin.name ?? 'Admin',
      password: admin.password,
      role: 'admin',
    });
    logger.info({ email: agent.email }, 'created the first admin agent');
    return;
  }
  if (await verifyPassword(admin.password, existing.passwordHash)) return;
  logger.warn(
    { email: existing.email },
    `PASOKH_ADMIN_PASSWORD is not ${existing.email}'s password and was not applied: it only creates the first admin. ` +
      `To change the password, run \`npx pasokh agent passwd ${existing.email}\` or use Account in the console, then update or remove PASOKH_ADMIN_PASSWORD.`,
  );
}
