import test, { type ExecutionContext } from 'ava';
import type net from 'node:net';
import { BitField } from '../../core/bitfield.ts';
import { PeerConnection, PeerError, type PeerDelegate, type PeerTorrentInfo } from '../../core/peer/index.ts';
import { DEFAULT_SETTINGS, tcpPeerOptions } from '../helpers/default-settings.ts';
import { generatePeerId } from '../../core/peer-id.ts';
import { encodeHandshake, encodeMessage, type Message } from '../../core/wire/index.ts';
import { connect, listen, rawClient, recordingClient, waitFor, type AnyEvent } from '../helpers/wire-peers.ts';

const INFO_HASH = 'aa'.repeat(20);
const TORRENT = { infoHash: INFO_HASH, name: 'test torrent', state: 'downloading', private: false } as const;
const PIECES = 12;

interface Side {
  peer?: PeerConnection;
  messages: Message[];
  closed?: string;
  ready: boolean;
  drains: number;
  events: AnyEvent[];
}

function delegateFor(side: Side, info: PeerTorrentInfo | undefined, extra: Partial<PeerDelegate> = {}): PeerDelegate {
  return {
    onHandshake: (_p, hash) => (info !== undefined && hash === info.infoHash ? info : undefined),
    onReady: () => {
      side.ready = true;
    },
    onMessage: (_p, m) => {
      side.messages.push(m);
    },
    onClose: (_p, reason) => {
      side.closed = reason;
    },
    onDrain: () => {
      side.drains++;
    },
    ...extra,
  };
}

function newSide(): Side {
  return { messages: [], ready: false, drains: 0, events: [] };
}

/** An incoming PeerConnection (server side) and an outgoing one (client side), both ours. */
async function pair(
  t: ExecutionContext,
  host: '127.0.0.1' | '::1' = '127.0.0.1',
  options: { serverInfo?: PeerTorrentInfo; clientInfo?: PeerTorrentInfo; timeouts?: { handshakeMs?: number; inactivityMs?: number; keepAliveMs?: number } } = {},
): Promise<{ server: Side; client: Side }> {
  const server = newSide();
  const client = newSide();
  const serverRec = recordingClient();
  const clientRec = recordingClient();
  server.events = serverRec.events;
  client.events = clientRec.events;
  const serverInfo = options.serverInfo ?? { infoHash: INFO_HASH, pieceCount: PIECES, torrent: TORRENT };
  const { port } = await listen(t, host, (socket) => {
    server.peer = new PeerConnection({
      ...tcpPeerOptions(socket, options),
      stream: socket,
      direction: 'incoming',
      sink: serverRec.client,
      ourPeerId: generatePeerId(DEFAULT_SETTINGS.peerIdPrefix),
      delegate: delegateFor(server, serverInfo),
    });
  });
  const socket = await connect(t, host, port);
  client.peer = new PeerConnection({
    ...tcpPeerOptions(socket, options),
    stream: socket,
    direction: 'outgoing',
    sink: clientRec.client,
    ourPeerId: generatePeerId(DEFAULT_SETTINGS.peerIdPrefix),
    torrent: options.clientInfo ?? { infoHash: INFO_HASH, pieceCount: PIECES, torrent: TORRENT },
    delegate: delegateFor(client, undefined),
  });
  t.teardown(() => {
    client.peer?.disconnect('test over');
    server.peer?.disconnect('test over');
  });
  await waitFor(() => server.ready && client.ready, 'both handshakes');
  return { server, client };
}

const names = (events: AnyEvent[]) =>
  events.map((e) => (e.event === 'peer_packet_in' || e.event === 'peer_packet_out' ? `${e.event}:${(e as AnyEvent & { packet: { type: string } }).packet.type}` : e.event));

