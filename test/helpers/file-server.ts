// An HTTP server on 127.0.0.1 that answers each path from a table: fixed
// bytes, a status, or no answer at all. Closed when the test ends.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ExecutionContext } from 'ava';

export type FileServerAnswer = Buffer | { readonly status: number } | 'hang';

/** Serves `answers` by path; resolves with the server's base URL ("http://127.0.0.1:PORT"). */
export async function fileServer(t: ExecutionContext, answers: Readonly<Record<string, FileServerAnswer>>): Promise<string> {
  const server = http.createServer((req, res) => {
    const answer = answers[new URL(req.url ?? '/', 'http://x').pathname];
    if (answer === 'hang') return;
    if (answer === undefined || !Buffer.isBuffer(answer)) {
      res.writeHead(answer?.status ?? 404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/x-bittorrent', 'content-length': answer.length }).end(answer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
