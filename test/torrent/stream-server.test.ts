// torrent.createServer(): the HTTP answers a media player relies on (Range,
// Content-Length, Content-Type, HEAD, 416), first from Node's own client on
// a complete torrent, then from real programs on a file still downloading:
// curl with Range headers, and ffprobe reading a media file made by ffmpeg.
import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { get, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import test, { type ExecutionContext } from 'ava';
import type { StreamServer, Swarm } from '../../core/index.ts';
import { parseRange } from '../../core/torrent/http-range.ts';
import { contentTypeOf } from '../../core/torrent/stream-server.ts';
import { CURL, FFMPEG, interopTest } from '../helpers/interop.ts';
import { makeTestTorrent } from '../helpers/libtorrent.ts';
import { bytes, tempDir } from '../helpers/payload.ts';
import { until } from '../helpers/until.ts';
import { loopbackClient } from '../helpers/interop-swarm.ts';

const run = promisify(execFile);
const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;
const MiB = 1024 * 1024;

async function serve(t: ExecutionContext, torrent: Swarm): Promise<string> {
  const server: StreamServer = torrent.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

test('parseRange: the forms of a byte range, an end past the file cut, several ranges served whole, bad ones unsatisfiable', (t) => {
  t.deepEqual(parseRange(undefined, 100), { kind: 'whole' });
  t.deepEqual(parseRange('bytes=0-9', 100), { kind: 'partial', start: 0, end: 9 });
  t.deepEqual(parseRange('bytes=90-', 100), { kind: 'partial', start: 90, end: 99 });
  t.deepEqual(parseRange('bytes=-10', 100), { kind: 'partial', start: 90, end: 99 });
  t.deepEqual(parseRange('bytes=-1000', 100), { kind: 'partial', start: 0, end: 99 });
  t.deepEqual(parseRange('bytes=50-5000', 100), { kind: 'partial', start: 50, end: 99 });
  t.deepEqual(parseRange('Bytes = 1 - 2', 100), { kind: 'partial', start: 1, end: 2 });
  t.deepEqual(parseRange('bytes=0-1,5-6', 100), { kind: 'whole' });
  t.deepEqual(parseRange('items=0-1', 100), { kind: 'whole' });
  for (const bad of ['bytes=100-', 'bytes=5-4', 'bytes=-0', 'bytes=-', 'bytes=a-b', 'bytes=99999999999999999999-']) {
    t.deepEqual(parseRange(bad, 100), { kind: 'unsatisfiable' }, bad);
  }
  t.deepEqual(parseRange('bytes=0-', 0), { kind: 'unsatisfiable' });
  t.is(contentTypeOf('a/Movie.MKV'), 'video/x-matroska');
  t.is(contentTypeOf('noext'), 'application/octet-stream');
});

test('the server: file list, HEAD, whole file, ranges, 416, 404 and 405', async (t) => {
  const client = loopbackClient(4);
  t.teardown(() => client.destroy());
  const a = bytes('a', 300_000);
  const torrent = await client.seed(
    [
      { path: 'clip.mp4', data: a },
      { path: 'notes.txt', data: Buffer.from('hello\n') },
    ],
    { name: 'media', pieceLength: 32768, dir: await tempDir(t) },
  );
  const base = await serve(t, torrent);
  const list = (await (await fetch(`${base}/`)).json()) as { index: number; path: string; length: number; url: string }[];
  t.deepEqual(list.map((f) => [f.index, f.path, f.length, f.url]), [
    [0, 'media/clip.mp4', 300_000, '/0/clip.mp4'],
    [1, 'media/notes.txt', 6, '/1/notes.txt'],
  ]);
  const head = await fetch(`${base}/0/clip.mp4`, { method: 'HEAD' });
  t.is(head.status, 200);
  t.is(head.headers.get('content-length'), '300000');
  t.is(head.headers.get('content-type'), 'video/mp4');
  t.is(head.headers.get('accept-ranges'), 'bytes');
  t.is((await head.arrayBuffer()).byteLength, 0);
  const whole = await fetch(`${base}/0`);
  t.true(Buffer.from(await whole.arrayBuffer()).equals(a));
  const part = await fetch(`${base}/0/clip.mp4`, { headers: { Range: 'bytes=100000-100099' } });
  t.is(part.status, 206);
  t.is(part.headers.get('content-range'), 'bytes 100000-100099/300000');
  t.is(part.headers.get('content-length'), '100');
  t.true(Buffer.from(await part.arrayBuffer()).equals(a.subarray(100_000, 100_100)));
  const tail = await fetch(`${base}/1/notes.txt`, { headers: { Range: 'bytes=-3' } });
  t.is(await tail.text(), 'lo\n');
  t.is(tail.headers.get('content-type'), 'text/plain; charset=utf-8');
  const beyond = await fetch(`${base}/0`, { headers: { Range: 'bytes=300000-' } });
  t.is(beyond.status, 416);
  t.is(beyond.headers.get('content-range'), 'bytes */300000');
  t.is((await fetch(`${base}/7`)).status, 404);
  t.is((await fetch(`${base}/nothing`)).status, 404);
  t.is((await fetch(`${base}/0`, { method: 'POST' })).status, 405);
});

test('the server holds at most streaming.maxServerConnections connections; a reader that goes away releases its stream', async (t) => {
  const { metainfo } = await makeTestTorrent(t, { length: 256 * 1024, pieceLength: 32768 });
  const client = loopbackClient(4, { streaming: { maxServerConnections: 2 } });
  t.teardown(() => client.destroy());
  // No peers: nothing arrives, every reader waits.
  const torrent = await client.addTorrent(metainfo, { dir: await tempDir(t) });
  const base = await serve(t, torrent);
  const waiting = [0, 1].map(() => get(`${base}/0`, { agent: false }));
  const responses = await Promise.all(waiting.map((r) => new Promise<IncomingMessage>((resolve) => r.once('response', resolve))));
  t.deepEqual(responses.map((r) => r.statusCode), [200, 200]);
  await until('both readers to wait', 5_000, () => (torrent.waitingReaders === 2 ? true : undefined));
  const third = get(`${base}/0`, { agent: false });
  const refused = await new Promise<string>((resolve) => {
    third.once('response', (r) => resolve(`answered ${r.statusCode}`));
    third.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
  t.regex(refused, /ECONNRESET|socket hang up/);
  for (const r of waiting) r.destroy();
  await until('the readers to be released', 5_000, () => (torrent.waitingReaders === 0 && torrent.deadlinePieces === 0 ? true : undefined));
});

const realTest = interopTest(CURL, FFMPEG);

realTest('curl with Range headers and ffprobe, against the server of a file still downloading', async (t) => {
  const work = await tempDir(t);
  // A real media file: 8 s of test pattern and a tone, MPEG-4 in an MP4 whose index (moov) is at its end, so that a player must seek.
  const media = join(work, 'clip.mp4');
  // Noise keeps the encoder at its bitrate: about 3 MB, 6 s at the viewer's rate.
  await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=duration=8:size=640x360:rate=25', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=8',
    '-vf', 'noise=alls=40:allf=t', '-c:v', 'mpeg4', '-b:v', '3M', '-c:a', 'aac', '-shortest', media], { timeout: 60_000 });
  t.true((await stat(media)).size > 2 * MiB);
  const data = await readFile(media);
  const seeder = loopbackClient(4);
  const viewer = loopbackClient(4, { rates: { maxDownloadRate: 512 * 1024 } });
  t.teardown(() => Promise.all([seeder.destroy(), viewer.destroy()]));
  const seeded = await seeder.seed(media, { pieceLength: 32768 });
  const torrent = await viewer.addTorrent(`magnet:?xt=urn:btih:${seeded.infoHash}`, { dir: join(work, 'viewer'), peers: [{ ip: '127.0.0.1', port: seeder.port! }] });
  const url = `${await serve(t, torrent)}/0/clip.mp4`;
  const file = torrent.files[0]!;
  t.true(file.progress < 1, 'the file is still downloading');

  const middle = Math.floor(data.length / 2);
  const { stdout: part } = await run('curl', ['-sS', '--fail', '-r', `${middle}-${middle + 99_999}`, url], { encoding: 'buffer', timeout: 60_000, maxBuffer: 4 * MiB });
  t.true(part.equals(data.subarray(middle, middle + 100_000)), 'a range in the middle');
  const { stdout: end } = await run('curl', ['-sS', '--fail', '-r', '-5000', url], { encoding: 'buffer', timeout: 60_000 });
  t.true(end.equals(data.subarray(data.length - 5000)), 'the last bytes (where the index is)');
  t.true(file.progress < 1, `curl got its ranges while the file was downloading (${file.progress})`);
  const { stdout: headers } = await run('curl', ['-sS', '-I', url], { timeout: 60_000 });
  t.regex(headers, /^HTTP\/1\.1 200 OK/);
  t.regex(headers, new RegExp(`content-length: ${data.length}\\r`, 'i'));
  t.regex(headers, /content-type: video\/mp4\r/i);
  const { stdout: code } = await run('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', '-r', `${data.length}-`, url], { timeout: 60_000 });
  t.is(code, '416');

  const { stdout: probed } = await run('ffprobe', ['-v', 'error', '-show_entries', 'format=duration:stream=codec_name', '-of', 'json', url], { timeout: 120_000 });
  const info = JSON.parse(probed) as { streams: { codec_name: string }[]; format: { duration: string } };
  t.deepEqual(info.streams.map((s) => s.codec_name).sort(), ['aac', 'mpeg4']);
  t.true(Math.abs(Number(info.format.duration) - 8) < 0.2, `duration ${info.format.duration}`);
  await torrent.whenComplete();
  const { stdout: whole } = await run('curl', ['-sS', '--fail', url], { encoding: 'buffer', timeout: 60_000, maxBuffer: 64 * MiB });
  t.true(whole.equals(data));
});
