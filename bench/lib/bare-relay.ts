/**
 * The baseline of `npm run bench:relay`: a bare socket.io relay with Pasokh's event names and
 * fan-out (a visitor's message goes to every agent, an agent's to the visitor and every agent)
 * that validates nothing and stores nothing. Whatever Pasokh costs on top is measured against it.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.env.PORT ?? 0);
const http = createServer((request, response) => {
  response.writeHead(request.url === '/healthz' ? 200 : 404, { 'content-type': 'application/json' });
  response.end('{"ok":true}');
});
const io = new Server(http, { serveClient: false, pingInterval: 20_000, pingTimeout: 20_000, maxHttpBufferSize: 64 * 1024 });
const visitors = io.of('/visitor');
const agents = io.of('/agent');
const seqs = new Map<string, number>();

function message(conversationId: string, payload: { clientId: string; text: string }, kind: 'visitor' | 'agent') {
  const seq = (seqs.get(conversationId) ?? 0) + 1;
  seqs.set(conversationId, seq);
  return {
    id: `${conversationId}:${seq}`,
    conversationId,
    seq,
    clientId: payload.clientId,
    author: { kind },
    text: payload.text,
    createdAt: new Date().toISOString(),
  };
}

visitors.on('connection', (socket) => {
  const conversationId = socket.id;
  void socket.join(conversationId);
  socket.emit('hello', { visitorId: socket.id, token: '', conversation: null, presence: { online: true, replyMinutes: null } });
  socket.on('message:send', (payload: { clientId: string; text: string }, ack: (a: object) => void) => {
    const m = message(conversationId, payload, 'visitor');
    visitors.to(conversationId).emit('message:new', m);
    agents.to('agents').emit('message:new', m);
    ack({ ok: true, conversationId, seq: m.seq, createdAt: m.createdAt });
  });
  socket.on('disconnect', () => seqs.delete(conversationId));
});

agents.on('connection', (socket) => {
  void socket.join('agents');
  socket.emit('queue', []);
  socket.on('message:send', (payload: { conversationId: string; clientId: string; text: string }, ack: (a: object) => void) => {
    const m = message(payload.conversationId, payload, 'agent');
    visitors.to(payload.conversationId).emit('message:new', m);
    agents.to('agents').emit('message:new', m);
    ack({ ok: true, seq: m.seq, createdAt: m.createdAt });
  });
});

// The bench asks for a collection before it reads RSS, the same for both servers.
process.on('SIGUSR2', () => (globalThis as { gc?: () => void }).gc?.());
http.listen(port, '127.0.0.1');
