// File streams between swarmhook clients on loopback: a range read while
// the torrent is at 0% (its pieces requested first, by deadline), several
// readers at once, destroy, backpressure, and a piece that fails its hash
// check, which the reader waits out and never sees.
import net from 'node:net';
import { text } from 'node:stream/consumers';
import test, { type ExecutionContext } from 'ava';
import type { Client } from '../../core/client.ts';
import type { Metainfo } from '../../core/metainfo/index.ts';
import { PeerConnection } from '../../core/peer/index.ts';
import { generatePeerId } from '../../core/peer-id.ts';
import { STREAM_CHUNK_BYTES } from '../../core/torrent/file-stream.ts';
import { tcpPeerOptions } from '../helpers/default-settings.ts';
import { makeTestTorrent } from '../helpers/libtorrent.ts';
import { bytes, tempDir } from '../helpers/payload.ts';
import { until } from '../helpers/until.ts';
import { loopbackClient } from '../helpers/interop-swarm.ts';

const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;
const PIECE = 64 * 1024;
const MiB = 1024 * 1024;
/** Pieces requested before the stream's deadlines existed and arriving among them (the request queue under the rate limit). */
const IN_FLIGHT = 10;

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function seedOne(t: ExecutionContext, length: number, options: ConstructorParameters<typeof Client>[0] = {}) {
  const data = bytes('movie', length);
  const seeder = loopbackClient(4, { ...options });
  t.teardown(() => seeder.destroy());
  const seeded = await seeder.seed([{ path: 'movie.bin', data }], { pieceLength: PIECE, dir: await tempDir(t) });
  return { data, seeder, seeded };
}

test('a range in the middle, read at 0%: the bytes match, and its pieces arrive before the rest', async (t) => {
  const { data, seeder, seeded } = await seedOne(t, 8 * MiB);
  const passed: number[] = [];
  const leecher = loopbackClient(4, { rates: { maxDownloadRate: 2 * MiB }, on_piece_hash_passed: (_c, info) => passed.push(info.index) });
  t.teardown(() => leecher.destroy());
  const torrent = await leecher.addTorrent(`magnet:?xt=urn:btih:${seeded.infoHash}`, { dir: await tempDir(t), peers: [{ ip: '127.0.0.1', port: seeder.port! }] });
  t.is(torrent.progress, 0);
  const start = 4 * MiB + 12_345;
  const end = start + MiB - 1;
  const got = await collect(torrent.files[0]!.createReadStream({ start, end }));
  t.true(got.equals(data.subarray(start, end + 1)), 'the bytes of the range');
  t.true(torrent.progress < 0.5, `read before half the torrent was in (${torrent.progress})`);
  const first = Math.floor(start / PIECE);
  const last = Math.floor(end / PIECE);
  const inRange = passed.filter((i) => i >= first && i <= last).length;
  t.is(inRange, last - first + 1);
  const lastAt = passed.findIndex((i) => i === Math.max(...passed.filter((p) => p >= first && p <= last)));
  t.true(lastAt < inRange + IN_FLIGHT, `the range's pieces were in by arrival ${lastAt}: ${passed.join(' ')}`);
  t.is(torrent.deadlinePieces, 0, 'a stream that ended holds no deadline');
});

test('several readers at once, one destroyed on its way: the others get their bytes; deadlines are released', async (t) => {
  const { data, seeder, seeded } = await seedOne(t, 4 * MiB);
  const leecher = loopbackClient(4, { rates: { maxDownloadRate: 4 * MiB } });
  t.teardown(() => leecher.destroy());
  const torrent = await leecher.addTorrent(`magnet:?xt=urn:btih:${seeded.infoHash}`, { dir: await tempDir(t), peers: [{ ip: '127.0.0.1', port: seeder.port! }] });
  const file = torrent.files[0]!;
  const dropped = file.createReadStream({ start: 3 * MiB });
  const dropping = new Promise<void>((resolve) => {
    dropped.once('data', () => {
      dropped.destroy();
      resolve();
    });
  });
  const [a, b] = await Promise.all([
    collect(file.createReadStream({ start: 100, end: 300_000 })),
    collect(file.createReadStream({ start: 2 * MiB - 5, end: 2 * MiB + 200_000 })),
    dropping,
  ]);
  t.true(a.equals(data.subarray(100, 300_001)));
  t.true(b.equals(data.subarray(2 * MiB - 5, 2 * MiB + 200_001)));
  t.true(dropped.destroyed);
  t.is(torrent.deadlinePieces, 0);
  await torrent.whenComplete();
  // A stream of a complete file reads from disk at once; an empty range ends at once.
  t.true((await collect(file.createReadStream())).equals(data));
  t.is((await collect(file.createReadStream({ start: 10, end: 9 }))).length, 0);
  t.throws(() => file.createReadStream({ start: -1 }), { instanceOf: RangeError });
  t.throws(() => file.createReadStream({ end: file.length }), { instanceOf: RangeError });
  t.throws(() => file.createReadStream({ start: 10, end: 8 }), { instanceOf: RangeError });
});

