/**
 * A live message that arrives after a hole must bring back the messages of the hole, in the
 * widget's and in the console's client, against the real server. The transport loses chosen
 * live messages (as a reconnect or an adapter hiccup would); the clients must notice the gap
 * and sync it from before the hole, not from after the message that revealed it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import type { Message } from '../../protocol/types.js';
import { createChatClient, type VisitorSocket } from '../../widget/chat/client.js';
import { memoryStorage } from '../../client/storage.js';
import { startHarness, type AgentSocket, type Harness } from './harness.js';
import { dropLiveMessages, waitFor } from './client-support.js';

let harness: Harness;

beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.stop();
});

const seqs = (messages: readonly Message[]) => messages.map((message) => message.seq);

describe('the widget client after a lost live message', () => {
  it('syncs from before the gap, so the lost message is shown without a reload', async () => {
    const lost = new Set<number>();
    const client = createChatClient({
      origin: harness.url,
      site: 'default',
      storage: memoryStorage(),
      connect: (url, options) =>
        dropLiveMessages(io(url, { ...options, transports: ['websocket'], forceNew: true }) as VisitorSocket, lost),
    });
    try {
      client.send('hello');
      await waitFor(() => client.getState().messages.length === 1);
      const conversationId = client.getState().conversation!.id;
      const agent: AgentSocket = await harness.agent();
      lost.add(2);
      for (const text of ['lost on the way', 'arrives']) {
        const ack = await agent
          .timeout(5000)
          .emitWithAck('message:send', { conversationId, clientId: crypto.randomUUID(), text });
        expect(ack.ok).toBe(true);
      }
      await waitFor(() => client.getState().messages.length === 3, 3000).catch(() => undefined);
      expect(seqs(client.getState().messages)).toEqual([1, 2, 3]);
      expect(client.getState().messages[1]?.text).toBe('lost on the way');
    } finally {
      client.close();
    }
  });
});

describe('the console client after a lost live message', () => {
  it('runs the sync again when a gap shows up while a sync is in flight', async () => {
    const { createConsole } = await import('../../console/state/console.js');
    const { socket: visitor } = await harness.visitor();
    const first = await visitor.timeout(5000).emitWithAck('message:send', { clientId: crypto.randomUUID(), text: 'one' });
    if (!first.ok) throw new Error(first.error.message);
    const conversationId = first.conversationId;
    const cookie = await harness.login();
    const lost = new Set<number>();
    const gate = holdSyncAnswers();
    const restore = useServer(harness.url, cookie);
    const controller = createConsole({
      connect: (path, options) =>
        gate.wrap(
          dropLiveMessages(
            io(`${harness.url}${path}`, {
              ...options,
              transports: ['websocket'],
              forceNew: true,
              extraHeaders: { cookie },
            }) as AgentSocket,
            lost,
          ),
        ),
    });
    try {
      await controller.boot();
      await waitFor(() => controller.store.get().connection === 'online');
      controller.actions.openConversation(conversationId);
      await waitFor(() => controller.store.get().open[conversationId]?.messages.length === 1);
      const send = async (text: string) => {
        const ack = await visitor.timeout(5000).emitWithAck('message:send', { clientId: crypto.randomUUID(), text });
        if (!ack.ok) throw new Error(ack.error.message);
      };
      // Seq 2 is lost; seq 3 reveals the gap and starts a sync whose answer is held back.
      gate.hold = true;
      lost.add(2);
      await send('two');
      await send('three');
      await waitFor(() => gate.held > 0);
      // Seq 4 is lost too and seq 5 reveals it while that sync is still out.
      lost.add(4);
      await send('four');
      await send('five');
      await waitFor(() => seqs(controller.store.get().open[conversationId]?.messages ?? []).includes(5));
      gate.release();
      await waitFor(() => controller.store.get().open[conversationId]?.messages.length === 5, 3000).catch(() => undefined);
      expect(seqs(controller.store.get().open[conversationId]?.messages ?? [])).toEqual([1, 2, 3, 4, 5]);
    } finally {
      await controller.actions.signOut();
      restore();
    }
  });
});

/** Holds back `messages:sync` answers while `hold` is set, the way a slow network would. */
function holdSyncAnswers() {
  let waiting: (() => void)[] = [];
  const gate = {
    hold: false,
    held: 0,
    release() {
      gate.hold = false;
      for (const resume of waiting.splice(0)) resume();
    },
    wrap<S extends AgentSocket>(socket: S): S {
      const timeout = socket.timeout.bind(socket);
      socket.timeout = ((ms: number) => {
        const timed = timeout(ms);
        const emitWithAck = timed.emitWithAck.bind(timed) as (...args: unknown[]) => Promise<unknown>;
        (timed as { emitWithAck: unknown }).emitWithAck = async (event: string, ...args: unknown[]) => {
          const answer = await emitWithAck(event, ...args);
          if (event === 'messages:sync' && gate.hold) {
            gate.held += 1;
            await new Promise<void>((resume) => waiting.push(resume));
          }
          return answer;
        };
        return timed;
      }) as typeof socket.timeout;
      return socket;
    },
  };
  waiting = [];
  return gate;
}

/** Points the console's same-origin `fetch` calls at the test server, with the agent's cookie. */
function useServer(url: string, cookie: string): () => void {
  const realFetch = globalThis.fetch;
  globalThis.fetch = ((input: string | URL | Request, init: RequestInit = {}) =>
    realFetch(typeof input === 'string' && input.startsWith('/') ? url + input : input, {
      ...init,
      headers: { ...(init.headers as Record<string, string> | undefined), cookie },
    })) as typeof fetch;
  return () => {
    globalThis.fetch = realFetch;
  };
}
