// Hostile peers against the swarm: bad requests to a seeder, and a "seeder"
// that sends blocks nobody asked for, blocks of the wrong size and corrupt data.
import net from 'node:net';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { Client } from '../../core/client.ts';
import { createTorrent, type Metainfo } from '../../core/metainfo/index.ts';
import { PeerConnection, type PeerDelegate } from '../../core/peer/index.ts';
import { DEFAULT_SETTINGS, tcpPeerOptions } from '../helpers/default-settings.ts';
import { generatePeerId } from '../../core/peer-id.ts';
import type { Message } from '../../core/wire/index.ts';
import { bytes, sameFiles, tempDir, writeFiles } from '../helpers/payload.ts';
import { waitFor } from '../helpers/wire-peers.ts';

const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;
const quiet = { emit: () => undefined, listens: () => false };
const PIECE = 32768;

async function seededTorrent(t: ExecutionContext): Promise<{ dir: string; metainfo: Metainfo }> {
  const dir = await tempDir(t);
  await writeFiles(dir, { 'data.bin': 6 * PIECE + 1000 });
  const { metainfo } = await createTorrent(join(dir, 'data.bin'), { pieceLength: PIECE });
  return { dir, metainfo };
}

function dialPeer(t: ExecutionContext, port: number, metainfo: Metainfo, delegate: PeerDelegate): Promise<PeerConnection> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      const peer = new PeerConnection({
        ...tcpPeerOptions(socket),
        stream: socket,
        direction: 'outgoing',
        protocol: 'tcp4',
        sink: quiet,
        ourPeerId: generatePeerId(DEFAULT_SETTINGS.peerIdPrefix),
        torrent: { infoHash: metainfo.infoHash, pieceCount: metainfo.pieceCount },
        delegate: { ...delegate, onReady: (p) => resolve(p) },
      });
      t.teardown(() => peer.disconnect('test over'));
    });
    socket.once('error', reject);
  });
}

test('a seeder answers bad requests with invalid_request and keeps serving good ones', async (t) => {
  const { dir, metainfo } = await seededTorrent(t);
  const reasons: string[] = [];
  const seeder = new Client({ ...LOOPBACK, on_invalid_request: (_c, info) => reasons.push(`${info.ip} ${info.reason}`) });
  t.teardown(() => seeder.destroy());
  const torrent = await seeder.addTorrent(metainfo, { dir });
  t.is(torrent.state, 'seeding');
  const received: Message[] = [];
  const peer = await dialPeer(t, seeder.port!, metainfo, { onMessage: (_p, m) => received.push(m) });
  // Choked: a request now is invalid.
  peer.request(0, 0, 16384);
  await waitFor(() => reasons.length === 1, 'the request while choked');
  peer.interested();
  await waitFor(() => !peer.peerChoking, 'unchoke');
  peer.request(0, 0, 200_000); // oversized block
  peer.request(0, PIECE - 100, 16384); // beyond the piece
  peer.request(6, 1000, 16384); // beyond the short last piece
  peer.request(1, 0, 16384); // a good one
  await waitFor(() => received.some((m) => m.type === 'piece'), 'the good block');
  t.is(reasons.length, 4);
  t.true(reasons.every((r) => r.startsWith('127.0.0.1 ')));
  t.regex(reasons[0]!, /choked/);
  t.regex(reasons[1]!, /block length 200000/);
  t.regex(reasons[2]!, /beyond piece 0/);
  t.regex(reasons[3]!, /beyond piece 6/);
  const block = received.find((m): m is Extract<Message, { type: 'piece' }> => m.type === 'piece')!;
  t.true(block.block.equals(bytes('data.bin', 6 * PIECE + 1000).subarray(PIECE, PIECE + 16384)));
  t.false(peer.closed, 'bad requests do not end the connection');
});

test('a seeder refuses requests for pieces it does not have', async (t) => {
  const { dir, metainfo } = await seededTorrent(t);
  const partialDir = await tempDir(t);
  const reasons: string[] = [];
  // The downloader gets only the first file's... here: it has nothing, so any request is for a piece it lacks.
  const leecher = new Client({ ...LOOPBACK, on_invalid_request: (_c, info) => reasons.push(info.reason) });
  t.teardown(() => leecher.destroy());
  await leecher.addTorrent(metainfo, { dir: partialDir });
  const peer = await dialPeer(t, leecher.port!, metainfo, { onMessage: () => undefined });
  peer.interested();
  await waitFor(() => !peer.peerChoking, 'unchoke');
  peer.request(2, 0, 16384);
  await waitFor(() => reasons.length === 1, 'invalid_request');
  t.regex(reasons[0]!, /do not have piece 2/);
  t.truthy(dir);
});

test('blocks nobody asked for, of the wrong size, or corrupt never reach the disk; the download completes from an honest peer', async (t) => {
  const { dir, metainfo } = await seededTorrent(t);
  const target = await tempDir(t);
  const data = bytes('data.bin', 6 * PIECE + 1000);
  // A hostile seeder: has everything, unchokes, and answers every request with garbage,
  // plus blocks nobody asked for and blocks of the wrong size.
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    const peer = new PeerConnection({
      ...tcpPeerOptions(socket),
      stream: socket,
      direction: 'incoming',
      protocol: 'tcp4',
      sink: quiet,
      ourPeerId: generatePeerId('-XX0001-'),
      delegate: {
        onHandshake: () => ({ infoHash: metainfo.infoHash, pieceCount: metainfo.pieceCount }),
        onReady: (p) => {
          p.haveAll();
          p.unchoke();
          p.piece(5, 0, Buffer.alloc(16384, 1)); // not requested
        },
        onMessage: (p, m) => {
          if (m.type !== 'request') return;
          p.piece(m.index, m.begin, Buffer.alloc(m.length + 7, 2)); // wrong size
          p.piece(m.index, m.begin, Buffer.alloc(m.length, 3)); // right size, wrong bytes
        },
      },
    });
    socket.on('close', () => sockets.delete(socket));
    void peer;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => {
    for (const s of sockets) s.destroy();
    server.close();
  });
  const hostilePort = (server.address() as net.AddressInfo).port;

  const failed: { index: number; ports: number[] }[] = [];
  const passed = new Set<number>();
  const leecher = new Client({
    ...LOOPBACK,
    on_piece_hash_failed: (_c, info) => failed.push({ index: info.index, ports: info.peers.map((p) => p.port) }),
    on_piece_hash_passed: (_c, info) => void passed.add(info.index),
  });
  t.teardown(() => leecher.destroy());
  const torrent = await leecher.addTorrent(metainfo, { dir: target, peers: [{ ip: '127.0.0.1', port: hostilePort }] });
  await waitFor(() => failed.length >= 1, 'a corrupt piece to fail its check', 10_000);
  t.true(failed.every((f) => f.ports.includes(hostilePort)), 'the hostile peer is named among the peers of each failed piece');
  t.is(passed.size, 0, 'nothing from the hostile peer passed');

  // An honest seeder joins: every piece is fetched again and verified.
  const seeder = new Client(LOOPBACK);
  t.teardown(() => seeder.destroy());
  await seeder.addTorrent(metainfo, { dir });
  torrent.addPeers([{ ip: '127.0.0.1', port: seeder.port! }]);
  await torrent.whenComplete();
  t.is(passed.size, metainfo.pieceCount);
  t.true(await sameFiles(dir, target, ['data.bin']));
  t.is(data.length, metainfo.length);
});
