// The shared HTTP GET of trackers and web seeds (core/net/http-get.ts):
// redirects, the receiver, the body limit, the byte counts of its own socket,
// and each failure as a coded HttpGetError.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import test, { type ExecutionContext } from 'ava';
import { httpGet, HttpGetError, type BodyReceiver, type HttpGetOptions } from '../../core/net/http-get.ts';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

async function serve(t: ExecutionContext, handler: Handler): Promise<string> {
  const server = http.createServer(handler);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  t.teardown(() => new Promise<void>((ok) => server.close(() => ok())));
  server.on('connection', (socket) => t.teardown(() => socket.destroy()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A receiver that collects the body as text, with the status. */
const text = (head: { statusCode: number }): BodyReceiver<string> => {
  const chunks: Buffer[] = [];
  return { data: (c) => void chunks.push(c), end: () => `${head.statusCode} ${Buffer.concat(chunks).toString()}` };
};

const options = (extra: Partial<HttpGetOptions<string>> = {}): HttpGetOptions<string> => ({ timeoutMs: 2000, maxRedirects: 3, receive: text, ...extra });

async function failure(p: Promise<unknown>): Promise<[string, number, string]> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof HttpGetError)) throw err;
  return [err.code, err.statusCode, err.message];
}

test('follows redirects to the reply the receiver reads; any final status reaches the receiver', async (t) => {
  const base = await serve(t, (req, res) => {
    if (req.url === '/a') res.writeHead(302, { location: '/b' }).end('moved');
    else res.writeHead(404).end('not here');
  });
  t.is(await httpGet(new URL(`${base}/a`), options()), '404 not here');
});

test('redirect failures: no Location, a loop, too many, an unsupported scheme', async (t) => {
  let n = 0;
  const base = await serve(t, (req, res) => {
    if (req.url === '/bare') res.writeHead(301).end();
    else if (req.url === '/loop') res.writeHead(307, { location: '/loop2' }).end();
    else if (req.url === '/loop2') res.writeHead(307, { location: '/loop' }).end();
    else if (req.url === '/ftp') res.writeHead(302, { location: 'ftp://h.example/x' }).end();
    else res.writeHead(303, { location: `/next${++n}` }).end();
  });
  t.deepEqual(await failure(httpGet(new URL(`${base}/bare`), options())), ['HTTP_REDIRECT_WITHOUT_LOCATION', 301, 'HTTP 301 redirect without a Location header']);
  t.deepEqual(await failure(httpGet(new URL(`${base}/loop`), options())), ['HTTP_REDIRECT_LOOP', 307, `redirect loop back to ${base}/loop`]);
  t.deepEqual(await failure(httpGet(new URL(`${base}/more`), options())), ['HTTP_TOO_MANY_REDIRECTS', 303, 'more than 3 redirects']);
  t.deepEqual(await failure(httpGet(new URL(`${base}/ftp`), options())), ['HTTP_REDIRECT_UNSUPPORTED', 302, 'HTTP 302 redirect to unsupported ftp: URL']);
});

test('the body limit holds for declared and undeclared lengths', async (t) => {
  const base = await serve(t, (req, res) => {
    if (req.url === '/declared') res.writeHead(200, { 'content-length': '100' }).end('x'.repeat(100));
    else {
      res.writeHead(200);
      res.write('x'.repeat(60));
      res.end('x'.repeat(60));
    }
  });
  t.deepEqual(await failure(httpGet(new URL(`${base}/declared`), options({ maxBodyBytes: 50 }))), ['HTTP_TOO_LARGE', 200, 'reply of 100 bytes exceeds the limit of 50']);
  t.is((await failure(httpGet(new URL(`${base}/chunked`), options({ maxBodyBytes: 100 }))))[0], 'HTTP_TOO_LARGE');
  t.is(await httpGet(new URL(`${base}/chunked`), options({ maxBodyBytes: 120 })), `200 ${'x'.repeat(120)}`);
});

test("an error the receiver throws fails the GET with that very error", async (t) => {
  const base = await serve(t, (_req, res) => res.writeHead(503).end('busy'));
  const mine = new Error('not what I asked for');
  const err = await t.throwsAsync(httpGet(new URL(base), options({ receive: () => { throw mine; } })));
  t.is(err, mine);
});

test('time-out, abort, refused connection and a reply cut short are coded', async (t) => {
  const base = await serve(t, (req, res) => {
    if (req.url === '/cut') {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial');
      setTimeout(() => res.socket?.destroy(), 20);
    }
    // Anything else hangs.
  });
  t.deepEqual(await failure(httpGet(new URL(`${base}/hang`), options({ timeoutMs: 100 }))), ['HTTP_TIMEOUT', 0, 'no complete reply within 100 ms']);
  const control = new AbortController();
  const pending = httpGet(new URL(`${base}/hang`), options({ signal: control.signal }));
  control.abort();
  t.is((await failure(pending))[0], 'HTTP_ABORTED');
  t.deepEqual(await failure(httpGet(new URL(`${base}/cut`), options())), ['HTTP_CONNECTION', 200, 'connection closed in the middle of the reply']);
  const closed = new URL(base);
  closed.port = '9';
  t.deepEqual((await failure(httpGet(closed, options())))[0], 'HTTP_CONNECTION');
});

test('reports the bytes written and read on its own socket', async (t) => {
  const base = await serve(t, (_req, res) => res.writeHead(200).end('hello'));
  const written: number[] = [];
  const read: number[] = [];
  await httpGet(new URL(base), options({ onWrite: (n) => written.push(n), onRead: (n) => read.push(n) }));
  t.is(written.length, 1);
  t.true(written[0]! > 20);
  t.is(read.length, 1);
  t.true(read[0]! > 'hello'.length);
});
