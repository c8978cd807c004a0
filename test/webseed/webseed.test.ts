// Web seeds (BEP 19), piece by piece: the URL of each file, the file ranges
// of each piece, one range request against a real HTTP server (and every way
// it can go wrong), and the seeds' retry and drop policy.
import { mkdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { Client } from '../../core/client.ts';
import {
  fetchRange,
  pieceRanges,
  pieceSize,
  WebSeedError,
  WebSeeds,
  webSeedFileUrl,
  type WebSeedHost,
  type WebSeedLayout,
} from '../../core/webseed/index.ts';
import { bytes, tempDir } from '../helpers/payload.ts';
import { WebSeedServer, type SeedBehavior } from '../helpers/web-seed-server.ts';

// ------------------------------------------------------------------ layout

const file = (segments: string[], length: number, offset: number, padding = false) => ({ pathSegments: segments, length, offset, padding });

const single: WebSeedLayout = { name: 'disk image.iso', multiFile: false, pieceLength: 100, length: 250, files: [file(['disk image.iso'], 250, 0)] };

const multi: WebSeedLayout = {
  name: 'My Album',
  multiFile: true,
  pieceLength: 100,
  length: 330,
  files: [
    file(['My Album', '01 intro.flac'], 40, 0),
    file(['My Album', 'empty.txt'], 0, 40),
    file(['My Album', 'cover#1?.jpg'], 30, 40),
    file(['My Album', '.pad', '30'], 30, 70, true),
    file(['My Album', 'ç', 'é.txt'], 230, 100),
  ],
};

test('single-file: the URL as given, or with the encoded name when it ends in a slash', (t) => {
  t.is(webSeedFileUrl('http://h.example/files/image.iso', single, 0), 'http://h.example/files/image.iso');
  t.is(webSeedFileUrl('http://h.example/files/', single, 0), 'http://h.example/files/disk%20image.iso');
});

test('multi-file: URL + name + "/" + path, every segment encoded, a missing slash added', (t) => {
  const expected = 'http://h.example/seed/My%20Album/cover%231%3F.jpg';
  t.is(webSeedFileUrl('http://h.example/seed/', multi, 2), expected);
  t.is(webSeedFileUrl('http://h.example/seed', multi, 2), expected);
  t.is(webSeedFileUrl('http://h.example/', multi, 4), 'http://h.example/My%20Album/%C3%A7/%C3%A9.txt');
  t.throws(() => webSeedFileUrl('http://h.example/', multi, 9), { instanceOf: RangeError });
});

test('piece ranges: across files, zero-length files left out, padding marked, the last piece short', (t) => {
  t.deepEqual(pieceRanges(multi, 0), [
    { file: 0, fileOffset: 0, pieceOffset: 0, length: 40, padding: false },
    { file: 2, fileOffset: 0, pieceOffset: 40, length: 30, padding: false },
    { file: 3, fileOffset: 0, pieceOffset: 70, length: 30, padding: true },
  ]);
  t.deepEqual(pieceRanges(multi, 3), [{ file: 4, fileOffset: 200, pieceOffset: 0, length: 30, padding: false }]);
  t.is(pieceSize(multi, 3), 30);
  t.deepEqual(pieceRanges(single, 1), [{ file: 0, fileOffset: 100, pieceOffset: 0, length: 100, padding: false }]);
  t.throws(() => pieceRanges(single, 3), { instanceOf: RangeError });
});

// ------------------------------------------------------------------ one range request

async function served(t: ExecutionContext, behavior?: (req: { path: string }) => SeedBehavior) {
  const root = await tempDir(t);
  const content = bytes('file', 5000);
  await writeFile(join(root, 'f.bin'), content);
  const server = await WebSeedServer.start(t, root, behavior);
  return { server, content, url: `${server.url}f.bin` };
}

async function code(p: Promise<unknown>): Promise<[string, number, string]> {
  try {
    await p;
  } catch (err) {
    if (err instanceof WebSeedError) return [err.code, err.statusCode, err.message];
    throw err;
  }
  return ['resolved', 0, ''];
}

test('fetchRange writes exactly the asked bytes where they belong', async (t) => {
  const { server, content, url } = await served(t);
  const into = Buffer.alloc(300, 0xaa);
  await fetchRange(url, 1000, 1199, into, 50);
  t.true(into.subarray(50, 250).equals(content.subarray(1000, 1200)));
  t.is(into[49], 0xaa);
  t.is(into[250], 0xaa);
  t.deepEqual(server.requests[0]!.range, [1000, 1199]);
});

test('fetchRange follows redirects and accepts a 200 carrying exactly the range', async (t) => {
  const { server, content } = await served(t, (req) => (req.path === 'old.bin' ? { redirect: '/f.bin' } : 'ignore-range'));
  const into = Buffer.alloc(5000);
  await fetchRange(`${server.url}old.bin`, 0, 4999, into, 0);
  t.true(into.equals(content));
  t.deepEqual(server.requests.map((r) => r.path), ['old.bin', 'f.bin']);
});

test('fetchRange failures: status, wrong length either way, Range ignored, time-out, abort', async (t) => {
  const cases: [SeedBehavior, string, number, RegExp][] = [
    [{ status: 404 }, 'WEBSEED_HTTP_STATUS', 404, /HTTP 404/],
    [{ status: 503 }, 'WEBSEED_HTTP_STATUS', 503, /HTTP 503/],
    ['short', 'WEBSEED_LENGTH', 206, /sent 100 bytes where 200 were asked/],
    ['long', 'WEBSEED_LENGTH', 206, /sent 300 bytes where 200 were asked/],
    ['ignore-range', 'WEBSEED_HTTP_STATUS', 200, /ignores Range/],
  ];
  for (const [behavior, expected, status, message] of cases) {
    const { url } = await served(t, () => behavior);
    const [c, s, m] = await code(fetchRange(url, 1000, 1199, Buffer.alloc(200), 0));
    t.is(c, expected, JSON.stringify(behavior));
    t.is(s, status);
    t.regex(m, message);
  }
  const hang = await served(t, () => 'hang');
  t.deepEqual((await code(fetchRange(hang.url, 0, 9, Buffer.alloc(10), 0, { timeoutMs: 200 }))).slice(0, 2), ['WEBSEED_TIMEOUT', 0]);
  const control = new AbortController();
  const pending = fetchRange(hang.url, 0, 9, Buffer.alloc(10), 0, { signal: control.signal });
  control.abort();
  t.is((await code(pending))[0], 'WEBSEED_ABORTED');
});

test('fetchRange: connection refused, host not found, not http', async (t) => {
  const closed = await new Promise<number>((ok) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => ok(port));
    });
  });
  t.deepEqual(await code(fetchRange(`http://127.0.0.1:${closed}/x`, 0, 9, Buffer.alloc(10), 0)), ['WEBSEED_CONNECTION', 0, 'connection refused']);
  const [dns, , why] = await code(fetchRange('http://no-such-host.invalid/x', 0, 9, Buffer.alloc(10), 0, { timeoutMs: 5000 }));
  t.is(dns, 'WEBSEED_DNS');
  t.regex(why, /host not found/);
  t.is((await code(fetchRange('ftp://h.example/x', 0, 9, Buffer.alloc(10), 0)))[0], 'WEBSEED_BAD_URL');
});