test('backpressure: a consumer that does not read holds the stream at its buffer, not the file', async (t) => {
  const { data, seeded } = await seedOne(t, 6 * MiB);
  const stream = seeded.files[0]!.createReadStream();
  // Not flowing: the stream fills its buffer and stops.
  stream.pause();
  stream.on('readable', () => undefined);
  await new Promise((r) => setTimeout(r, 300));
  t.true(stream.readableLength <= stream.readableHighWaterMark + STREAM_CHUNK_BYTES, `buffered ${stream.readableLength}`);
  t.true((await collect(stream)).equals(data));
});

/** A seeder that answers the first request for each block of piece `bad` with wrong bytes, and every other request honestly. */
async function flakySeeder(t: ExecutionContext, meta: Metainfo, data: Buffer, bad: number): Promise<number> {
  const corrupted = new Set<number>();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    new PeerConnection({
      ...tcpPeerOptions(socket),
      stream: socket,
      direction: 'incoming',
      sink: { emit: () => undefined, listens: () => false },
      ourPeerId: generatePeerId('-XX0001-'),
      delegate: {
        onHandshake: () => ({ infoHash: meta.infoHash, pieceCount: meta.pieceCount }),
        onReady: (p) => {
          p.haveAll();
          p.unchoke();
        },
        onMessage: (p, m) => {
          if (m.type !== 'request') return;
          const at = m.index * meta.pieceLength + m.begin;
          let block = data.subarray(at, at + m.length);
          if (m.index === bad && !corrupted.has(m.begin)) {
            corrupted.add(m.begin);
            block = Buffer.alloc(m.length, 0xee);
          }
          p.piece(m.index, m.begin, Buffer.from(block));
        },
      },
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => {
    for (const s of sockets) s.destroy();
    server.close();
  });
  return (server.address() as net.AddressInfo).port;
}

test('a piece that fails its hash check is waited for: the reader gets the good copy, never the bad bytes', async (t) => {
  const { data, metainfo } = await makeTestTorrent(t, { length: 2 * MiB, pieceLength: PIECE });
  const bad = 5;
  const port = await flakySeeder(t, metainfo, data, bad);
  const failed: number[] = [];
  const leecher = loopbackClient(4, { on_piece_hash_failed: (_c, info) => failed.push(info.index) });
  t.teardown(() => leecher.destroy());
  const torrent = await leecher.addTorrent(metainfo, { dir: await tempDir(t), peers: [{ ip: '127.0.0.1', port }] });
  const start = bad * PIECE - 1000;
  const got = await collect(torrent.files[0]!.createReadStream({ start, end: start + 3 * PIECE }));
  t.deepEqual(failed, [bad]);
  t.true(got.equals(data.subarray(start, start + 3 * PIECE + 1)));
  t.false(got.includes(Buffer.alloc(64, 0xee)));
});

test('reading a skipped file selects it; a removed torrent fails its waiting readers', async (t) => {
  const { metainfo } = await makeTestTorrent(t, { length: MiB, pieceLength: PIECE });
  const leecher = loopbackClient(4);
  t.teardown(() => leecher.destroy());
  // No peers: nothing will arrive.
  const torrent = await leecher.addTorrent(metainfo, { dir: await tempDir(t), files: [] });
  const file = torrent.files[0]!;
  t.is(file.priority, 'skip');
  const stream = file.createReadStream({ start: 0, end: 99 });
  t.is(file.priority, 'normal');
  // A destroyed reader's wait is withdrawn.
  const dropped = file.createReadStream({ start: 500, end: 999 });
  dropped.resume();
  await until('the reader to wait', 5_000, () => (torrent.waitingReaders === 1 ? true : undefined));
  dropped.destroy();
  await until('the wait to be withdrawn', 5_000, () => (torrent.waitingReaders === 0 && torrent.deadlinePieces === 0 ? true : undefined));
  const reading = text(stream);
  await until('the stream to wait for its piece', 5_000, () => (torrent.deadlinePieces > 0 ? true : undefined));
  await leecher.removeTorrent(torrent.infoHash);
  await t.throwsAsync(reading, { message: /was removed/ });
});
