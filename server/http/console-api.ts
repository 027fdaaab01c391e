/**
 * The console's HTTP API: sign in and out, agents, saved replies, insights. Everything but
 * login needs the session cookie; managing agents needs the admin role.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import * as v from 'valibot';
import { describeIssues, loginSchema } from '../../protocol/schemas.js';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/passwords.js';
import { SESSION_COOKIE, agentFromCookies, startSession } from '../auth/sessions.js';
import { hashToken } from '../auth/tokens.js';
import { agentProfile } from '../relay/agent.js';
import type { AgentNamespace, RelayDeps } from '../relay/deps.js';
import { rooms } from '../relay/rooms.js';
import type { AgentRecord } from '../store/store.js';
import { siteNames } from '../sites.js';
import { HttpError } from './errors.js';

const newAgentSchema = v.strictObject({
  email: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.maxLength(254), v.email('must be an email address')),
  name: v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(120)),
  password: v.string(),
  role: v.optional(v.picklist(['admin', 'agent']), 'agent'),
});
const agentPatchSchema = v.strictObject({
  name: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(120))),
  role: v.optional(v.picklist(['admin', 'agent'])),
  disabled: v.optional(v.boolean()),
});
const profileSchema = v.strictObject({
  name: v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(120)),
});
const passwordChangeSchema = v.strictObject({
  current: v.pipe(v.string(), v.maxLength(1024)),
  password: v.pipe(v.string(), v.maxLength(1024)),
});
const savedReplySchema = v.strictObject({
  title: v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(120)),
  text: v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(4000)),
});

function parse<S extends v.GenericSchema>(schema: S, body: unknown): v.InferOutput<S> {
  const parsed = v.safeParse(schema, body);
  if (!parsed.success) throw new HttpError(400, 'invalid_payload', describeIssues(parsed.issues));
  return parsed.output;
}

export function registerConsoleApi(app: FastifyInstance, deps: RelayDeps & { agents: () => AgentNamespace }): void {
  const { store, config } = deps;
  const loginLimiter = new RateLimiterMemory({ points: deps.limits.loginsPer15m, duration: 15 * 60 });

  async function signedIn(request: FastifyRequest): Promise<AgentRecord> {
    const found = await agentFromCookies(store, request.headers.cookie);
    if (!found) throw new HttpError(401, 'unauthorized', 'Sign in first.');
    return found.agent;
  }
  async function admin(request: FastifyRequest): Promise<AgentRecord> {
    const agent = await signedIn(request);
    if (agent.role !== 'admin') throw new HttpError(403, 'forbidden', 'Only an admin can manage agents.');
    return agent;
  }
  /** Ends every session and socket of an agent, on every process. */
  async function signOutEverywhere(agentId: string): Promise<void> {
    await store.deleteAgentSessions(agentId);
    deps.agents().in(rooms.agent(agentId)).disconnectSockets(true);
  }
  function cookie(reply: FastifyReply, value: string, expires: Date): void {
    reply.setCookie(SESSION_COOKIE, value, { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, path: '/', expires });
  }

  app.post('/api/login', async (request, reply) => {
    const { email, password } = parse(loginSchema, request.body);
    const key = `${request.ip}:${email.toLowerCase()}`;
    const limit = await loginLimiter.get(key);
    if (limit && limit.remainingPoints <= 0) throw new HttpError(429, 'rate_limited', 'Too many sign-in attempts; wait 15 minutes.');
    const agent = await store.findAgentByEmail(email.toLowerCase());
    const ok = agent && !agent.disabled && (await verifyPassword(password, agent.passwordHash));
    if (!agent || !ok) {
      await loginLimiter.consume(key).catch(() => {});
      deps.metrics.inc('pasokh_logins_failed_total');
      throw new HttpError(401, 'unauthorized', 'Wrong email or password.');
    }
    await loginLimiter.delete(key);
    const session = await startSession(store, agent.id, config.sessionHours);
    cookie(reply, session.token, session.expiresAt);
    return { agent: agentProfile(agent) };
  });

  app.post('/api/logout', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await store.deleteSession(hashToken(token));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/me', async (request) => ({ agent: agentProfile(await signedIn(request)) }));

  // Site names per language, for the {site} placeholder of saved replies.
  app.get('/api/sites', async (request) => {
    await signedIn(request);
    return { sites: config.sites.map((site) => ({ key: site.key, names: siteNames(site) })) };
  });

  // What the sign-in page needs before anyone can sign in: whether there is anyone to sign in as.
  app.get('/api/setup', async () => ({ hasAgents: (await store.listAgents()).length > 0 }));

  app.patch('/api/me', async (request) => {
    const me = await signedIn(request);
    const { name } = parse(profileSchema, request.body);
    return { agent: agentProfile(await store.updateAgent(me.id, { name })) };
  });

  app.post('/api/me/password', async (request, reply) => {
    const me = await signedIn(request);
    const { current, password } = parse(passwordChangeSchema, request.body);
    const key = `${request.ip}:${me.email}`;
    const limit = await loginLimiter.get(key);
    if (limit && limit.remainingPoints <= 0) throw new HttpError(429, 'rate_limited', 'Too many attempts; wait 15 minutes.');
    if (!(await verifyPassword(current, me.passwordHash))) {
      await loginLimiter.consume(key).catch(() => {});
      throw new HttpError(403, 'forbidden', 'The current password is wrong.');
    }
    const problem = passwordProblem(password);
    if (problem) throw new HttpError(400, 'invalid_payload', problem);
    await store.updateAgent(me.id, { passwordHash: await hashPassword(password) });
    // Every other browser signed in as this agent is signed out; this one gets a fresh session.
    await store.deleteAgentSessions(me.id);
    const session = await startSession(store, me.id, config.sessionHours);
    cookie(reply, session.token, session.expiresAt);
    return { ok: true };
  });

  app.get('/api/agents', async (request) => {
    await signedIn(request);
    const sockets = await deps.agents().in(rooms.agents).fetchSockets();
    const online = new Set(sockets.filter((s) => s.data.status === 'online').map((s) => s.data.agentId));
    const agents = await store.listAgents();
    return { agents: agents.map((a) => ({ ...agentProfile(a), online: online.has(a.id) })) };
  });

  app.post('/api/agents', async (request, reply) => {
    await admin(request);
    const input = parse(newAgentSchema, request.body);
    const problem = passwordProblem(input.password);
    if (problem) throw new HttpError(400, 'invalid_payload', problem);
    if (await store.findAgentByEmail(input.email)) throw new HttpError(409, 'conflict', `There is already an agent with the email ${input.email}.`);
    const agent = await store.createAgent({ email: input.email, name: input.name, role: input.role, passwordHash: await hashPassword(input.password) });
    return reply.code(201).send({ agent: agentProfile(agent) });
  });

  app.patch('/api/agents/:id', async (request) => {
    const me = await admin(request);
    const { id } = request.params as { id: string };
    const patch = parse(agentPatchSchema, request.body);
    if (id === me.id && (patch.disabled || patch.role === 'agent')) throw new HttpError(400, 'invalid_payload', 'You cannot disable yourself or drop your own admin role.');
    if (!(await store.getAgent(id))) throw new HttpError(404, 'not_found', 'No such agent.');
    const agent = await store.updateAgent(id, patch);
    if (patch.disabled) await signOutEverywhere(id);
    return { agent: agentProfile(agent) };
  });

  app.delete('/api/agents/:id', async (request) => {
    const me = await admin(request);
    const { id } = request.params as { id: string };
    if (id === me.id) throw new HttpError(400, 'invalid_payload', 'You cannot remove yourself.');
    if (!(await store.getAgent(id))) throw new HttpError(404, 'not_found', 'No such agent.');
    await signOutEverywhere(id);
    await store.deleteAgent(id);
    return { ok: true };
  });

  app.get('/api/saved-replies', async (request) => {
    await signedIn(request);
    const replies = await store.listSavedReplies(null);
    return { replies: replies.map(({ id, title, text, updatedAt }) => ({ id, title, text, updatedAt })) };
  });

  app.post('/api/saved-replies', async (request, reply) => {
    const agent = await signedIn(request);
    const input = parse(savedReplySchema, request.body);
    const saved = await store.saveSavedReply({ site: null, title: input.title, text: input.text, createdBy: agent.id });
    return reply.code(201).send({ reply: saved });
  });

  app.put('/api/saved-replies/:id', async (request) => {
    const agent = await signedIn(request);
    const { id } = request.params as { id: string };
    const input = parse(savedReplySchema, request.body);
    const existing = (await store.listSavedReplies(null)).find((r) => r.id === id);
    if (!existing) throw new HttpError(404, 'not_found', 'No such saved reply.');
    return { reply: await store.saveSavedReply({ id, site: null, title: input.title, text: input.text, createdBy: existing.createdBy ?? agent.id }) };
  });

  app.delete('/api/saved-replies/:id', async (request) => {
    await signedIn(request);
    const { id } = request.params as { id: string };
    await store.deleteSavedReply(id);
    return { ok: true };
  });

  app.get('/api/insights', async (request) => {
    await signedIn(request);
    const query = request.query as Record<string, string | undefined>;
    const days = Math.min(365, Math.max(1, Number(query.days ?? 30) || 30));
    const siteKey = query.site ?? config.sites[0]!.key;
    if (!deps.site(siteKey)) throw new HttpError(404, 'unknown_site', `There is no site "${siteKey}".`);
    const since = new Date(Date.now() - days * 24 * 3600 * 1000).toISOString();
    const [faq, survey] = await Promise.all([store.faqInsights(siteKey, since, 20), store.surveyStats(siteKey, since)]);
    return { site: siteKey, days, faq, survey };
  });
}
