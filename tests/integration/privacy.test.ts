/**
 * Data rights through the HTTP API and the CLI: export everything about a visitor, erase it,
 * and find both — and the agent changes — in the audit log.
 */
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry, ErasureReport, VisitorExport } from '../../protocol/privacy.js';
import { createAttachments } from '../../server/attachments/service.js';
import { databaseStorage, diskStorage } from '../../server/attachments/storage.js';
import { startHousekeeping } from '../../server/privacy/housekeeping.js';
import { createSqliteStore } from '../../server/store/index.js';
import { startHarness, type Harness } from './harness.js';

const ROOT = resolve(import.meta.dirname, '../..');
let h: Harness | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await h?.stop();
  h = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function api<T>(
  url: string,
  cookie: string,
  method = 'GET',
  body?: unknown,
): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(url, {
    method,
    headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as T, headers: response.headers };
}

describe('data rights over HTTP', () => {
  it('exports and erases a visitor by email for admins only, and logs both without the email', async () => {
    h = await startHarness();
    const { socket, hello } = await h.visitor();
    const left = await socket.timeout(5000).emitWithAck('offline:leave', {
      clientId: randomUUID(),
      email: 'Leila@Example.com',
      name: 'Leila',
      text: 'My phone is 0912 000 0000',
    });
    expect(left.ok).toBe(true);
    socket.disconnect();
    const admin = await h.login();
    const agent = await h.addAgent('sam@example.com', 'Sam');

    expect((await api(`${h.url}/api/visitors/leila@example.com/export`, agent)).status).toBe(403);
    const exported = await api<{ visitors: VisitorExport[] }>(`${h.url}/api/visitors/leila@example.com/export`, admin);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toBe(`attachment; filename="pasokh-visitor-${hello.visitorId}.json"`);
    expect(exported.body.visitors[0]).toMatchObject({
      visitor: { id: hello.visitorId, email: 'Leila@Example.com', name: 'Leila' },
    });
    expect(exported.body.visitors[0]!.conversations[0]!.messages.map((m) => m.text)).toEqual(['My phone is 0912 000 0000']);

    expect((await api(`${h.url}/api/visitors/leila@example.com`, agent, 'DELETE')).status).toBe(403);
    const erased = await api<{ erased: ErasureReport[] }>(`${h.url}/api/visitors/leila@example.com`, admin, 'DELETE');
    expect(erased.body.erased).toEqual([
      { visitorId: hello.visitorId, conversations: 1, messages: 1, events: 0, attachments: 0 },
    ]);
    expect((await api(`${h.url}/api/visitors/leila@example.com/export`, admin)).status).toBe(404);
    expect((await api(`${h.url}/api/visitors/${hello.visitorId}/export`, admin)).body).toMatchObject({
      visitors: [{ visitor: { email: null, name: null }, conversations: [{ messages: [] }] }],
    });

    // The browser that held the visitor's token comes back as a stranger.
    const again = await h.visitor({ token: hello.token });
    expect(again.hello.visitorId).not.toBe(hello.visitorId);
    expect(again.hello.conversation).toBeNull();

    const audit = await api<{ entries: AuditEntry[] }>(`${h.url}/api/audit`, admin);
    const mine = audit.body.entries.filter((e) => e.action.startsWith('visitor.')).map((e) => [e.actor, e.action, e.target]);
    expect(mine).toEqual([
      ['admin@example.com', 'visitor.export', hello.visitorId],
      ['admin@example.com', 'visitor.erase', hello.visitorId],
      ['admin@example.com', 'visitor.export', hello.visitorId],
    ]);
    expect(JSON.stringify(audit.body.entries).toLowerCase()).not.toContain('leila');
    expect((await api(`${h.url}/api/audit`, agent)).status).toBe(403);
  });

  it('logs agent changes made in the console, without their passwords', async () => {
    h = await startHarness();
    const admin = await h.login();
    const added = await api<{ agent: { id: string } }>(`${h.url}/api/agents`, admin, 'POST', {
      email: 'nima@example.com',
      name: 'Nima',
      password: 'a long password 1',
    });
    expect(added.status).toBe(201);
    await api(`${h.url}/api/agents/${added.body.agent.id}`, admin, 'PATCH', { disabled: true });
    await api(`${h.url}/api/agents/${added.body.agent.id}`, admin, 'DELETE');
    const audit = await api<{ entries: AuditEntry[] }>(`${h.url}/api/audit`, admin);
    expect(audit.body.entries.map((e) => [e.actor, e.action, e.target, e.detail])).toEqual([
      ['admin@example.com', 'agent.remove', added.body.agent.id, {}],
      ['admin@example.com', 'agent.update', added.body.agent.id, { disabled: true }],
      ['admin@example.com', 'agent.add', 'nima@example.com', { name: 'Nima' }],
    ]);
    expect(JSON.stringify(audit.body)).not.toContain('a long password');
  });

  it('deletes conversations past the retention setting and logs it', async () => {
    h = await startHarness();
    const { socket } = await h.visitor();
    const sent = await socket.timeout(5000).emitWithAck('message:send', { clientId: randomUUID(), text: 'old news' });
    const conversationId = sent.ok ? sent.conversationId : '';
    await h.store.closeConversation(conversationId);
    const housekeeping = startHousekeeping({
      store: h.store,
      storage: databaseStorage(h.store),
      logger: pino({ level: 'silent' }),
      retentionDays: 30,
    });
    try {
      expect(await housekeeping.runOnce()).toEqual({ conversations: 0, events: 0 });
      expect(await housekeeping.runOnce(Date.now() + 31 * 86_400_000)).toMatchObject({ conversations: 1 });
    } finally {
      housekeeping.stop();
    }
    expect(await h.store.getConversation(conversationId)).toBeNull();
    expect((await h.store.listAudit())[0]).toMatchObject({
      actor: 'retention',
      action: 'conversations.delete',
      detail: { conversations: 1 },
    });
  });
});

