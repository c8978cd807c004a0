// Hostile peers against a PeerConnection over real loopback sockets: each
// bad input gives peer_error with its code and peer_disconnect for that
// connection only, while an honest peer on the same server carries on.
import test, { type ExecutionContext } from 'ava';
import net from 'node:net';
import { PeerConnection, type PeerDelegate } from '../../core/peer/index.ts';
import { DEFAULT_SETTINGS, tcpPeerOptions } from '../helpers/default-settings.ts';
import { generatePeerId } from '../../core/peer-id.ts';
import { encodeHandshake, encodeMessage, type Message } from '../../core/wire/index.ts';
import { connect, listen, rawClient, recordingClient, waitFor, type AnyEvent } from '../helpers/wire-peers.ts';

const INFO_HASH = 'cd'.repeat(20);
const TORRENT = { infoHash: INFO_HASH, name: 'hostile test', state: 'seeding', private: false } as const;
const PIECES = 10;
const HOSTILE_ID = Buffer.from('-XX0001-hostilepeer!', 'latin1');

function handshake(extensions: { fast?: boolean; extended?: boolean } = { fast: true, extended: true }): Buffer {
  return encodeHandshake(Buffer.from(INFO_HASH, 'hex'), HOSTILE_ID, extensions);
}

function frame(id: number, payload: number[] | Buffer): Buffer {
  const body = Buffer.concat([Buffer.from([id]), Buffer.from(payload)]);
  const prefix = Buffer.alloc(4);
  prefix.writeUInt32BE(body.length);
  return Buffer.concat([prefix, body]);
}

interface Server {
  port: number;
  events: AnyEvent[];
  peers: PeerConnection[];
  messages: Map<PeerConnection, Message[]>;
  closed: Map<PeerConnection, string>;
}

async function startServer(t: ExecutionContext): Promise<Server> {
  const { client, events } = recordingClient();
  const state: Omit<Server, 'port'> = { events, peers: [], messages: new Map(), closed: new Map() };
  const delegate: PeerDelegate = {
    onHandshake: (_p, hash) => (hash === INFO_HASH ? { infoHash: INFO_HASH, pieceCount: PIECES, torrent: TORRENT } : undefined),
    onMessage: (p, m) => state.messages.get(p)!.push(m),
    onClose: (p, reason) => state.closed.set(p, reason),
  };
  const { port } = await listen(t, '127.0.0.1', (socket) => {
    const peer = new PeerConnection({ ...tcpPeerOptions(socket, { timeouts: { handshakeMs: 400 } }), stream: socket, direction: 'incoming', sink: client, ourPeerId: generatePeerId(DEFAULT_SETTINGS.peerIdPrefix), delegate });
    state.peers.push(peer);
    state.messages.set(peer, []);
    t.teardown(() => peer.disconnect('test over'));
  });
  return { port, ...state };
}

/** An honest swarmhook peer connected to the server, with its server-side counterpart. */
async function honestPeer(t: ExecutionContext, server: Server): Promise<{ ours: PeerConnection; theirs: PeerConnection }> {
  const { client } = recordingClient();
  const socket = await connect(t, '127.0.0.1', server.port);
  let ready = false;
  const ours = new PeerConnection({
    ...tcpPeerOptions(socket),
    stream: socket,
    direction: 'outgoing',
    sink: client,
    ourPeerId: generatePeerId(DEFAULT_SETTINGS.peerIdPrefix),
    torrent: { infoHash: INFO_HASH, pieceCount: PIECES },
    delegate: { onReady: () => (ready = true), onMessage: () => {} },
  });
  t.teardown(() => ours.disconnect('test over'));
  await waitFor(() => ready, 'honest handshake');
  const theirs = await waitFor(() => server.peers[0], 'server side of the honest peer');
  return { ours, theirs };
}

/** The honest connection still works: a have and interested get through. */
async function honestCarriesOn(t: ExecutionContext, server: Server, honest: { ours: PeerConnection; theirs: PeerConnection }, index: number): Promise<void> {
  honest.ours.have(index);
  honest.ours.interested();
  await waitFor(() => honest.theirs.peerInterested && honest.theirs.hasPiece(index), 'honest messages');
  t.false(honest.theirs.closed);
  t.false(honest.ours.closed);
  t.false(server.closed.has(honest.theirs));
}

interface HostileCase {
  readonly title: string;
  readonly bytes: () => Buffer;
  readonly code: string;
  /** Whether the handshake was complete (peer_error then carries the peer id). */
  readonly identified: boolean;
  readonly invalidRequest?: boolean;
}

