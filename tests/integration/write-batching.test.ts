/**
 * The per-turn write batching reaches into ws and engine.io internals. These tests fail when an
 * upgrade changes them: a new major, a renamed `_socket`, or a `writable` gate that no longer
 * lets corked packets through would each show up here rather than as a silent slowdown.
 */
import { Socket as TcpSocket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { installedVersions, internalsKnown, isBatched, KNOWN_MAJORS } from '../../server/relay/write-batching.js';
import { startHarness, type Harness } from './harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

interface EngineTransport {
  name: string;
  writable: unknown;
  socket?: { _socket?: unknown };
}

function onlyTransport(h: Harness): EngineTransport {
  const engine = h.app.io.engine as unknown as { clients: Record<string, { transport: EngineTransport }> };
  const clients = Object.values(engine.clients);
  expect(clients).toHaveLength(1);
  return clients[0]!.transport;
}

/** Counts the system-call-level writes (write and writev) of the server's end of the socket. */
function countWrites(tcp: TcpSocket): { writes: number } {
  const counter = { writes: 0 };
  const internals = tcp as unknown as { _write: (...args: unknown[]) => void; _writev: (...args: unknown[]) => void };
  const write = internals._write.bind(tcp);
  const writev = internals._writev.bind(tcp);
  internals._write = (...args) => {
    counter.writes++;
    write(...args);
  };
  internals._writev = (...args) => {
    counter.writes++;
    writev(...args);
  };
  return counter;
}

/** Emits `count` presence events to the one visitor in one turn and counts the writes they cost. */
async function writesForBurst(h: Harness, count: number): Promise<number> {
  const { socket } = await h.visitor();
  const transport = onlyTransport(h);
  const counter = countWrites(transport.socket!._socket as TcpSocket);
  let received = 0;
  const all = new Promise<void>((resolve) => socket.on('presence', () => ++received === count && resolve()));
  const [server] = await h.app.io.of('/visitor').fetchSockets();
  for (let i = 0; i < count; i++) server!.emit('presence', { online: true, replyMinutes: i });
  await all;
  return counter.writes;
}

describe('one writev per socket per turn', () => {
  it('runs on the engine.io and ws majors it was written for', () => {
    const versions = installedVersions();
    expect(Number(versions['engine.io']?.split('.')[0])).toBe(KNOWN_MAJORS['engine.io']);
    expect(Number(versions.ws?.split('.')[0])).toBe(KNOWN_MAJORS.ws);
    expect(internalsKnown(versions)).toBe(true);
    expect(internalsKnown({ 'engine.io': '7.0.0', ws: versions.ws! })).toBe(false);
    expect(internalsKnown({ 'engine.io': versions['engine.io']!, ws: '9.0.0' })).toBe(false);
    expect(internalsKnown({})).toBe(false);
  });

  it('finds the fields it relies on in a live websocket transport, and patches it', async () => {
    harness = await startHarness();
    await harness.visitor();
    const transport = onlyTransport(harness);
    expect(transport.name).toBe('websocket');
    expect(transport.socket?._socket).toBeInstanceOf(TcpSocket);
    expect(typeof transport.writable).toBe('boolean');
    expect(isBatched(transport)).toBe(true);
  });

  it('sends a burst of twenty frames in one write, and in many without it', async () => {
    harness = await startHarness();
    const batched = await writesForBurst(harness, 20);
    await harness.stop();
    harness = await startHarness({ deps: { batchWrites: false } });
    const unbatched = await writesForBurst(harness, 20);
    expect(batched).toBe(1);
    // One write per frame is what the batching exists for; should engine.io or ws start
    // coalescing by themselves, this fails and the patch may go.
    expect(unbatched).toBe(20);
  });
});