for (const host of ['127.0.0.1', '::1'] as const) {
  test(`handshake both ways on ${host}: events in order, state, client names`, async (t) => {
    const { server, client } = await pair(t, host);
    const noData = (n: string) => n !== 'peer_data_in' && n !== 'peer_data_out';
    t.deepEqual(names(client.events).filter(noData), ['peer_packet_out:handshake', 'peer_packet_in:handshake', 'peer_id', 'peer_handshake_complete']);
    t.deepEqual(
      names(server.events).filter(noData),
      ['peer_packet_in:handshake', 'peer_id', 'peer_packet_out:handshake', 'peer_handshake_complete'],
    );
    const s = server.peer!;
    const c = client.peer!;
    t.is(s.direction, 'incoming');
    t.is(c.direction, 'outgoing');
    t.is(s.protocol, host === '::1' ? 'tcp6' : 'tcp4');
    t.is(c.ip, host);
    t.is(s.ip, host);
    t.is(s.infoHash, INFO_HASH);
    t.is(s.clientName, 'swarmhook 0.1.0');
    t.is(c.clientName, 'swarmhook 0.1.0');
    t.true(s.supportsFast && s.supportsExtended && c.supportsFast && c.supportsExtended);
    t.true(s.amChoking && s.peerChoking && !s.amInterested && !s.peerInterested);
    const idEvent = client.events.find((e) => e.event === 'peer_id') as AnyEvent & { peer_id: string };
    t.is(idEvent.peer_id.length, 40, 'our random peer id bytes are shown as hex');
    t.true(idEvent.message.includes('swarmhook 0.1.0'));
    t.is(s.pieceCount, PIECES);
  });
}

test('messages flow both ways and update state; a block arrives intact', async (t) => {
  const { server, client } = await pair(t);
  const s = server.peer!;
  const c = client.peer!;
  const have = new BitField(PIECES);
  have.set(0);
  have.set(11);
  s.bitfield(have);
  s.sendExtendedHandshake({ m: { ut_metadata: 2 }, v: 'swarmhook test', reqq: 250 });
  c.haveNone();
  c.interested();
  await waitFor(() => s.peerInterested && c.remoteBitfield?.count() === 2, 'bitfield and interested');
  t.true(c.hasPiece(0) && c.hasPiece(11) && !c.hasPiece(5));
  t.is(c.extendedHandshake?.v, 'swarmhook test');
  t.deepEqual({ ...c.extendedHandshake?.m }, { ut_metadata: 2 });
  s.unchoke();
  s.allowedFast(3);
  s.suggest(11);
  await waitFor(() => !c.peerChoking, 'unchoke');
  t.true(c.remoteAllowedFast.has(3));
  c.request(11, 16384, 5);
  c.cancel(11, 0, 16384);
  const req = await waitFor(() => server.messages.find((m) => m.type === 'request'), 'request');
  t.deepEqual(req, { type: 'request', index: 11, begin: 16384, length: 5 });
  t.true(server.messages.some((m) => m.type === 'cancel'));
  const block = Buffer.from('hello');
  t.true(s.piece(11, 16384, block));
  s.reject(0, 0, 16384);
  s.have(5);
  s.sendDhtPort(6881);
  const piece = await waitFor(() => client.messages.find((m) => m.type === 'piece'), 'piece');
  t.deepEqual({ ...piece, block: Buffer.from((piece as { block: Buffer }).block) }, { type: 'piece', index: 11, begin: 16384, block });
  await waitFor(() => c.dhtPort === 6881, 'port');
  t.true(c.hasPiece(5));
  t.true(client.messages.some((m) => m.type === 'reject'));
  t.true(client.messages.some((m) => m.type === 'suggest'));
  t.true(client.messages.some((m) => m.type === 'extended'));
  c.notInterested();
  s.choke();
  await waitFor(() => c.peerChoking && !s.peerInterested, 'choke and not interested');
  // Repeated state messages are not resent.
  const before = s.bytesOut;
  s.choke();
  t.is(s.bytesOut, before);
  await waitFor(() => s.bytesIn === c.bytesOut && c.bytesIn === s.bytesOut, 'byte counts to agree');
  t.true(s.bytesOut > 68 + 5);
  // Every packet the client sent arrived as a packet on the server, in order.
  const sent = client.events.filter((e) => e.event === 'peer_packet_out').map((e) => (e as AnyEvent & { packet: { type: string } }).packet.type);
  const got = server.events.filter((e) => e.event === 'peer_packet_in').map((e) => (e as AnyEvent & { packet: { type: string } }).packet.type);
  t.deepEqual(got, sent);
  const dataIn = server.events.filter((e) => e.event === 'peer_data_in').reduce((n, e) => n + (e as AnyEvent & { length: number }).length, 0);
  t.is(dataIn, s.bytesIn);
});

