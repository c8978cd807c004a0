// What one peer can make a seeder hold or do (issue 12 items 1 and 6): its
// queued requests, the bytes waiting for it, the keep-alives it sends. Raw
// sockets over loopback play the hostile peers (the same attackers as
// bench/hostile.ts); a real Client seeds, and an honest Client downloads
// beside them.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { Client, type ClientOptions } from '../../core/client.ts';
import type { EventInfo } from '../../core/hooks.ts';
import { createTorrent, type Metainfo } from '../../core/metainfo/index.ts';
import { PeerConnection } from '../../core/peer/index.ts';
import { DEFAULT_SETTINGS, tcpPeerOptions } from '../helpers/default-settings.ts';
import { generatePeerId } from '../../core/peer-id.ts';
import type { Swarm } from '../../core/torrent/swarm.ts';
import { encodeInterested, encodeKeepAlive, encodeRequest, type Message } from '../../core/wire/index.ts';
import { rawPeer, type AttackTarget, type RawPeer, type RunningAttack } from '../../bench/hostile/attack.ts';
import { keepAliveFlood } from '../../bench/hostile/keep-alive-flood.ts';
import { nonReader } from '../../bench/hostile/non-reader.ts';
import { sameFiles, tempDir } from '../helpers/payload.ts';
import { listen, waitFor } from '../helpers/wire-peers.ts';

const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;
const PIECE = 64 * 1024;
const BLOCK = 16 * 1024;

interface Seeding {
  readonly client: Client;
  readonly torrent: Swarm;
  readonly metainfo: Metainfo;
  readonly dir: string;
  readonly target: AttackTarget;
  readonly peerErrors: EventInfo<'peer_error'>[];
}

/** A Client seeding `size` random bytes in PIECE-sized pieces, with the given settings. */
async function seeding(t: ExecutionContext, size: number, options: ClientOptions = {}): Promise<Seeding> {
  const dir = await tempDir(t);
  await writeFile(join(dir, 'data.bin'), randomBytes(size));
  const { metainfo } = await createTorrent(join(dir, 'data.bin'), { pieceLength: PIECE });
  const peerErrors: EventInfo<'peer_error'>[] = [];
  const client = new Client({ ...LOOPBACK, ...options, on_peer_error: (_c, info) => void peerErrors.push(info) });
  t.teardown(() => client.destroy());
  const torrent = await client.addTorrent(metainfo, { dir, seedMode: true });
  const target = { host: '127.0.0.1', port: client.port!, infoHash: metainfo.infoHash, pieceCount: metainfo.pieceCount, pieceLength: PIECE, length: metainfo.length };
  return { client, torrent, metainfo, dir, target, peerErrors };
}

let nextId = 0;
/** A raw peer, handshaken, interested and unchoked, recording what it reads. */
async function unchokedPeer(t: ExecutionContext, target: AttackTarget, fast = true): Promise<{ peer: RawPeer; received: Message[]; closed: () => boolean }> {
  const peer = rawPeer(target, Buffer.from(`-XX0001-limits${String(nextId++).padStart(6, '0')}`, 'latin1'), { fast, extended: true });
  t.teardown(() => peer.socket.destroy());
  const received: Message[] = [];
  let closed = false;
  void peer.closed.then(() => (closed = true));
  peer.onMessage((m) => received.push(m));
  await peer.handshaken;
  peer.socket.write(encodeInterested());
  await waitFor(() => received.some((m) => m.type === 'unchoke'), 'unchoke');
  return { peer, received, closed: () => closed };
}

/** Requests for the first `count` blocks, as one write (one read on the other side). */
function requests(count: number, first = 0): Buffer {
  const out: Buffer[] = [];
  for (let b = first; b < first + count; b++) out.push(encodeRequest(Math.floor((b * BLOCK) / PIECE), (b * BLOCK) % PIECE, BLOCK));
  return Buffer.concat(out);
}

const count = (received: readonly Message[], type: Message['type']): number => received.filter((m) => m.type === type).length;

async function downloadBeside(t: ExecutionContext, seeder: Seeding): Promise<void> {
  const target = await tempDir(t);
  const leecher = new Client(LOOPBACK);
  t.teardown(() => leecher.destroy());
  const torrent = await leecher.addTorrent(seeder.metainfo, { dir: target, peers: [{ ip: '127.0.0.1', port: seeder.client.port! }] });
  await torrent.whenComplete();
  t.true(await sameFiles(seeder.dir, target, ['data.bin']), 'the honest download is complete and right');
}

function attacking(t: ExecutionContext, attack: RunningAttack): RunningAttack {
  t.teardown(() => attack.stop());
  return attack;
}

