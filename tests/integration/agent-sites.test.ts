/**
 * Agents scoped to sites: an agent of one site gets not_found for anything of another, over the
 * socket and over HTTP, sees only its sites' queue, live events, presence and insights; admins
 * change membership in the API (open sockets follow) and in the CLI.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collect, nextEvent, startHarness, type AgentSocket, type Harness, type VisitorSocket } from './harness.js';

const ROOT = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

let dir: string;
let configFile: string;
let h: Harness | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pasokh-sites-'));
  configFile = join(dir, 'pasokh.config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      sites: [
        { key: 'shop', name: 'Shop', autoAcknowledge: false },
        { key: 'blog', name: 'Blog', autoAcknowledge: false },
      ],
    }),
  );
});

afterEach(async () => {
  await h?.stop();
  h = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function say(socket: VisitorSocket, text: string): Promise<string> {
  const ack = await socket.timeout(5000).emitWithAck('message:send', { clientId: randomUUID(), text });
  if (!ack.ok) throw new Error(ack.error.message);
  return ack.conversationId;
}

/** A signed-in agent who serves only the shop, with its socket. */
async function shopAgent(harness: Harness): Promise<{ id: string; cookie: string; socket: AgentSocket }> {
  const cookie = await harness.addAgent('shop@example.com', 'Shirin');
  const agent = await harness.store.findAgentByEmail('shop@example.com');
  await harness.store.updateAgent(agent!.id, { sites: ['shop'] });
  return { id: agent!.id, cookie, socket: await harness.agent(cookie) };
}