test('disconnect fires peer_disconnect once on each side, with the reason', async (t) => {
  const { server, client } = await pair(t);
  client.peer!.disconnect('done here');
  client.peer!.disconnect('again');
  await waitFor(() => server.closed, 'server side to see the close');
  t.is(client.closed, 'done here');
  t.is(server.closed, 'connection closed by peer');
  t.is(client.events.filter((e) => e.event === 'peer_disconnect').length, 1);
  t.is(server.events.filter((e) => e.event === 'peer_disconnect').length, 1);
  t.false(client.peer!.have(1), 'sending after close is a no-op');
});

test('what is sent in the tick of a disconnect still leaves: a not-interested then the hang-up reach the remote in that order', async (t) => {
  const { server, client } = await pair(t);
  client.peer!.interested();
  await waitFor(() => server.peer!.peerInterested, 'the interest');
  // A finished download tells its seed it is no longer interested and hangs up, in one tick (writes are corked within it).
  client.peer!.notInterested();
  client.peer!.disconnect('both are seeds');
  await waitFor(() => server.closed, 'server side to see the close');
  t.false(server.peer!.peerInterested, 'the not-interested arrived before the close');
  t.is(server.messages.at(-1)?.type, 'not-interested');
});

test('sending before the handshake or without the negotiated extension is refused', async (t) => {
  const rec = recordingClient();
  const { port } = await listen(t, '127.0.0.1', () => {});
  const socket = await connect(t, '127.0.0.1', port);
  const side = newSide();
  const peer = new PeerConnection({ ...tcpPeerOptions(socket), stream: socket, direction: 'outgoing', sink: rec.client, ourPeerId: generatePeerId(DEFAULT_SETTINGS.peerIdPrefix), infoHash: INFO_HASH, delegate: delegateFor(side, undefined), extensions: { fast: false } });
  t.teardown(() => peer.disconnect('test over'));
  t.is(t.throws(() => peer.interested(), { instanceOf: PeerError })?.code, 'NOT_READY');
  const { server } = await pair(t, '127.0.0.1', {});
  t.is(t.throws(() => server.peer!.have(PIECES), { instanceOf: PeerError })?.code, 'BAD_VALUE');
  const noFast = await pairWithoutFast(t);
  t.is(t.throws(() => noFast.haveAll(), { instanceOf: PeerError })?.code, 'NOT_NEGOTIATED');
});

async function pairWithoutFast(t: ExecutionContext): Promise<PeerConnection> {
  const side = newSide();
  const rec = recordingClient();
  const { port } = await listen(t, '127.0.0.1', (socket) => {
    const p = new PeerConnection({ ...tcpPeerOptions(socket), stream: socket, direction: 'incoming', sink: rec.client, ourPeerId: generatePeerId(DEFAULT_SETTINGS.peerIdPrefix), delegate: delegateFor(newSide(), { infoHash: INFO_HASH, pieceCount: PIECES }), extensions: { fast: false } });
    t.teardown(() => p.disconnect('test over'));
  });
  const socket = await connect(t, '127.0.0.1', port);
  side.peer = new PeerConnection({ ...tcpPeerOptions(socket), stream: socket, direction: 'outgoing', sink: rec.client, ourPeerId: generatePeerId(DEFAULT_SETTINGS.peerIdPrefix), infoHash: INFO_HASH, delegate: delegateFor(side, undefined) });
  t.teardown(() => side.peer!.disconnect('test over'));
  await waitFor(() => side.ready, 'handshake');
  t.false(side.peer.supportsFast);
  t.true(side.peer.supportsExtended);
  return side.peer;
}

test('refusal: peer_id then peer_disconnect "unknown info hash", and the remote sees the close', async (t) => {
  const rec = recordingClient();
  const side = newSide();
  const { port } = await listen(t, '127.0.0.1', (socket) => {
    side.peer = new PeerConnection({ ...tcpPeerOptions(socket), stream: socket, direction: 'incoming', sink: rec.client, ourPeerId: generatePeerId(DEFAULT_SETTINGS.peerIdPrefix), delegate: delegateFor(side, { infoHash: 'bb'.repeat(20) }) });
  });
  const raw = await rawClient(t, '127.0.0.1', port);
  raw.socket.write(encodeHandshake(Buffer.from(INFO_HASH, 'hex'), Buffer.from('-LT2080-abcdefghijkl'), { fast: true }));
  await waitFor(() => raw.closed(), 'the refused socket to close');
  t.is(raw.received().length, 0, 'no handshake sent back');
  t.deepEqual(names(rec.events).filter((n) => !n.startsWith('peer_data')), ['peer_packet_in:handshake', 'peer_id', 'peer_disconnect']);
  t.is(side.closed, `unknown info hash ${INFO_HASH}`);
  t.is(side.peer!.clientName, 'libtorrent 2.0.8');
});

