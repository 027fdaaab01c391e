/**
 * The console's HTTP API: sign in and out, agents, saved replies (insights: insights-api.ts). Everything but
 * login needs the session cookie; managing agents needs the admin role.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as v from 'valibot';
import { describeIssues, loginSchema, siteKeysSchema } from '../../protocol/schemas.js';
import { parseSiteList, servesSite, SiteListError } from '../auth/agent-sites.js';
import { hashPassword, passwordProblem, verifyPassword, verifyPasswordOrNothing } from '../auth/passwords.js';
import { AgentInputError, addAgent } from '../auth/agents.js';
import { SESSION_COOKIE, agentFromCookies, startSession } from '../auth/sessions.js';
import { hashToken } from '../auth/tokens.js';
import { agentProfile } from '../relay/agent.js';
import type { AgentNamespace, RelayDeps } from '../relay/deps.js';
import { rooms } from '../relay/rooms.js';
import type { AgentRecord } from '../store/store.js';
import { siteName, siteNames } from '../sites.js';
import { HttpError } from './errors.js';

const agentPatchSchema = v.strictObject({
  name: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(120))),
  role: v.optional(v.picklist(['admin', 'agent'])),
  disabled: v.optional(v.boolean()),
  sites: v.optional(siteKeysSchema),
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

/** A membership as sent, checked against the configured sites; a mistake is a 400 with a sentence. */
function siteList(sites: readonly string[] | null, configured: readonly string[]): string[] | null {
  try {
    return parseSiteList(sites, configured);
  } catch (error) {
    if (error instanceof SiteListError) throw new HttpError('invalid_payload', error.message);
    throw error;
  }
}

function parse<S extends v.GenericSchema>(schema: S, body: unknown): v.InferOutput<S> {
  const parsed = v.safeParse(schema, body);
  if (!parsed.success) throw new HttpError('invalid_payload', describeIssues(parsed.issues));
  return parsed.output;
}

export function registerConsoleApi(app: FastifyInstance, deps: RelayDeps & { agents: () => AgentNamespace }): void {
  const { store, config } = deps;
  const siteKeys = config.sites.map((s) => s.key);
  const loginLimiter = deps.limiter('login', deps.limits.loginsPer15m, 15 * 60);

  async function signedIn(request: FastifyRequest): Promise<AgentRecord> {
    const found = await agentFromCookies(store, request.headers.cookie);
    if (!found) throw new HttpError('unauthorized', 'Sign in first.');
    return found.agent;
  }
  async function admin(request: FastifyRequest): Promise<AgentRecord> {
    const agent = await signedIn(request);
    if (agent.role !== 'admin') throw new HttpError('forbidden', 'Only an admin can manage agents.');
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
    // Counted before it is judged, so a parallel wave cannot have more guesses judged than the limit.
    await loginLimiter.consume(key).catch(() => {
      throw new HttpError('rate_limited', 'Too many sign-in attempts; wait 15 minutes.');
    });
    const agent = await store.findAgentByEmail(email.toLowerCase());
    // Always one scrypt, whether or not the account exists or is disabled: no enumeration by timing.
    const ok = (await verifyPasswordOrNothing(password, agent?.passwordHash)) && agent !== null && !agent.disabled;
    if (!agent || !ok) {
      deps.metrics.inc('pasokh_logins_failed_total');
      throw new HttpError('unauthorized', 'Wrong email or password.');
    }
    await loginLimiter.delete(key);
    const session = await startSession(store, agent.id, config.sessionHours);
    cookie(reply, session.token, session.expiresAt);
    return { agent: agentProfile(agent) };
  });

  app.post('/api/logout', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      await store.deleteSession(hashToken(token));
      deps
        .agents()
        .in(rooms.session(hashToken(token)))
        .disconnectSockets(true);
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/me', async (request) => ({ agent: agentProfile(await signedIn(request)) }));

  // Site names per language, for the {site} placeholder of saved replies.
  // What the sign-in page needs before anyone can sign in: whether there is anyone to sign in as.
  app.get('/api/setup', async () => ({ hasAgents: (await store.listAgents()).length > 0 }));

  app.patch('/api/me', async (request) => {
    const me = await signedIn(request);
    const { name } = parse(profileSchema, request.body);
    return { agent: agentProfile(await store.updateAgent(me.id, { name })) };
  });

  app.post('/api/me/password', async (request) => {
    const me = await signedIn(request);
    const { current, password } = parse(passwordChangeSchema, request.body);
    const key = `${request.ip}:${me.email}`;
    // Counted before it is judged, as sign-in is: a parallel wave cannot test more guesses.
    await loginLimiter.consume(key).catch(() => {
      throw new HttpError('rate_limited', 'Too many attempts; wait 15 minutes.');
    });
    if (!(await verifyPassword(current, me.passwordHash))) throw new HttpError('forbidden', 'The current password is wrong.');
    await loginLimiter.delete(key);
    const problem = passwordProblem(password);
    if (problem) throw new HttpError('invalid_payload', problem);
    await store.updateAgent(me.id, { passwordHash: await hashPassword(password) });
    // Every other browser signed in as this agent is signed out; this one stays signed in, so
    // its open console (whose socket holds this session) keeps working.
    const session = await agentFromCookies(store, request.headers.cookie);
    await store.deleteAgentSessions(me.id, session ? { except: session.tokenHash } : {});
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
    const agent = await addAgent(store, request.body, siteKeys).catch((error: unknown) => {
      throw error instanceof AgentInputError ? new HttpError(error.code, error.message) : error;
    });
    return reply.code(201).send({ agent: agentProfile(agent) });
  });

  app.patch('/api/agents/:id', async (request) => {
    const me = await admin(request);
    const { id } = request.params as { id: string };
    const { sites, ...rest } = parse(agentPatchSchema, request.body);
    const patch = { ...rest, ...(sites !== undefined ? { sites: siteList(sites, siteKeys) } : {}) };
    if (id === me.id && (patch.disabled || patch.role === 'agent'))
      throw new HttpError('invalid_payload', 'You cannot disable yourself or drop your own admin role.');
    if (!(await store.getAgent(id))) throw new HttpError('not_found', 'No such agent.');
    const agent = await store.updateAgent(id, patch);
    if (patch.disabled) await signOutEverywhere(id);
    return { agent: agentProfile(agent) };
  });

  app.delete('/api/agents/:id', async (request) => {
    const me = await admin(request);
    const { id } = request.params as { id: string };
    if (id === me.id) throw new HttpError('invalid_payload', 'You cannot remove yourself.');
    if (!(await store.getAgent(id))) throw new HttpError('not_found', 'No such agent.');
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
    if (!existing) throw new HttpError('not_found', 'No such saved reply.');
    return {
      reply: await store.saveSavedReply({
        id,
        site: null,
        title: input.title,
        text: input.text,
        createdBy: existing.createdBy ?? agent.id,
      }),
    };
  });

  app.delete('/api/saved-replies/:id', async (request) => {
    await signedIn(request);
    const { id } = request.params as { id: string };
    await store.deleteSavedReply(id);
    return { ok: true };
  });

  app.get('/api/sites', async (request) => {
    const agent = await signedIn(request);
    const sites = agent.role === 'admin' ? config.sites : config.sites.filter((site) => servesSite(agent, site.key));
    return { sites: sites.map((site) => ({ key: site.key, name: siteName(site), names: siteNames(site) })) };
  });
}
