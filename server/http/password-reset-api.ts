/**
 * "Forgot your password?" for agents, when email is on. Asking never says whether an account
 * exists; the link in the email leads to /console?reset=<token>, where a new password ends
 * every session of that agent.
 */
import type { FastifyInstance } from 'fastify';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import * as v from 'valibot';
import { describeIssues } from '../../protocol/schemas.js';
import { hashPassword, passwordProblem } from '../auth/passwords.js';
import type { Config } from '../config.js';
import { RESET_LINK_MS, resetAgentId, signReset, verifyReset } from '../mail/password-reset.js';
import { mailSecret } from '../mail/settings.js';
import { createMailer } from '../mail/transport.js';
import type { Store } from '../store/store.js';
import { HttpError } from './errors.js';

const requestSchema = v.strictObject({
  email: v.pipe(v.string(), v.trim(), v.maxLength(254), v.email('must be an email address')),
});
const confirmSchema = v.strictObject({
  token: v.pipe(v.string(), v.maxLength(400)),
  password: v.pipe(v.string(), v.maxLength(1000)),
});

function parse<S extends v.GenericSchema>(schema: S, body: unknown): v.InferOutput<S> {
  const parsed = v.safeParse(schema, body);
  if (!parsed.success) throw new HttpError('invalid_payload', describeIssues(parsed.issues));
  return parsed.output;
}

export function registerPasswordResetApi(
  app: FastifyInstance,
  deps: { config: Config; store: Store; log: (error: unknown) => void },
): void {
  const { config, store } = deps;
  const transport = config.mail.transport;
  if (transport.kind === 'off') return;
  const secret = mailSecret(config.mail, config.dataDir);
  const mailer = createMailer(transport, config.mail.from);
  app.addHook('onClose', async () => mailer.close());
  const limiter = new RateLimiterMemory({ points: 5, duration: 15 * 60 });

  app.post('/api/password-reset', async (request, reply) => {
    const { email } = parse(requestSchema, request.body);
    try {
      await limiter.consume(`${request.ip}:${email.toLowerCase()}`);
    } catch {
      throw new HttpError('rate_limited', 'Too many requests; wait 15 minutes.');
    }
    const agent = await store.findAgentByEmail(email);
    if (agent && !agent.disabled) {
      const link = `${config.publicUrl}/console?reset=${signReset(secret, agent, Date.now() + RESET_LINK_MS)}`;
      // Not awaited: how long sending takes must not tell whether the account exists.
      mailer
        .send({
          to: agent.email,
          subject: 'Reset your Pasokh password',
          text: `Someone (hopefully you) asked to reset the password of ${agent.email}.\n\nChoose a new one within an hour:\n${link}\n\nIf it was not you, ignore this email.`,
        })
        .catch(deps.log);
    }
    return reply.code(202).send({ ok: true });
  });

  app.post('/api/password-reset/confirm', async (request) => {
    const { token, password } = parse(confirmSchema, request.body);
    const agentId = resetAgentId(token);
    const agent = agentId ? await store.getAgent(agentId) : null;
    if (!agent || agent.disabled || !verifyReset(secret, token, agent))
      throw new HttpError('invalid_payload', 'This reset link has expired or was already used.');
    const problem = passwordProblem(password);
    if (problem) throw new HttpError('invalid_payload', problem);
    await store.updateAgent(agent.id, { passwordHash: await hashPassword(password) });
    await store.deleteAgentSessions(agent.id);
    await store.recordAudit({ actor: agent.email, action: 'agent.password-reset', target: agent.id });
    return { ok: true };
  });
}