// ------------------------------------------------------------------ retry and drop

/** A host wanting its one 100-byte piece until it passes (want() asks for it again), recording what happens to it. */
function fakeHost() {
  const log: string[] = [];
  let taken = false;
  let wanted = true;
  const host: WebSeedHost = {
    infoHash: 'ab'.repeat(20),
    name: 'fake',
    state: 'downloading',
    private: false,
    takeWebSeedPiece: () => {
      if (taken || !wanted) return -1;
      taken = true;
      log.push('take');
      return 0;
    },
    releaseWebSeedPiece: (i) => {
      taken = false;
      log.push(`release ${i}`);
    },
    allocatePiece: () => Buffer.alloc(100),
    deliverWebSeedPiece: async (url, i) => {
      taken = false;
      wanted = false;
      log.push(`deliver ${i} from ${url}`);
      return 'passed';
    },
  };
  return { host, log, want: () => void (wanted = true) };
}

const oneFile: WebSeedLayout = { name: 'f.bin', multiFile: false, pieceLength: 100, length: 100, files: [file(['f.bin'], 100, 0)] };

test('a failing seed fires url_seed, waits a doubling delay, and is dropped after maxFailures in a row', async (t) => {
  const { server } = await served(t, () => ({ status: 500 }));
  const client = new Client();
  const reasons: string[] = [];
  client.on_url_seed((_c, i) => reasons.push(`${i.url} ${i.torrent?.name}: ${i.reason}`));
  const { host, log } = fakeHost();
  let now = 1_000_000;
  const seeds = new WebSeeds({ urls: [`${server.url}f.bin`], layout: oneFile, host, sink: client, retryDelayMs: 1000, maxFailures: 3, now: () => now });
  t.teardown(() => seeds.stop());
  const seed = seeds.seeds[0]!;
  seeds.start();
  const failures = async (n: number) => {
    while (seed.failures < n) await new Promise((r) => setTimeout(r, 5));
  };
  await failures(1);
  t.is(seed.retryAt, now + 1000);
  seeds.tick();
  t.is(server.requests.length, 1, 'not asked again before retryAt');
  now += 1000;
  seeds.tick();
  await failures(2);
  t.is(seed.retryAt, now + 2000, 'the delay doubles');
  now += 2000;
  seeds.tick();
  await failures(3);
  t.true(seed.dropped);
  now += 1_000_000;
  seeds.tick();
  t.is(server.requests.length, 3, 'a dropped seed is not asked again');
  t.deepEqual(reasons, [
    `${server.url}f.bin fake: HTTP 500 Internal Server Error; retrying in 1 s`,
    `${server.url}f.bin fake: HTTP 500 Internal Server Error; retrying in 2 s`,
    `${server.url}f.bin fake: HTTP 500 Internal Server Error; dropped after 3 failures in a row`,
  ]);
  t.deepEqual(log, ['take', 'release 0', 'take', 'release 0', 'take', 'release 0']);
});

