/**
 * The console API answers state-changing requests only from the console's own origin and only
 * as JSON, so another page cannot ride the agent's cookie (a cross-origin fetch, or a
 * `<form enctype="text/plain">` that needs no preflight).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
let cookie: string;
beforeAll(async () => {
  h = await startHarness();
  cookie = await h.login();
});
afterAll(async () => {
  await h.stop();
});

const newAgent = (email: string) => JSON.stringify({ email, name: 'Mallory', password: 'mallory-password', role: 'admin' });

function post(path: string, headers: Record<string, string>, body: string) {
  return fetch(`${h.url}${path}`, { method: 'POST', headers: { cookie, ...headers }, body });
}

describe('cross-site requests to the console API', () => {
  it('refuses a JSON request from a foreign origin and creates nothing', async () => {
    const response = await post(
      '/api/agents',
      { origin: 'https://evil.example', 'content-type': 'application/json' },
      newAgent('fetch@evil.example'),
    );
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'origin_not_allowed' } });
    expect(await h.store.findAgentByEmail('fetch@evil.example')).toBeNull();
  });

  it('refuses what a <form enctype="text/plain"> on another origin sends, and creates nothing', async () => {
    // The form's body: name "{"email":"…","x":"" = value "…"}" joined by "=", which is valid JSON.
    const body = `${newAgent('form@evil.example').slice(0, -1)},"x":"=1"}`;
    const response = await post('/api/agents', { origin: 'https://evil.example', 'content-type': 'text/plain' }, body);
    expect(response.status).toBe(403);
    expect(await h.store.findAgentByEmail('form@evil.example')).toBeNull();
  });

  it('refuses a request another site of the same registrable domain sends without Origin', async () => {
    const response = await post(
      '/api/saved-replies',
      { 'sec-fetch-site': 'same-site', 'content-type': 'application/json' },
      JSON.stringify({ title: 'x', text: 'y' }),
    );
    expect(response.status).toBe(403);
    expect((await h.store.listSavedReplies(null)).map((r) => r.title)).not.toContain('x');
  });

  it('refuses Origin: null (a sandboxed frame)', async () => {
    const response = await post(
      '/api/saved-replies',
      { origin: 'null', 'content-type': 'application/json' },
      JSON.stringify({ title: 'from a sandbox', text: 'y' }),
    );
    expect(response.status).toBe(403);
  });
});

describe('content types on the console API', () => {
  it('answers 415 to a same-origin body that is not JSON, and stores nothing', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await post(
        '/api/saved-replies',
        { origin: h.url, 'content-type': type },
        JSON.stringify({ title: `as ${type}`, text: 'y' }),
      );
      expect(response.status, type).toBe(415);
      expect(await response.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
    }
    expect(await h.store.listSavedReplies(null)).toEqual([]);
  });

  it('accepts same-origin JSON, and a same-origin request without a body', async () => {
    const created = await post(
      '/api/saved-replies',
      { origin: h.url, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json; charset=utf-8' },
      JSON.stringify({ title: 'Hello', text: 'Hi {name}' }),
    );
    expect(created.status).toBe(201);
    const { reply } = (await created.json()) as { reply: { id: string } };
    const removed = await fetch(`${h.url}/api/saved-replies/${reply.id}`, {
      method: 'DELETE',
      headers: { cookie, origin: h.url },
    });
    expect(removed.status).toBe(200);
    expect(await h.store.listSavedReplies(null)).toEqual([]);
  });
});