const CASES: HostileCase[] = [
  { title: 'an HTTP request instead of a handshake', bytes: () => Buffer.from('GET /announce HTTP/1.1\r\nHost: x\r\n\r\n'), code: 'BAD_PROTOCOL', identified: false },
  {
    title: 'a wrong protocol string',
    bytes: () => {
      const b = handshake();
      b.write('BitTorrent protocoL', 1, 'latin1');
      return b;
    },
    code: 'BAD_PROTOCOL',
    identified: false,
  },
  { title: 'a length prefix over the maximum', bytes: () => Buffer.concat([handshake(), Buffer.from([0x7f, 0xff, 0xff, 0xff])]), code: 'MESSAGE_TOO_LONG', identified: true },
  { title: 'a bitfield of the wrong size', bytes: () => Buffer.concat([handshake(), frame(5, [0xff, 0xc0, 0x00])]), code: 'BAD_BITFIELD', identified: true },
  { title: 'a bitfield with spare bits set', bytes: () => Buffer.concat([handshake(), frame(5, [0xff, 0xc1])]), code: 'BAD_BITFIELD', identified: true },
  { title: 'a have index out of range', bytes: () => Buffer.concat([handshake(), encodeMessage({ type: 'have', index: PIECES })]), code: 'BAD_INDEX', identified: true },
  {
    title: 'a request index out of range',
    bytes: () => Buffer.concat([handshake(), encodeMessage({ type: 'request', index: 0xffffffff, begin: 0, length: 16384 })]),
    code: 'BAD_INDEX',
    identified: true,
    invalidRequest: true,
  },
  { title: 'a piece index out of range', bytes: () => Buffer.concat([handshake(), encodeMessage({ type: 'piece', index: PIECES, begin: 0, block: Buffer.alloc(8) })]), code: 'BAD_INDEX', identified: true },
  { title: 'a have of 6 bytes', bytes: () => Buffer.concat([handshake(), frame(4, [0, 0, 0, 1, 0])]), code: 'BAD_MESSAGE_LENGTH', identified: true },
  { title: 'an extended handshake that is not bencode', bytes: () => Buffer.concat([handshake(), frame(20, Buffer.from('\x00not bencode', 'latin1'))]), code: 'BAD_EXTENDED', identified: true },
  { title: 'an extended handshake that hangs bencode 4.0.1', bytes: () => Buffer.concat([handshake(), frame(20, Buffer.from('\x00d0:-3:', 'latin1'))]), code: 'BAD_EXTENDED', identified: true },
  { title: 'have all without the fast extension', bytes: () => Buffer.concat([handshake({ extended: true }), frame(0x0e, [])]), code: 'NOT_NEGOTIATED', identified: true },
  { title: 'an extended message without BEP 10', bytes: () => Buffer.concat([handshake({ fast: true }), frame(20, Buffer.from('\x01x', 'latin1'))]), code: 'NOT_NEGOTIATED', identified: true },
  {
    title: 'a later bitfield of the wrong size',
    bytes: () => Buffer.concat([handshake(), encodeMessage({ type: 'have-none' }), frame(5, [0, 0, 0])]),
    code: 'BAD_BITFIELD',
    identified: true,
  },
];

for (const c of CASES) {
  for (const split of ['in one write', 'one byte at a time'] as const) {
    test(`${c.title} (${split}): peer_error ${c.code}, disconnect, the honest peer carries on`, async (t) => {
      const server = await startServer(t);
      const honest = await honestPeer(t, server);
      const raw = await rawClient(t, '127.0.0.1', server.port);
      const bytes = c.bytes();
      if (split === 'in one write') raw.socket.write(bytes);
      else {
        for (let i = 0; i < bytes.length && !raw.closed(); i++) {
          raw.socket.write(bytes.subarray(i, i + 1));
          if (i % 16 === 0) await new Promise((r) => setImmediate(r));
        }
      }
      const hostile = await waitFor(() => server.peers[1], 'the hostile connection');
      await waitFor(() => server.closed.get(hostile), 'hostile disconnect');
      await waitFor(() => raw.closed(), 'hostile socket closed');

      const errors = server.events.filter((e) => e.event === 'peer_error') as (AnyEvent & { code: string; ip: string; peer_id?: string; error: string })[];
      t.is(errors.length, 1);
      t.is(errors[0]!.code, c.code);
      t.is(errors[0]!.ip, '127.0.0.1');
      t.is(errors[0]!.peer_id, c.identified ? HOSTILE_ID.toString('latin1') : undefined);
      t.is(errors[0]!.severity, 'debug');
      const disconnects = server.events.filter((e) => e.event === 'peer_disconnect' && (e as AnyEvent & { peer: unknown }).peer === hostile);
      t.is(disconnects.length, 1);
      t.true(server.events.indexOf(errors[0]!) < server.events.indexOf(disconnects[0]!), 'peer_error comes before peer_disconnect');
      t.regex((disconnects[0] as AnyEvent & { reason: string }).reason, new RegExp(`\\[${c.code}\\]`));
      const invalid = server.events.filter((e) => e.event === 'invalid_request') as (AnyEvent & { torrent: unknown; ip: string })[];
      if (c.invalidRequest) {
        t.is(invalid.length, 1);
        t.is(invalid[0]!.torrent, TORRENT);
        t.is(invalid[0]!.ip, '127.0.0.1');
      } else t.is(invalid.length, 0);
      // Nothing of the bad message reached the torrent layer.
      t.false(server.messages.get(hostile)!.some((m) => m.type !== 'keep-alive' && m.type !== 'have-none'));

      await honestCarriesOn(t, server, honest, 4);
    });
  }
}