test('a connection to ourselves is dropped', async (t) => {
  const rec = recordingClient();
  const id = generatePeerId(DEFAULT_SETTINGS.peerIdPrefix);
  const serverSide = newSide();
  const { port } = await listen(t, '127.0.0.1', (socket) => {
    serverSide.peer = new PeerConnection({ ...tcpPeerOptions(socket), stream: socket, direction: 'incoming', sink: rec.client, ourPeerId: id, delegate: delegateFor(serverSide, { infoHash: INFO_HASH, pieceCount: 1 }) });
  });
  const socket = await connect(t, '127.0.0.1', port);
  const clientSide = newSide();
  clientSide.peer = new PeerConnection({ ...tcpPeerOptions(socket), stream: socket, direction: 'outgoing', sink: rec.client, ourPeerId: id, infoHash: INFO_HASH, delegate: delegateFor(clientSide, undefined) });
  await waitFor(() => serverSide.closed && clientSide.closed, 'both sides closed');
  t.is(serverSide.closed, 'connected to ourselves');
  t.false(clientSide.ready);
});

test('handshake timeout when the remote says nothing', async (t) => {
  const rec = recordingClient();
  const side = newSide();
  const { port } = await listen(t, '127.0.0.1', (socket) => {
    side.peer = new PeerConnection({ ...tcpPeerOptions(socket, { timeouts: { handshakeMs: 150 } }), stream: socket, direction: 'incoming', sink: rec.client, ourPeerId: generatePeerId(DEFAULT_SETTINGS.peerIdPrefix), delegate: delegateFor(side, { infoHash: INFO_HASH }) });
  });
  const raw = await rawClient(t, '127.0.0.1', port);
  await waitFor(() => side.closed, 'handshake timeout');
  t.regex(side.closed!, /^handshake timeout/);
  await waitFor(() => raw.closed(), 'socket closed');
  t.deepEqual(names(rec.events), ['peer_disconnect']);
});

test('keep-alives are sent when idle, and a silent peer hits the inactivity timeout', async (t) => {
  const rec = recordingClient();
  const side = newSide();
  const { port } = await listen(t, '127.0.0.1', (socket) => {
    side.peer = new PeerConnection({
      ...tcpPeerOptions(socket, { timeouts: { keepAliveMs: 60, inactivityMs: 600 } }),
      stream: socket,
      direction: 'incoming',
      sink: rec.client,
      ourPeerId: generatePeerId(DEFAULT_SETTINGS.peerIdPrefix),
      delegate: delegateFor(side, { infoHash: INFO_HASH, pieceCount: 4 }),
    });
  });
  const raw = await rawClient(t, '127.0.0.1', port);
  raw.socket.write(encodeHandshake(Buffer.from(INFO_HASH, 'hex'), Buffer.from('-qB4520-abcdefghijkl'), {}));
  // Keep-alives (4 zero bytes) arrive after our handshake while we stay silent.
  await waitFor(() => raw.received().length >= 68 + 8, 'two keep-alives');
  t.deepEqual(raw.received().subarray(68, 76), Buffer.alloc(8));
  t.true(rec.events.some((e) => e.event === 'peer_packet_out' && (e as AnyEvent & { packet: { type: string } }).packet.type === 'keep-alive'));
  // Our own keep-alives keep the connection open past the inactivity limit...
  const until = Date.now() + 900;
  while (Date.now() < until) {
    raw.socket.write(encodeMessage({ type: 'keep-alive' }));
    await new Promise((r) => setTimeout(r, 100));
  }
  t.is(side.closed, undefined);
  t.true(side.messages.filter((m) => m.type === 'keep-alive').length >= 5);
  // ...and silence ends it.
  await waitFor(() => side.closed, 'inactivity timeout');
  t.regex(side.closed!, /^inactivity timeout/);
});

test('backpressure: piece() returns false when the socket is full and onDrain follows', async (t) => {
  const { server, client } = await pair(t);
  const s = server.peer!;
  client.peer!.pauseReading();
  const block = Buffer.alloc(16384, 1);
  let sent = 0;
  while (s.piece(sent % PIECES, 0, block)) {
    sent++;
    if (sent > 100000) return t.fail('never saw backpressure');
  }
  t.true(s.writableNeedDrain);
  t.true(s.writableLength > 0);
  client.peer!.resumeReading();
  await waitFor(() => server.drains > 0, 'drain');
  await waitFor(() => client.messages.filter((m) => m.type === 'piece').length === sent + 1, 'every block', 20000);
  t.false(client.closed !== undefined);
});

