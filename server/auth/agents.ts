/** Agent accounts as the CLI and the first start create them. */
import type { Logger } from 'pino';
import type { AgentRole } from '../../protocol/types.js';
import type { AgentRecord, Store } from '../store/store.js';
import { hashPassword, passwordProblem } from './passwords.js';

export class AgentInputError extends Error {}

export async function addAgent(store: Store, input: { email: string; name: string; password: string; role: AgentRole }): Promise<AgentRecord> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new AgentInputError(`"${input.email}" is not an email address.`);
  const problem = passwordProblem(input.password);
  if (problem) throw new AgentInputError(problem);
  if (await store.findAgentByEmail(email)) throw new AgentInputError(`There is already an agent with the email ${email}.`);
  return store.createAgent({ email, name: input.name.trim() || email.split('@')[0]!, role: input.role, passwordHash: await hashPassword(input.password) });
}

/** Creates the admin from PASOKH_ADMIN_EMAIL / PASOKH_ADMIN_PASSWORD once; later starts leave it alone. */
export async function ensureAdmin(store: Store, admin: { email: string; password: string }, logger: Logger): Promise<void> {
  if (await store.findAgentByEmail(admin.email.trim().toLowerCase())) return;
  const agent = await addAgent(store, { email: admin.email, name: 'Admin', password: admin.password, role: 'admin' });
  logger.info({ email: agent.email }, 'created the first admin agent');
}
