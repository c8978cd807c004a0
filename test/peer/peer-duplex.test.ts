// Two PeerConnections over an in-memory Duplex pair: the connection needs no
// socket, only a stream and the caller's word on whom it talks to.
import test from 'ava';
import { PeerConnection, type PeerDelegate } from '../../core/peer/index.ts';
import { generatePeerId } from '../../core/peer-id.ts';
import type { Message } from '../../core/wire/index.ts';
import { DEFAULT_SETTINGS, peerSettings } from '../helpers/default-settings.ts';
import { duplexPair } from '../helpers/duplex-pair.ts';
import { recordingClient, waitFor } from '../helpers/wire-peers.ts';

const INFO_HASH = 'cd'.repeat(20);
const PIECES = 8;

interface Side {
  readonly messages: Message[];
  ready: boolean;
  closed?: string;
}

function delegateFor(side: Side, serves: boolean): PeerDelegate {
  return {
    ...(serves ? { onHandshake: (_p: PeerConnection, hash: string) => (hash === INFO_HASH ? { infoHash: INFO_HASH, pieceCount: PIECES } : undefined) } : {}),
    onReady: () => {
      side.ready = true;
    },
    onMessage: (_p, m) => {
      side.messages.push(m);
    },
    onClose: (_p, reason) => {
      side.closed = reason;
    },
  };
}

function connectedPair(): { a: PeerConnection; b: PeerConnection; sideA: Side; sideB: Side; events: ReturnType<typeof recordingClient>['events'] } {
  const [streamA, streamB] = duplexPair();
  const rec = recordingClient();
  const sideA: Side = { messages: [], ready: false };
  const sideB: Side = { messages: [], ready: false };
  const a = new PeerConnection({
    stream: streamA,
    direction: 'outgoing',
    address: { ip: '192.0.2.2', port: 6882 },
    protocol: 'tcp4',
    sink: rec.client,
    ourPeerId: generatePeerId(DEFAULT_SETTINGS.peerIdPrefix),
    torrent: { infoHash: INFO_HASH, pieceCount: PIECES },
    delegate: delegateFor(sideA, false),
    ...peerSettings(),
  });
  const b = new PeerConnection({
    stream: streamB,
    direction: 'incoming',
    address: { ip: '192.0.2.1', port: 51413 },
    protocol: 'tcp4',
    sink: rec.client,
    ourPeerId: generatePeerId(DEFAULT_SETTINGS.peerIdPrefix),
    delegate: delegateFor(sideB, true),
    ...peerSettings(),
  });
  return { a, b, sideA, sideB, events: rec.events };
}

test('a handshake and messages both ways over an in-memory duplex pair', async (t) => {
  const { a, b, sideA, sideB } = connectedPair();
  t.teardown(() => a.disconnect('test over'));
  await waitFor(() => sideA.ready && sideB.ready, 'both handshakes');
  t.is(a.ip, '192.0.2.2');
  t.is(a.port, 6882);
  t.is(b.ip, '192.0.2.1');
  t.true(a.supportsFast && a.supportsExtended);

  a.interested();
  b.haveAll();
  b.unchoke();
  await waitFor(() => sideA.messages.length >= 2 && sideB.messages.length >= 1, 'have-all, unchoke and interested');
  t.deepEqual(sideA.messages, [{ type: 'have-all' }, { type: 'unchoke' }]);
  t.deepEqual(sideB.messages, [{ type: 'interested' }]);
  t.true(a.isSeed && a.hasPiece(3), 'b has every piece');
  t.true(a.remoteBitfield!.isFull());

  a.request(3, 0, 4);
  await waitFor(() => sideB.messages.length >= 2, 'the request');
  t.deepEqual(sideB.messages[1], { type: 'request', index: 3, begin: 0, length: 4 });
  b.piece(3, 0, Buffer.from('abcd'));
  await waitFor(() => sideA.messages.length >= 3, 'the block');
  const piece = sideA.messages[2]!;
  t.is(piece.type, 'piece');
  t.deepEqual(piece.type === 'piece' ? [piece.index, piece.begin, piece.block.toString()] : [], [3, 0, 'abcd']);
  t.is(a.bytesIn, b.bytesOut);
  t.is(b.bytesIn, a.bytesOut);
});

test('a repeated have reaches the delegate once; peer_packet_in still reports both', async (t) => {
  const { a, b, sideA, sideB, events } = connectedPair();
  t.teardown(() => a.disconnect('test over'));
  await waitFor(() => sideA.ready && sideB.ready, 'both handshakes');
  a.have(5);
  a.have(5);
  a.have(6);
  const havesIn = (): number => events.filter((e) => e.event === 'peer_packet_in' && (e as { peer?: unknown }).peer === b && (e as { packet?: { type: string } }).packet?.type === 'have').length;
  await waitFor(() => havesIn() >= 3, 'the haves');
  // A keep-alive after them: once it is in, every have before it was handled.
  a.keepAlive();
  await waitFor(() => sideB.messages.some((m) => m.type === 'keep-alive'), 'the keep-alive');
  t.deepEqual(sideB.messages.filter((m) => m.type === 'have'), [{ type: 'have', index: 5 }, { type: 'have', index: 6 }]);
  t.true(b.hasPiece(5) && b.hasPiece(6));
});

test('closing one end closes the other', async (t) => {
  const { a, b, sideA, sideB } = connectedPair();
  await waitFor(() => sideA.ready && sideB.ready, 'both handshakes');
  a.disconnect('done');
  await waitFor(() => sideB.closed, 'the other end to close');
  t.is(sideA.closed, 'done');
  t.regex(sideB.closed!, /connection closed/);
  t.false(b.ready);
  t.false(a.have(1), 'a closed connection sends nothing');
});