test('requests beyond maxQueuedRequestsPerPeer are rejected (BEP 6); the queued ones are served and the peer stays', async (t) => {
  const seeder = await seeding(t, 16 * PIECE, { limits: { maxQueuedRequestsPerPeer: 20 } });
  const { peer, received, closed } = await unchokedPeer(t, seeder.target);
  // One read: the first request is taken at once, 20 wait, the other 9 do not fit.
  peer.socket.write(requests(30));
  await waitFor(() => count(received, 'piece') + count(received, 'reject') === 30, 'an answer to every request');
  t.true(count(received, 'reject') > 0, 'some were rejected');
  t.true(count(received, 'piece') >= 21, 'the queue was served');
  t.false(closed());
  t.deepEqual(seeder.peerErrors, []);
  const handshake = received.find((m): m is Extract<Message, { type: 'extended' }> => m.type === 'extended' && m.handshake !== undefined);
  t.is(handshake?.handshake?.reqq, 20, 'the cap is announced as reqq');
});

test('requests still queued when the seeder chokes a peer are rejected (BEP 6), not silently dropped', async (t) => {
  const seeder = await seeding(t, 512 * PIECE);
  const { peer, received, closed } = await unchokedPeer(t, seeder.target);
  // Not read for now, so that requests wait in the queue: 30 MiB is more than the socket buffers hold.
  peer.socket.pause();
  peer.socket.write(requests(1900));
  await waitFor(() => seeder.torrent.queuedUploadBytes > 0, 'serving under way');
  await new Promise((r) => setTimeout(r, 100));
  // Not interested any more: the seeder chokes it at once.
  peer.socket.write(Buffer.from([0, 0, 0, 1, 3]));
  await waitFor(() => seeder.torrent.peers.every((p) => p.amChoking), 'the choke');
  peer.socket.resume();
  await waitFor(() => count(received, 'piece') + count(received, 'reject') === 1900, 'an answer to every request', 20_000);
  t.true(count(received, 'reject') > 0, `${count(received, 'reject')} rejected`);
  t.true(received.findIndex((m) => m.type === 'choke') < received.findIndex((m) => m.type === 'reject'), 'the choke comes first');
  t.false(closed());
  t.deepEqual(seeder.peerErrors, []);
});

test('a peer that keeps sending requests beyond the queue is disconnected with REQUEST_QUEUE_FULL', async (t) => {
  const seeder = await seeding(t, 64 * PIECE, { limits: { maxQueuedRequestsPerPeer: 20 } });
  const { peer, received, closed } = await unchokedPeer(t, seeder.target);
  peer.socket.write(requests(200));
  await waitFor(closed, 'the disconnect');
  const error = seeder.peerErrors.find((e) => e.code === 'REQUEST_QUEUE_FULL');
  t.truthy(error);
  t.is(error!.ip, '127.0.0.1');
  t.regex(error!.error, /queue of 20/);
  // The rejects of that same read were still corked when the socket closed: what arrived is served blocks only.
  t.true(received.every((m) => m.type !== 'piece' || m.block.length === BLOCK));
  t.is(seeder.torrent.queuedUploadBytes, 0, 'what it held went back');
});

test('without the fast extension requests beyond the queue are dropped; persisting still disconnects', async (t) => {
  const seeder = await seeding(t, 64 * PIECE, { limits: { maxQueuedRequestsPerPeer: 20 } });
  const { peer, received, closed } = await unchokedPeer(t, seeder.target, false);
  peer.socket.write(requests(30));
  await waitFor(() => count(received, 'piece') >= 21, 'the queued requests served');
  await new Promise((r) => setTimeout(r, 200));
  t.true(count(received, 'piece') < 30, 'the ones beyond the queue were dropped');
  t.false(closed());
  peer.socket.write(requests(200, 30));
  await waitFor(closed, 'the disconnect');
  t.true(seeder.peerErrors.some((e) => e.code === 'REQUEST_QUEUE_FULL'));
});

test('a peer that stops reading holds at most maxSendBufferPerPeer and is disconnected with SEND_BUFFER_STALLED', async (t) => {
  const perPeer = 256 * 1024;
  // The stall time derives from inactivityMs; the peer sends keep-alives, so inactivity does not end it first.
  const seeder = await seeding(t, 512 * PIECE, { limits: { maxSendBufferPerPeer: perPeer }, timeouts: { inactivityMs: 3000 } });
  const { peer, closed } = await unchokedPeer(t, seeder.target);
  peer.socket.pause();
  // 30 MiB asked for: more than the loopback socket buffers of both sides hold.
  peer.socket.write(requests(1900));
  const keepAlive = setInterval(() => peer.socket.write(encodeKeepAlive()), 200);
  t.teardown(() => clearInterval(keepAlive));
  let maxQueued = 0;
  let maxSocket = 0;
  const heapBefore = process.memoryUsage().heapUsed;
  let maxHeapGrowth = 0;
  const sampler = setInterval(() => {
    maxQueued = Math.max(maxQueued, seeder.torrent.queuedUploadBytes);
    for (const p of seeder.torrent.peers) maxSocket = Math.max(maxSocket, (p as PeerConnection).writableLength);
    maxHeapGrowth = Math.max(maxHeapGrowth, process.memoryUsage().heapUsed - heapBefore);
  }, 10);
  t.teardown(() => clearInterval(sampler));
  await waitFor(closed, 'the disconnect', 30_000);
  clearInterval(sampler);
  const error = seeder.peerErrors.find((e) => e.code === 'SEND_BUFFER_STALLED');
  t.truthy(error, `peer_error codes: ${seeder.peerErrors.map((e) => e.code).join(', ')}`);
  t.regex(error!.error, /none was taken/);
  t.true(maxQueued > 0 && maxQueued <= perPeer, `queued block bytes peaked at ${maxQueued}`);
  t.true(maxSocket <= perPeer + 64 * 1024, `the seeder's socket held at most ${maxSocket} bytes`);
  // The 30 MiB asked for never came near the heap (blocks are views of the read cache; a generous bound).
  t.true(maxHeapGrowth < 24 * 1024 * 1024, `heap grew by at most ${maxHeapGrowth} bytes`);
  t.is(seeder.torrent.queuedUploadBytes, 0);
});

