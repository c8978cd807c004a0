// The wire protocol against libtorrent 2.0 over loopback, IPv4 and IPv6,
// both directions: we dial libtorrent, libtorrent dials us; libtorrent seeds
// to us (we check block bytes) and downloads from us (it checks piece hashes).
import type { ExecutionContext } from 'ava';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type net from 'node:net';
import { PeerConnection, type PeerDelegate } from '../../core/peer/index.ts';
import { DEFAULT_SETTINGS, tcpPeerOptions } from '../helpers/default-settings.ts';
import { generatePeerId } from '../../core/peer-id.ts';
import type { Message } from '../../core/wire/index.ts';
import { interopTest, LIBTORRENT } from '../helpers/interop.ts';
import { LibtorrentSession, makeTestTorrent, type TestTorrent } from '../helpers/libtorrent.ts';
import { connect, listen, recordingClient, waitFor, type AnyEvent } from '../helpers/wire-peers.ts';

const test = interopTest(LIBTORRENT);

const PIECE_LENGTH = 32 * 1024;
// Four whole pieces and a short last one.
const LENGTH = 4 * PIECE_LENGTH + 10_000;
const BLOCK = 16 * 1024;

interface Ours {
  peer?: PeerConnection;
  messages: Message[];
  ready: boolean;
  closed?: string;
  events: AnyEvent[];
}

function packetName(e: AnyEvent): string {
  return e.event === 'peer_packet_in' || e.event === 'peer_packet_out' ? `${e.event}:${(e as AnyEvent & { packet: { type: string } }).packet.type}` : e.event;
}

function delegate(ours: Ours, torrent: TestTorrent, extra: Partial<PeerDelegate> = {}): PeerDelegate {
  return {
    onHandshake: (_p, infoHash) =>
      infoHash === torrent.metainfo.infoHash ? { infoHash, pieceCount: torrent.metainfo.pieceCount } : undefined,
    onReady: (p) => {
      ours.ready = true;
      p.sendExtendedHandshake({ m: {}, v: 'swarmhook 0.1.0', reqq: 250 });
    },
    onMessage: (_p, m) => ours.messages.push(m),
    onClose: (_p, reason) => {
      ours.closed = reason;
    },
    ...extra,
  };
}

/** Checks the start of the conversation with a seeding libtorrent, then downloads two blocks and checks their bytes. */
async function leechFromLibtorrent(t: ExecutionContext, ours: Ours, torrent: TestTorrent, host: string): Promise<void> {
  const peer = ours.peer!;
  await waitFor(() => ours.ready, 'handshake with libtorrent', 15000);
  t.is(peer.clientName, 'libtorrent 2.0.8');
  t.true(peer.supportsFast);
  t.true(peer.supportsExtended);
  t.is(peer.ip, host);
  t.is(peer.protocol, host === '::1' ? 'tcp6' : 'tcp4');

  // libtorrent announces its pieces (have-all as a fast-extension seed, else a full bitfield) and its extension handshake.
  await waitFor(() => peer.isSeed && peer.extendedHandshake !== undefined, 'libtorrent to announce its pieces and extensions', 15000);
  const hs = peer.extendedHandshake!;
  t.is(typeof hs.m.ut_metadata, 'number');
  t.is(hs.metadata_size, torrent.metainfo.infoBuffer.length);
  t.deepEqual(hs.yourip, host === '::1' ? Buffer.from('00000000000000000000000000000001', 'hex') : Buffer.from([127, 0, 0, 1]));
  t.regex(hs.v ?? '', /libtorrent/i);

  const names = ours.events.map(packetName).filter((n) => n !== 'peer_data_in' && n !== 'peer_data_out');
  const firstFour = peer.direction === 'outgoing'
    ? ['peer_packet_out:handshake', 'peer_packet_in:handshake', 'peer_id', 'peer_handshake_complete']
    : ['peer_packet_in:handshake', 'peer_id', 'peer_packet_out:handshake', 'peer_handshake_complete'];
  t.deepEqual(names.slice(0, 4), firstFour);
  t.true(names.includes('peer_packet_in:have-all') || names.includes('peer_packet_in:bitfield'), names.join(' '));
  t.true(names.includes('peer_packet_in:extended'));
  const idEvent = ours.events.find((e) => e.event === 'peer_id') as AnyEvent & { peer_id: string };
  t.regex(idEvent.peer_id, /^-LT2080-/);
  t.true(ours.events.some((e) => e.event === 'peer_data_in'));

  peer.haveNone();
  peer.interested();
  await waitFor(() => !peer.peerChoking, 'libtorrent to unchoke us', 20000);
  const last = torrent.metainfo.pieceCount - 1;
  const lastLength = torrent.metainfo.lastPieceLength;
  peer.request(1, BLOCK, BLOCK);
  peer.request(last, 0, lastLength);
  const pieces = await waitFor(() => {
    const got = ours.messages.filter((m): m is Extract<Message, { type: 'piece' }> => m.type === 'piece');
    return got.length >= 2 ? got : undefined;
  }, 'two blocks from libtorrent', 15000);
  const a = pieces.find((p) => p.index === 1)!;
  const b = pieces.find((p) => p.index === last)!;
  t.is(a.begin, BLOCK);
  t.true(a.block.equals(torrent.data.subarray(PIECE_LENGTH + BLOCK, PIECE_LENGTH + 2 * BLOCK)), 'block 1 of piece 1');
  t.true(b.block.equals(torrent.data.subarray(last * PIECE_LENGTH)), 'the short last piece');
  t.is(ours.events.filter((e) => e.event === 'peer_error').length, 0);
  t.is(ours.closed, undefined);
  t.true(peer.bytesIn > BLOCK + lastLength);
}

