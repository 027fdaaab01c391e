/** One check for a new agent, whether the CLI, the admin API or the environment asks. */
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentInputError, addAgent, ensureAdmin } from '../../server/auth/agents.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function post(body: object): Promise<{
  status: number;
  body: { agent?: { email: string; name: string; role: string }; error?: { code: string; message: string } };
}> {
  const cookie = await h!.login();
  const response = await fetch(`${h!.url}/api/agents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

describe('creating an agent', () => {
  it('gives the admin API and a direct call the same answers', async () => {
    h = await startHarness();
    const shortPassword = { email: 'sam@example.com', name: 'Sam', password: 'short' };
    await expect(addAgent(h.store, shortPassword)).rejects.toThrow('The password must be at least 8 characters.');
    expect(await post(shortPassword)).toEqual({
      status: 400,
      body: { error: { code: 'invalid_payload', message: 'The password must be at least 8 characters.' } },
    });

    const badRole = { email: 'sam@example.com', password: 'long enough', role: 'boss' };
    await expect(addAgent(h.store, badRole)).rejects.toThrow('role: must be "admin" or "agent"');
    expect((await post(badRole)).body.error).toEqual({ code: 'invalid_payload', message: 'role: must be "admin" or "agent"' });

    await expect(addAgent(h.store, { email: 'not an email', password: 'long enough' })).rejects.toThrow(
      'email: must be an email address',
    );
    expect((await post({ email: 'not an email', password: 'long enough' })).status).toBe(400);
  });

  it('lower-cases the email, names a nameless agent after it, and refuses a second agent with that email as a conflict', async () => {
    h = await startHarness();
    const created = await post({ email: ' Sam@Example.com ', password: 'long enough' });
    expect(created).toMatchObject({ status: 201, body: { agent: { email: 'sam@example.com', name: 'sam', role: 'agent' } } });
    expect((await addAgent(h.store, { email: 'lee@example.com', name: '  ', password: 'long enough' })).name).toBe('lee');

    const again = addAgent(h.store, { email: 'SAM@example.com', password: 'long enough' });
    await expect(again).rejects.toBeInstanceOf(AgentInputError);
    await expect(again).rejects.toMatchObject({ code: 'conflict' });
    expect(await post({ email: 'sam@example.com', password: 'long enough' })).toMatchObject({
      status: 409,
      body: { error: { code: 'conflict' } },
    });
  });

  it('holds the first admin from the environment to the same rules', async () => {
    h = await startHarness();
    const logger = pino({ level: 'silent' });
    await expect(ensureAdmin(h.store, { email: 'boss@example.com', password: 'short' }, logger)).rejects.toThrow(
      'The password must be at least 8 characters.',
    );
    await ensureAdmin(h.store, { email: 'Boss@Example.com', password: 'long enough' }, logger);
    expect(await h.store.findAgentByEmail('boss@example.com')).toMatchObject({ role: 'admin', name: 'Admin' });
  });
});