test('an unknown message id is passed on and is not fatal', async (t) => {
  const server = await startServer(t);
  const honest = await honestPeer(t, server);
  const raw = await rawClient(t, '127.0.0.1', server.port);
  raw.socket.write(Buffer.concat([handshake(), frame(0x42, [1, 2, 3]), encodeMessage({ type: 'have', index: 2 })]));
  const peer = await waitFor(() => server.peers[1], 'connection');
  await waitFor(() => peer.hasPiece(2), 'the have after the unknown message');
  t.false(peer.closed);
  t.deepEqual(server.messages.get(peer)!.map((m) => m.type), ['unknown', 'have']);
  t.is(server.events.filter((e) => e.event === 'peer_error').length, 0);
  await honestCarriesOn(t, server, honest, 5);
});

test('a later bitfield or have all adds pieces and reaches the torrent layer as haves of the new ones (aria2 sends one for 20+ haves)', async (t) => {
  const server = await startServer(t);
  const raw = await rawClient(t, '127.0.0.1', server.port);
  raw.socket.write(
    Buffer.concat([
      handshake(),
      encodeMessage({ type: 'have-none' }),
      encodeMessage({ type: 'have', index: 1 }),
      // Pieces 1, 3 and 5: only 3 and 5 are new.
      encodeMessage({ type: 'bitfield', bitfield: Buffer.from([0b0101_0100, 0]) }),
      encodeMessage({ type: 'have-none' }),
      encodeMessage({ type: 'bitfield', bitfield: Buffer.from([0b0001_0100, 0]) }),
      encodeMessage({ type: 'have-all' }),
      encodeMessage({ type: 'interested' }),
    ]),
  );
  const peer = await waitFor(() => server.peers[0], 'connection');
  await waitFor(() => peer.peerInterested, 'every message');
  t.false(peer.closed);
  t.is(server.events.filter((e) => e.event === 'peer_error').length, 0);
  for (let i = 0; i < PIECES; i++) t.true(peer.hasPiece(i), `piece ${i}`);
  const delivered = server.messages.get(peer)!.map((m) => (m.type === 'have' ? `have ${m.index}` : m.type));
  t.deepEqual(delivered, ['have-none', 'have 1', 'have 3', 'have 5', 'have 0', 'have 2', 'have 4', 'have 6', 'have 7', 'have 8', 'have 9', 'interested']);
  // peer_packet_in reports what came on the wire.
  const packets = server.events.filter((e) => e.event === 'peer_packet_in').map((e) => (e as AnyEvent & { packet: { type: string } }).packet.type);
  t.deepEqual(packets, ['handshake', 'have-none', 'have', 'bitfield', 'have-none', 'bitfield', 'have-all', 'interested']);
});

test('a peer that says nothing is dropped at the handshake timeout', async (t) => {
  const server = await startServer(t);
  const honest = await honestPeer(t, server);
  const raw = await rawClient(t, '127.0.0.1', server.port);
  const silent = await waitFor(() => server.peers[1], 'connection');
  await waitFor(() => server.closed.get(silent), 'timeout');
  t.regex(server.closed.get(silent)!, /^handshake timeout/);
  await waitFor(() => raw.closed(), 'socket closed');
  t.is(server.events.filter((e) => e.event === 'peer_disconnect' && (e as AnyEvent & { peer: unknown }).peer === silent).length, 1);
  await honestCarriesOn(t, server, honest, 6);
});

test('an outgoing connection answered with another info hash is a BAD_HANDSHAKE peer_error', async (t) => {
  const { client, events } = recordingClient();
  const { port } = await listen(t, '127.0.0.1', (socket: net.Socket) => {
    socket.on('error', () => {});
    socket.once('data', () => socket.write(encodeHandshake(Buffer.alloc(20, 0xee), HOSTILE_ID, {})));
  });
  const socket = await connect(t, '127.0.0.1', port);
  let closed: string | undefined;
  const peer = new PeerConnection({
    ...tcpPeerOptions(socket),
    stream: socket,
    direction: 'outgoing',
    sink: client,
    ourPeerId: generatePeerId(DEFAULT_SETTINGS.peerIdPrefix),
    infoHash: INFO_HASH,
    delegate: { onMessage: () => {}, onClose: (_p, r) => (closed = r), onReady: () => t.fail('must not become ready') },
  });
  t.teardown(() => peer.disconnect('test over'));
  await waitFor(() => closed, 'disconnect');
  const error = events.find((e) => e.event === 'peer_error') as AnyEvent & { code: string; peer_id: string };
  t.is(error.code, 'BAD_HANDSHAKE');
  t.is(error.peer_id, HOSTILE_ID.toString('latin1'));
  t.false(events.some((e) => e.event === 'peer_handshake_complete'));
});