test('a seed that recovers is trusted again; an unusable URL is dropped at start; a banned seed is not asked', async (t) => {
  let fail = true;
  const root = await tempDir(t);
  await mkdir(root, { recursive: true });
  await writeFile(join(root, 'f.bin'), bytes('one', 100));
  const server = await WebSeedServer.start(t, root, () => (fail ? { status: 502 } : 'serve'));
  const client = new Client();
  const reasons: string[] = [];
  client.on_url_seed((_c, i) => reasons.push(`${i.url}: ${i.reason}`));
  const { host, log, want } = fakeHost();
  let now = 0;
  let banned = false;
  const seeds = new WebSeeds({
    urls: ['gopher://old.example/f.bin', `${server.url}f.bin`],
    layout: oneFile,
    host,
    sink: client,
    retryDelayMs: 10,
    now: () => now,
    isBanned: (url) => banned && url.startsWith('http:'),
  });
  t.teardown(() => seeds.stop());
  seeds.start();
  t.true(seeds.seeds[0]!.dropped);
  t.regex(reasons[0]!, /^gopher:\/\/old\.example\/f\.bin: web seeds must be http\(s\), not gopher:; dropped$/);
  const seed = seeds.seeds[1]!;
  while (seed.failures < 1) await new Promise((r) => setTimeout(r, 5));
  fail = false;
  now += 10;
  seeds.tick();
  while (seed.piecesPassed < 1) await new Promise((r) => setTimeout(r, 5));
  t.is(seed.failures, 0);
  t.is(seed.lastError, undefined);
  t.true(log.includes(`deliver 0 from ${server.url}f.bin`));
  // Wanted again, but the seed is banned: not asked. Unbanned: asked.
  banned = true;
  want();
  const asked = server.requests.length;
  seeds.tick();
  await new Promise((r) => setTimeout(r, 50));
  t.is(server.requests.length, asked);
  banned = false;
  seeds.tick();
  while (seed.piecesPassed < 2) await new Promise((r) => setTimeout(r, 5));
  t.is(server.requests.length, asked + 1);
});