describe('agents scoped to sites', () => {
  it('shows an agent only its sites’ queue and answers not_found for every action on another site', async () => {
    h = await startHarness({ env: { PASOKH_CONFIG: configFile } });
    const { socket: shopVisitor } = await h.visitor({ site: 'shop' });
    const { socket: blogVisitor } = await h.visitor({ site: 'blog' });
    const shopConversation = await say(shopVisitor, 'where is my order?');
    const blogConversation = await say(blogVisitor, 'nice post');
    const shop = await shopAgent(h);

    expect(h.queueOf(shop.socket).map((c) => c.id)).toEqual([shopConversation]);
    const ref = { conversationId: blogConversation };
    const answers = await Promise.all([
      shop.socket.timeout(5000).emitWithAck('conversation:get', ref),
      shop.socket.timeout(5000).emitWithAck('conversation:claim', ref),
      shop.socket.timeout(5000).emitWithAck('conversation:transfer', { ...ref, agentId: shop.id }),
      shop.socket.timeout(5000).emitWithAck('messages:sync', { ...ref, afterSeq: 0 }),
      shop.socket.timeout(5000).emitWithAck('message:send', { ...ref, clientId: randomUUID(), text: 'hi from the shop' }),
      shop.socket.timeout(5000).emitWithAck('conversation:close', ref),
    ]);
    for (const answer of answers)
      expect(answer).toEqual({ ok: false, error: { code: 'not_found', message: 'No such conversation.' } });
    const stored = await h.store.getConversation(blogConversation);
    expect(stored).toMatchObject({ status: 'open', assigneeId: null, lastSeq: 1 });

    const own = await shop.socket.timeout(5000).emitWithAck('conversation:claim', { conversationId: shopConversation });
    expect(own.ok).toBe(true);
  });

  it('sends an agent live events of its sites only, and refuses a transfer to an agent of another site', async () => {
    h = await startHarness({ env: { PASOKH_CONFIG: configFile } });
    const shop = await shopAgent(h);
    const admin = await h.agent();
    const seenByShop = collect<{ conversationId: string }>(shop.socket, 'message:new');
    const typingSeenByShop = collect(shop.socket, 'typing');
    const { socket: blogVisitor } = await h.visitor({ site: 'blog' });
    const { socket: shopVisitor } = await h.visitor({ site: 'shop' });

    const adminSawBlog = nextEvent<{ text: string }>(admin, 'message:new', (m) => m.text === 'blog question');
    const blogConversation = await say(blogVisitor, 'blog question');
    await adminSawBlog;
    blogVisitor.emit('typing', { conversationId: blogConversation, typing: true });
    await nextEvent(admin, 'typing');

    const shopSaw = nextEvent<{ text: string }>(shop.socket, 'message:new', (m) => m.text === 'shop question');
    const shopConversation = await say(shopVisitor, 'shop question');
    await shopSaw;
    expect(seenByShop.map((m) => m.conversationId)).toEqual([shopConversation]);
    expect(typingSeenByShop).toEqual([]);

    const blogger = await h.store.createAgent({
      email: 'blog@example.com',
      name: 'Bahar',
      role: 'agent',
      passwordHash: 'x',
      sites: ['blog'],
    });
    const transfer = await admin
      .timeout(5000)
      .emitWithAck('conversation:transfer', { conversationId: shopConversation, agentId: blogger.id });
    expect(transfer).toEqual({ ok: false, error: { code: 'not_found', message: 'No such agent to transfer to.' } });
  });

  it('tells a site’s visitors nobody is online when only agents of other sites are', async () => {
    h = await startHarness({ env: { PASOKH_CONFIG: configFile } });
    await shopAgent(h);
    const { hello: blog } = await h.visitor({ site: 'blog' });
    const { hello: shop } = await h.visitor({ site: 'shop' });
    expect(blog.presence.online).toBe(false);
    expect(shop.presence.online).toBe(true);
  });

  it('answers not_found for the insights of a site the agent does not serve, and lists only its sites', async () => {
    h = await startHarness({ env: { PASOKH_CONFIG: configFile } });
    const { cookie } = await shopAgent(h);
    const get = (path: string) => fetch(`${h!.url}${path}`, { headers: { cookie } });

    const blog = await get('/api/insights?site=blog');
    expect(blog.status).toBe(404);
    expect(await blog.json()).toMatchObject({ error: { code: 'not_found' } });
    const mine = await get('/api/insights');
    expect(mine.status).toBe(200);
    expect(await mine.json()).toMatchObject({ site: 'shop' });
    expect(await (await get('/api/sites')).json()).toEqual({
      sites: [{ key: 'shop', name: 'Shop', names: { en: 'Shop', fa: 'Shop' } }],
    });
    expect((await (await get('/api/me')).json()).agent.sites).toEqual(['shop']);
  });

  it('lets an admin change an agent’s sites; the agent’s open console gets the new queue within 2 s', async () => {
    h = await startHarness({ env: { PASOKH_CONFIG: configFile } });
    const shop = await shopAgent(h);
    const { socket: blogVisitor } = await h.visitor({ site: 'blog' });
    const blogConversation = await say(blogVisitor, 'anyone?');
    const adminCookie = await h.login();
    const patch = (body: unknown) =>
      fetch(`${h!.url}/api/agents/${shop.id}`, {
        method: 'PATCH',
        headers: { cookie: adminCookie, 'content-type': 'application/json', origin: h!.url },
        body: JSON.stringify(body),
      });

    const wrong = await patch({ sites: ['shop', 'nowhere'] });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({
      error: { code: 'invalid_payload', message: expect.stringContaining('"nowhere"') },
    });

    const requeued = nextEvent<{ id: string }[]>(
      shop.socket,
      'queue',
      (rows) => rows.some((c) => c.id === blogConversation),
      2000,
    );
    const changed = await patch({ sites: ['shop', 'blog'] });
    expect(changed.status).toBe(200);
    expect((await changed.json()).agent.sites).toEqual(['blog', 'shop']);
    await requeued;
    const got = await shop.socket.timeout(5000).emitWithAck('conversation:get', { conversationId: blogConversation });
    expect(got.ok).toBe(true);

    expect((await (await patch({ sites: null })).json()).agent.sites).toBeNull();
  });

  it('sets an agent’s sites from the CLI and shows them in the list', async () => {
    h = await startHarness({ env: { PASOKH_CONFIG: configFile } });
    await h.store.createAgent({ email: 'nika@example.com', name: 'Nika', role: 'agent', passwordHash: 'x' });
    const env = { ...process.env, PASOKH_DATA: h.dataDir, PASOKH_CONFIG: configFile, LOG_LEVEL: 'silent' };
    const pasokh = (...args: string[]) =>
      run(process.execPath, [join(ROOT, 'bin/pasokh.js'), ...args], { cwd: ROOT, env, timeout: 30_000 });

    expect((await pasokh('agent', 'sites', 'nika@example.com', 'blog')).stdout).toBe('nika@example.com now serves blog.\n');
    expect((await h.store.findAgentByEmail('nika@example.com'))?.sites).toEqual(['blog']);
    expect((await pasokh('agent', 'list')).stdout).toContain('nika@example.com\tNika\tagent\tsites: blog\n');
    await expect(pasokh('agent', 'sites', 'nika@example.com', 'blog,moon')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('There is no site "moon" on this server'),
    });
    expect((await pasokh('agent', 'sites', 'nika@example.com', 'all')).stdout).toBe('nika@example.com now serves every site.\n');
    expect((await h.store.findAgentByEmail('nika@example.com'))?.sites).toBeNull();
  }, 60_000);
});
