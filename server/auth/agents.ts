/** Agent accounts as the CLI and the first start create them. */
import type { Logger } from 'pino';
import type { AgentRole } from '../../protocol/types.js';
import type { AgentRecord, Store } from '../store/store.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';

export class AgentInputError extends Error {}

export async function addAgent(store: Store, input: { email: string; name: string; password: string; role: AgentRole }): Promise<AgentRecord> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new AgentInputError(`"${input.email}" is not an email address.`);
  const problem = passwordProblem(input.password);
  if (problem) throw new AgentInputError(problem);
  if (await store.findAgentByEmail(email)) throw new AgentInputError(`There is already an agent with the email ${email}.`);
  return store.createAgent({ email, name: input.name.trim() || email.split('@')[0]!, role: input.role, passwordHash: await hashPassword(input.password) });
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
export async function ensureAdmin(store: Store, admin: { email: string; password: string; name?: string }, logger: Logger): Promise<void> {
  const existing = await store.findAgentByEmail(admin.email.trim().toLowerCase());
  if (!existing) {
    const agent = await addAgent(store, { email: admin.email, name: admin.name ?? 'Admin', password: admin.password, role: 'admin' });
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