describe('data rights from the CLI', () => {
  it('exports and erases a visitor by email: pasokh visitor export|erase', { timeout: 120_000 }, async () => {
    const data = mkdtempSync(join(tmpdir(), 'pasokh-cli-'));
    dirs.push(data);
    const store = await createSqliteStore({ file: join(data, 'pasokh.db') });
    const visitor = await store.createVisitor({ site: 'default', tokenHash: 't', email: 'reza@example.com' });
    await store.appendVisitorMessage({
      site: 'default',
      visitorId: visitor.id,
      message: { clientId: randomUUID(), author: { kind: 'visitor' }, text: 'erase me later' },
    });
    // A file in the folder the CLI's configuration points to (<data>/attachments by default).
    const folder = diskStorage(join(data, 'attachments'));
    const file = await createAttachments({ store, storage: folder, maxBytes: 1024 }).upload({
      bytes: new TextEncoder().encode('%PDF-1.4\n%%EOF\n'),
      name: 'id-card.pdf',
      site: 'default',
      visitorId: visitor.id,
      conversationId: null,
      uploader: { kind: 'visitor', id: visitor.id },
    });
    expect(await folder.get(file.id)).not.toBeNull();
    await store.close();
    const pasokh = (args: string[]) => {
      const result = spawnSync(process.execPath, [join(ROOT, 'bin/pasokh.js'), ...args], {
        cwd: ROOT,
        env: { ...process.env, PASOKH_DATA: data, LOG_LEVEL: 'silent' },
        encoding: 'utf8',
        timeout: 30_000,
      });
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    };

    const exported = pasokh(['visitor', 'export', 'REZA@example.com']);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({
      visitor: { id: visitor.id, email: 'reza@example.com' },
      conversations: [{ messages: [{ text: 'erase me later' }] }],
      attachments: [{ id: file.id, name: 'id-card.pdf', mime: 'application/pdf' }],
    });
    const erased = pasokh(['visitor', 'erase', 'reza@example.com']);
    expect(erased.stdout.trim()).toBe(`Erased visitor ${visitor.id}: 1 messages in 1 conversations, 0 events, 1 attachments.`);
    expect(await folder.get(file.id)).toBeNull();
    expect(erased.code).toBe(0);
    const gone = pasokh(['visitor', 'export', 'reza@example.com']);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('no visitor with the email reza@example.com');
    expect(pasokh(['visitor', 'shred', 'x']).code).toBe(2);

    const reopened = await createSqliteStore({ file: join(data, 'pasokh.db') });
    try {
      expect((await reopened.listAudit()).map((e) => [e.actor, e.action])).toEqual([
        ['cli', 'visitor.erase'],
        ['cli', 'visitor.export'],
      ]);
    } finally {
      await reopened.close();
    }
  });
});