for (const host of ['127.0.0.1', '::1'] as const) {
  test(`we dial libtorrent on ${host}, handshake, and download blocks`, async (t) => {
    const torrent = await makeTestTorrent(t, { length: LENGTH, pieceLength: PIECE_LENGTH });
    const lt = await LibtorrentSession.start(t, { torrentPath: torrent.torrentPath, saveDir: torrent.dir, mode: 'seed', listen: host });
    const { client, events } = recordingClient();
    const ours: Ours = { messages: [], ready: false, events };
    const socket = await connect(t, host, lt.port);
    ours.peer = new PeerConnection({
      ...tcpPeerOptions(socket),
      stream: socket,
      direction: 'outgoing',
      sink: client,
      ourPeerId: generatePeerId(DEFAULT_SETTINGS.peerIdPrefix),
      torrent: { infoHash: torrent.metainfo.infoHash, pieceCount: torrent.metainfo.pieceCount },
      delegate: delegate(ours, torrent),
    });
    t.teardown(() => ours.peer?.disconnect('test over'));
    await leechFromLibtorrent(t, ours, torrent, host);
    // libtorrent saw the connection from our socket, and counts what it uploaded to us.
    const seen = await lt.waitFor((l) => l.event === 'alert' && l.type === 'peer_connect' && l.port === socket.localPort, 'libtorrent to log our connection');
    t.is(seen.ip, host);
    lt.requestStatus();
    await lt.waitFor((l) => l.event === 'progress' && (l.total_upload as number) >= BLOCK + torrent.metainfo.lastPieceLength, 'libtorrent to count its upload');
  });

  test(`libtorrent dials us on ${host}, handshake, and we download blocks`, async (t) => {
    const torrent = await makeTestTorrent(t, { length: LENGTH, pieceLength: PIECE_LENGTH });
    const { client, events } = recordingClient();
    const ours: Ours = { messages: [], ready: false, events };
    const { port } = await listen(t, host, (socket: net.Socket) => {
      if (ours.peer !== undefined) return void socket.destroy();
      ours.peer = new PeerConnection({ ...tcpPeerOptions(socket), stream: socket, direction: 'incoming', sink: client, ourPeerId: generatePeerId(DEFAULT_SETTINGS.peerIdPrefix), delegate: delegate(ours, torrent) });
      t.teardown(() => ours.peer?.disconnect('test over'));
    });
    await LibtorrentSession.start(t, { torrentPath: torrent.torrentPath, saveDir: torrent.dir, mode: 'seed', listen: host, peers: [{ host, port }] });
    await waitFor(() => ours.peer, 'libtorrent to connect', 15000);
    t.is(ours.peer!.direction, 'incoming');
    await leechFromLibtorrent(t, ours, torrent, host);
    t.is(ours.peer!.infoHash, torrent.metainfo.infoHash);
  });

  test(`libtorrent downloads the whole torrent from us on ${host} and its hash checks pass`, async (t) => {
    const torrent = await makeTestTorrent(t, { length: LENGTH, pieceLength: PIECE_LENGTH });
    const saveDir = await mkdtemp(join(tmpdir(), 'swarmhook-lt-dl-'));
    t.teardown(() => rm(saveDir, { recursive: true, force: true }));
    const { client, events } = recordingClient();
    const ours: Ours = { messages: [], ready: false, events };
    let served = 0;
    const serve: Partial<PeerDelegate> = {
      onReady: (p) => {
        ours.ready = true;
        p.sendExtendedHandshake({ m: {}, v: 'swarmhook 0.1.0', reqq: 250 });
        p.haveAll();
      },
      onMessage: (p, m) => {
        ours.messages.push(m);
        if (m.type === 'interested') p.unchoke();
        if (m.type === 'request') {
          const offset = m.index * PIECE_LENGTH + m.begin;
          if (m.length > BLOCK || offset + m.length > torrent.data.length) return void p.reject(m.index, m.begin, m.length);
          p.piece(m.index, m.begin, torrent.data.subarray(offset, offset + m.length));
          served++;
        }
      },
    };
    const { port } = await listen(t, host, (socket: net.Socket) => {
      if (ours.peer !== undefined) return void socket.destroy();
      ours.peer = new PeerConnection({ ...tcpPeerOptions(socket), stream: socket, direction: 'incoming', sink: client, ourPeerId: generatePeerId(DEFAULT_SETTINGS.peerIdPrefix), delegate: delegate(ours, torrent, serve) });
      t.teardown(() => ours.peer?.disconnect('test over'));
    });
    const lt = await LibtorrentSession.start(t, { torrentPath: torrent.torrentPath, saveDir, mode: 'download', listen: host, peers: [{ host, port }] });
    await lt.waitFor((l) => l.event === 'finished', 'libtorrent to finish downloading', 30000);
    t.false(lt.lines.some((l) => l.event === 'alert' && l.type === 'hash_failed'));
    const downloaded = await readFile(join(saveDir, 'payload.bin'));
    t.true(downloaded.equals(torrent.data));
    t.true(served >= Math.ceil(LENGTH / BLOCK));
    t.true(ours.peer!.bytesOut >= LENGTH);
    t.is(events.filter((e) => e.event === 'peer_error').length, 0);
  });
}