test('an honest download finishes beside a peer that requests and never reads; the seeder holds its budget', async (t) => {
  const seeder = await seeding(t, 256 * PIECE);
  let maxQueued = 0;
  const sampler = setInterval(() => (maxQueued = Math.max(maxQueued, seeder.torrent.queuedUploadBytes)), 10);
  t.teardown(() => clearInterval(sampler));
  attacking(t, nonReader.start(seeder.target));
  await waitFor(() => seeder.peerErrors.some((e) => e.code === 'REQUEST_QUEUE_FULL'), 'the non-reader dropped', 20_000);
  await downloadBeside(t, seeder);
  // The attacker (one connection at a time, reconnecting) and the downloader: each within its share.
  t.true(maxQueued <= 3 * seeder.client.settings.limits.maxSendBufferPerPeer, `queued block bytes peaked at ${maxQueued}`);
});

test('a keep-alive flood is disconnected with MESSAGE_FLOOD; an honest download beside it finishes', async (t) => {
  const seeder = await seeding(t, 256 * PIECE);
  const flood = attacking(t, keepAliveFlood.start(seeder.target));
  await waitFor(() => seeder.peerErrors.some((e) => e.code === 'MESSAGE_FLOOD'), 'the flooder dropped', 20_000);
  const error = seeder.peerErrors.find((e) => e.code === 'MESSAGE_FLOOD')!;
  t.regex(error.error, /more than 200 keep-alives and payload-less messages within 10 s/);
  await downloadBeside(t, seeder);
  t.true(flood.closedBySeeder >= 1);
  t.true(seeder.peerErrors.every((e) => e.code === 'MESSAGE_FLOOD'), 'only the flooder was disconnected');
});

test('payload-less messages within the budget are fine: a peer toggling interest now and then stays', async (t) => {
  const seeder = await seeding(t, 4 * PIECE, { limits: { maxEmptyMessagesPerSecond: 5 } });
  const { peer, closed } = await unchokedPeer(t, seeder.target);
  // 40 in a burst: within the 50 a 10 s window allows.
  for (let i = 0; i < 40; i++) peer.socket.write(encodeKeepAlive());
  await new Promise((r) => setTimeout(r, 200));
  t.false(closed());
  // 20 more make 60 within the window: over it.
  for (let i = 0; i < 20; i++) peer.socket.write(encodeKeepAlive());
  await waitFor(closed, 'the disconnect');
  t.is(seeder.peerErrors[0]?.code, 'MESSAGE_FLOOD');
});

test('a connection whose remote reads nothing while small messages pile up is closed with SEND_BUFFER_FULL', async (t) => {
  const infoHash = 'ab'.repeat(20);
  const errors: string[] = [];
  const sink = {
    emit: (name: string, info: unknown) => void (name === 'peer_error' && errors.push((info as { code: string }).code)),
    listens: () => true,
  };
  let server: PeerConnection | undefined;
  const { port } = await listen(t, '127.0.0.1', (socket) => {
    server = new PeerConnection({
      ...tcpPeerOptions(socket, { limits: { maxSendBuffer: 64 * 1024 } }),
      stream: socket,
      direction: 'incoming',
      sink,
      ourPeerId: generatePeerId(DEFAULT_SETTINGS.peerIdPrefix),
      delegate: { onHandshake: () => ({ infoHash, pieceCount: 4 }), onMessage: () => undefined },
    });
    t.teardown(() => server?.disconnect('test over'));
  });
  const remote = rawPeer({ host: '127.0.0.1', port, infoHash }, Buffer.from('-XX0001-notreading!!', 'latin1'));
  t.teardown(() => remote.socket.destroy());
  await remote.handshaken;
  remote.socket.pause();
  const ready = await waitFor(() => (server?.ready ? server : undefined), 'the server side');
  // 256 KiB extended messages, one per tick, until the socket is closed: the kernel takes some MB, then they wait.
  const payload = Buffer.alloc(256 * 1024);
  let sent = 0;
  while (!ready.closed && sent < 400) {
    ready.extended(1, payload);
    sent++;
    await new Promise((r) => setImmediate(r));
  }
  t.true(ready.closed, `closed after ${sent} messages`);
  t.deepEqual(errors, ['SEND_BUFFER_FULL']);
  t.regex(ready.closeReason!, /SEND_BUFFER_FULL/);
});
