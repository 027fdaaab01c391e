/** Real HTTP servers on 127.0.0.1 that receive webhooks and record what arrived. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

export interface Receiver {
  url: string;
  requests: Received[];
  /** Resolves once `test` holds for the requests so far. */
  until(what: string, test: (requests: Received[]) => boolean, ms?: number): Promise<void>;
  close(): Promise<void>;
}

/** `answer` decides each response's status from the request and the requests before it. */
export async function startReceiver(
  answer: (request: Omit<Received, 'status'>, before: Received[]) => number | Promise<number> = () => 200,
): Promise<Receiver> {
  const requests: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      void Promise.resolve(answer(request, [...requests])).then((status) => {
        requests.push({ ...request, status });
        res.writeHead(status).end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    requests,
    async until(what, test, ms = 10_000) {
      const deadline = Date.now() + ms;
      while (!test(requests)) {
        if (Date.now() > deadline) throw new Error(`timed out waiting until ${what} (${requests.length} requests so far)`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