test('before the piece count is known (magnet), have/bitfield are kept and checked when it arrives', async (t) => {
  const { server, client } = await pair(t, '127.0.0.1', { clientInfo: { infoHash: INFO_HASH } });
  const c = client.peer!;
  const field = new BitField(PIECES);
  field.set(2);
  server.peer!.bitfield(field);
  server.peer!.have(7);
  await waitFor(() => c.hasPiece(7), 'have before metadata');
  t.true(c.hasPiece(2));
  t.is(c.remoteBitfield, undefined);
  c.setTorrent({ infoHash: INFO_HASH, pieceCount: PIECES, torrent: TORRENT });
  t.deepEqual([...c.remoteBitfield!.indexes()], [2, 7]);
  t.is(c.torrent, TORRENT);
});

test('a pending bitfield that does not fit the piece count found later is a peer_error', async (t) => {
  const { server, client } = await pair(t, '127.0.0.1', { clientInfo: { infoHash: INFO_HASH } });
  server.peer!.bitfield(BitField.full(PIECES));
  await waitFor(() => client.peer!.hasPiece(0), 'bitfield before metadata');
  client.peer!.setTorrent({ infoHash: INFO_HASH, pieceCount: 30 });
  t.true(client.peer!.closed);
  const err = client.events.find((e) => e.event === 'peer_error') as AnyEvent & { code: string };
  t.is(err.code, 'BAD_BITFIELD');
  t.regex(client.closed!, /BAD_BITFIELD/);
});

test('a delegate that throws ends only its connection, with the reason', async (t) => {
  const { server, client } = await pair(t);
  const s = server.peer!;
  // Swap in a throwing delegate by closing over the side's message handler.
  server.messages.push = () => {
    throw new Error('engine bug');
  };
  const warnings: Error[] = [];
  const onWarning = (w: Error) => warnings.push(w);
  process.on('warning', onWarning);
  t.teardown(() => process.off('warning', onWarning));
  client.peer!.interested();
  await waitFor(() => server.closed, 'close after the throw');
  t.is(server.closed, 'internal error: engine bug');
  t.true(s.closed);
  await waitFor(() => warnings.length > 0, 'a process warning');
});

// A socket whose remote end is gone before the PeerConnection exists.
test('a socket already destroyed ends the connection at once', async (t) => {
  const rec = recordingClient();
  const side = newSide();
  let accepted: net.Socket | undefined;
  const { port } = await listen(t, '127.0.0.1', (s) => {
    accepted = s;
  });
  const socket = await connect(t, '127.0.0.1', port);
  socket.destroy();
  side.peer = new PeerConnection({ ...tcpPeerOptions(socket), stream: socket, direction: 'outgoing', sink: rec.client, ourPeerId: generatePeerId(DEFAULT_SETTINGS.peerIdPrefix), infoHash: INFO_HASH, delegate: delegateFor(side, undefined) });
  await waitFor(() => side.closed, 'close');
  t.truthy(side.closed);
  t.truthy(accepted);
});

test('before the piece count is known, a have beyond any plausible torrent is refused', async (t) => {
  const rec = recordingClient();
  const side = newSide();
  const { port } = await listen(t, '127.0.0.1', (socket) => {
    side.peer = new PeerConnection({ ...tcpPeerOptions(socket), stream: socket, direction: 'incoming', sink: rec.client, ourPeerId: generatePeerId(DEFAULT_SETTINGS.peerIdPrefix), delegate: delegateFor(side, { infoHash: INFO_HASH }) });
  });
  const raw = await rawClient(t, '127.0.0.1', port);
  raw.socket.write(Buffer.concat([
    encodeHandshake(Buffer.from(INFO_HASH, 'hex'), Buffer.from('-LT2080-abcdefghijkl'), { fast: true }),
    encodeMessage({ type: 'have', index: 1000 }),
    encodeMessage({ type: 'have', index: 1 << 21 }),
  ]));
  await waitFor(() => side.closed, 'disconnect');
  t.true(side.peer!.hasPiece(1000));
  const error = rec.events.find((e) => e.event === 'peer_error') as AnyEvent & { code: string };
  t.is(error.code, 'BAD_INDEX');
});
