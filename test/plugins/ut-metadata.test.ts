// The ut-metadata built-in's parts: BEP 9 messages as pure functions, serving
// requests, the assembler, and the fetcher driving fake peers: request,
// serve, reject, assemble, blame.
import { createHash } from 'node:crypto';
import test from 'ava';
import fc from 'fast-check';
import type { EventAttributes, EventName, EventSink } from '../../core/hooks.ts';
import { infoDictionaryOf } from '../../core/torrent/metadata-source.ts';
import type { ExtendedHandshake } from '../../core/wire/index.ts';
import schema from '../../config-schema/ut-metadata.schema.json' with { type: 'json' };
import {
  METADATA_PIECE_LENGTH,
  MetadataAssembler,
  MetadataError,
  MetadataFetcher,
  answerMetadataRequest,
  decodeMetadataMessage,
  encodeMetadataMessage,
  handleMetadataMessage,
  metadataPiece,
  metadataPieceCount,
  remoteMetadataSupport,
  serveMetadataMessage,
  type MetadataMessage,
  type MetadataPeer,
} from '../../plugins/ut-metadata/index.ts';
import { bytes } from '../helpers/payload.ts';

/** The option defaults, from the schema (their one definition). */
const MAX_METADATA_SIZE = schema.properties.maxMetadataSize.default;
const MAX_QUEUED_BYTES = schema.properties.maxQueuedBytes.default;

// ------------------------------------------------------------ messages

test('messages encode as BEP 9 shows them', (t) => {
  t.is(encodeMetadataMessage({ type: 'request', piece: 0 }).toString(), 'd8:msg_typei0e5:piecei0ee');
  t.is(encodeMetadataMessage({ type: 'reject', piece: 3 }).toString(), 'd8:msg_typei2e5:piecei3ee');
  const data = encodeMetadataMessage({ type: 'data', piece: 1, totalSize: 20000, data: Buffer.from('xyz') });
  t.is(data.toString(), 'd8:msg_typei1e5:piecei1e10:total_sizei20000eexyz');
});

test('decode gives back what encode wrote; the data are the bytes after the dictionary', (t) => {
  fc.assert(
    fc.property(fc.nat({ max: 1023 }), fc.uint8Array({ maxLength: 300 }), fc.nat({ max: MAX_METADATA_SIZE }), (piece, raw, totalSize) => {
      const data = Buffer.from(raw);
      t.deepEqual(decodeMetadataMessage(encodeMetadataMessage({ type: 'request', piece })), { type: 'request', piece });
      t.deepEqual(decodeMetadataMessage(encodeMetadataMessage({ type: 'reject', piece })), { type: 'reject', piece });
      const decoded = decodeMetadataMessage(encodeMetadataMessage({ type: 'data', piece, totalSize, data }));
      t.deepEqual(decoded, { type: 'data', piece, totalSize, data });
    }),
  );
});

test('an unknown msg_type is reported as unknown (BEP 9: ignored), not an error', (t) => {
  t.deepEqual(decodeMetadataMessage(Buffer.from('d8:msg_typei7e5:piecei2ee')), { type: 'unknown', msgType: 7, piece: 2 });
});

test('malformed messages fail with BAD_METADATA_MESSAGE', (t) => {
  const bad = [
    '',
    'i3e',
    'le',
    'd5:piecei0ee', // no msg_type
    'd8:msg_typei0ee', // no piece
    'd8:msg_typei0e5:piecei-1ee',
    'd8:msg_type1:05:piecei0ee',
    'd8:msg_typei1e5:piecei0ee', // data without total_size
    'd8:msg_typei1e5:piecei0e10:total_sizei-5ee',
    'd8:msg_typei0e5:piecei0e', // unterminated
    'd8:msg_type-3:', // what loops bencode 4.0.1 forever
  ];
  for (const text of bad) {
    const err = t.throws(() => decodeMetadataMessage(Buffer.from(text)), { instanceOf: MetadataError }, text);
    t.is(err?.code, 'BAD_METADATA_MESSAGE', text);
  }
});

// ------------------------------------------------------------ pieces and answers

test('an info dictionary is cut in 16 KiB pieces, the last one shorter; they join back into it', (t) => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 5 * METADATA_PIECE_LENGTH + 100 }), (size) => {
      const info = bytes(`info${size}`, size);
      const count = metadataPieceCount(size);
      t.is(count, Math.ceil(size / 16384));
      const pieces = Array.from({ length: count }, (_, i) => metadataPiece(info, i)!);
      for (const p of pieces.slice(0, -1)) t.is(p.length, 16384);
      t.true(Buffer.concat(pieces).equals(info));
      t.is(metadataPiece(info, count), undefined);
      t.is(metadataPiece(info, -1), undefined);
    }),
    { numRuns: 40 },
  );
});

test('a request is answered with the piece and total_size, or a reject when we have no metadata or no such piece', (t) => {
  const info = bytes('dict', 40_000);
  t.deepEqual(answerMetadataRequest(info, 2), { type: 'data', piece: 2, totalSize: 40_000, data: info.subarray(32768) });
  t.deepEqual(answerMetadataRequest(info, 3), { type: 'reject', piece: 3 });
  t.deepEqual(answerMetadataRequest(undefined, 0), { type: 'reject', piece: 0 });
});

interface FakePeer extends MetadataPeer {
  readonly sent: { id: number | undefined; message: MetadataMessage }[];
  reason: string | undefined;
  writableLength: number;
  extendedHandshake: ExtendedHandshake | undefined;
}

function fakePeer(handshake: ExtendedHandshake | undefined, ip = '10.0.0.1'): FakePeer {
  const peer: FakePeer = {
    ip,
    peerIdText: `-XX0001-${ip}`,
    sent: [],
    reason: undefined,
    writableLength: 0,
    extendedHandshake: handshake,
    get closed() {
      return peer.reason !== undefined;
    },
    send(payload) {
      peer.sent.push({ id: peer.extendedHandshake?.m['ut_metadata'], message: decodeMetadataMessage(payload) });
      return true;
    },
    disconnect(reason) {
      peer.reason ??= reason;
    },
  };
  return peer;
}

function recordingSink(): EventSink & { events: { event: EventName; attrs: unknown }[] } {
  const events: { event: EventName; attrs: unknown }[] = [];
  return {
    events,
    emit<K extends EventName>(event: K, attrs: EventAttributes[K]) {
      events.push({ event, attrs });
    },
    listens: () => true,
  };
}

test('serveMetadataMessage answers a request under the id the remote announced', (t) => {
  const info = bytes('dict', 20_000);
  const peer = fakePeer({ m: { ut_metadata: 9 } });
  const request = encodeMetadataMessage({ type: 'request', piece: 1 });
  t.deepEqual(serveMetadataMessage(peer, request, info, MAX_QUEUED_BYTES), { type: 'request', piece: 1 });
  t.deepEqual(peer.sent, [{ id: 9, message: { type: 'data', piece: 1, totalSize: 20_000, data: info.subarray(16384) } }]);
  // Before we have the metadata: a reject.
  serveMetadataMessage(peer, request, undefined, MAX_QUEUED_BYTES);
  t.deepEqual(peer.sent[1], { id: 9, message: { type: 'reject', piece: 1 } });
  // A peer that does not read what we send: a reject.
  peer.writableLength = MAX_QUEUED_BYTES + 1;
  serveMetadataMessage(peer, request, info, MAX_QUEUED_BYTES);
  t.deepEqual(peer.sent[2], { id: 9, message: { type: 'reject', piece: 1 } });
  // Data and rejects are handed back for the fetcher, not answered.
  const data = encodeMetadataMessage({ type: 'reject', piece: 0 });
  t.deepEqual(serveMetadataMessage(peer, data, info, MAX_QUEUED_BYTES), { type: 'reject', piece: 0 });
  t.is(peer.sent.length, 3);
});

test('serveMetadataMessage cannot answer a peer without ut_metadata', (t) => {
  const info = bytes('dict', 100);
  const request = encodeMetadataMessage({ type: 'request', piece: 0 });
  const silent = fakePeer({ m: {} });
  t.deepEqual(serveMetadataMessage(silent, request, info, MAX_QUEUED_BYTES), { type: 'request', piece: 0 });
  t.deepEqual(silent.sent, []);
});

test('handleMetadataMessage drops a peer sending a malformed message with peer_error', (t) => {
  const sink = recordingSink();
  const peer = fakePeer({ m: { ut_metadata: 3 } });
  t.is(handleMetadataMessage(peer, Buffer.from('garbage'), undefined, MAX_QUEUED_BYTES, sink), undefined);
  t.regex(peer.reason!, /^invalid data \[BAD_METADATA_MESSAGE\]/);
  t.is(sink.events.length, 1);
  t.like(sink.events[0]!, { event: 'peer_error', attrs: { ip: '10.0.0.1', code: 'BAD_METADATA_MESSAGE' } });
});

test('remoteMetadataSupport reads ut_metadata and metadata_size from a handshake', (t) => {
  t.is(remoteMetadataSupport(undefined), undefined);
  t.is(remoteMetadataSupport({ m: {} }), undefined);
  t.is(remoteMetadataSupport({ m: { ut_metadata: 0 }, metadata_size: 10 }), undefined, 'id 0 disables the extension');
  t.deepEqual(remoteMetadataSupport({ m: { ut_metadata: 4 } }), { id: 4, size: undefined });
  t.deepEqual(remoteMetadataSupport({ m: { ut_metadata: 4 }, metadata_size: 0 }), { id: 4, size: undefined });
  t.deepEqual(remoteMetadataSupport({ m: { ut_metadata: 4 }, metadata_size: 31_000 }), { id: 4, size: 31_000 });
});

test('infoDictionaryOf finds a Metainfo\'s infoBuffer and nothing in other objects', (t) => {
  const info = Buffer.from('d4:name1:xe');
  t.is(infoDictionaryOf({ infoBuffer: info }), info);
  t.is(infoDictionaryOf({ infoBuffer: 'no' }), undefined);
  t.is(infoDictionaryOf({}), undefined);
});

// ------------------------------------------------------------ assembler

test('the assembler takes pieces of the exact length and refuses the rest', (t) => {
  const info = bytes('dict', 40_000);
  const a = new MetadataAssembler(info.length, MAX_METADATA_SIZE);
  t.is(a.pieceCount, 3);
  t.is(a.nextMissing(), 0);
  t.is(t.throws(() => a.add(0, info.subarray(0, 100)), { instanceOf: MetadataError })?.code, 'BAD_METADATA_PIECE');
  t.is(t.throws(() => a.add(3, info.subarray(0, 100)), { instanceOf: MetadataError })?.code, 'BAD_METADATA_PIECE');
  t.is(t.throws(() => a.add(2, info.subarray(32768, 33768)), { instanceOf: MetadataError })?.code, 'BAD_METADATA_PIECE');
  a.add(2, metadataPiece(info, 2)!);
  a.add(0, metadataPiece(info, 0)!);
  t.is(a.nextMissing(), 1);
  t.is(a.nextMissing((p) => p === 1), -1);
  t.false(a.complete);
  a.add(1, metadataPiece(info, 1)!);
  t.true(a.complete);
  t.true(a.bytes.equals(info));
  for (const size of [0, -1, 1.5, MAX_METADATA_SIZE + 1]) {
    t.is(t.throws(() => new MetadataAssembler(size, MAX_METADATA_SIZE), { instanceOf: MetadataError })?.code, 'BAD_METADATA_SIZE');
  }
});

// ------------------------------------------------------------ fetcher

function setup(info: Buffer, options: { window?: number } = {}) {
  const sink = recordingSink();
  let now = 1_000;
  const got: Buffer[] = [];
  const fetcher = new MetadataFetcher({
    infoHash: createHash('sha1').update(info).digest(),
    sink,
    onMetadata: (b: Buffer) => got.push(Buffer.from(b)),
    maxSize: MAX_METADATA_SIZE,
    window: 4,
    requestTimeoutMs: 5_000,
    retryMs: 20_000,
    now: () => now,
    ...options,
  });
  return { sink, fetcher, got, advance: (ms: number) => (now += ms) };
}

/** Answers every request the fetcher sent to `peer` since `from`, with `transform` applied to each piece. */
function answer(fetcher: MetadataFetcher, peer: FakePeer, info: Buffer, transform: (piece: number, data: Buffer) => MetadataMessage = (piece, data) => ({ type: 'data', piece, totalSize: info.length, data })): void {
  for (let i = 0; i < peer.sent.length; i++) {
    const { message } = peer.sent[i]!;
    if (message.type !== 'request' || (message as { answered?: boolean }).answered) continue;
    (message as { answered?: boolean }).answered = true;
    fetcher.onMessage(peer, transform(message.piece, Buffer.from(metadataPiece(info, message.piece)!)));
  }
}

test('the fetcher asks one peer, keeps the window full, and hands over the verified dictionary once', (t) => {
  const info = bytes('dict', 6 * 16384 + 10);
  const { fetcher, got } = setup(info, { window: 2 });
  const a = fakePeer({ m: { ut_metadata: 5 }, metadata_size: info.length }, '10.0.0.1');
  const b = fakePeer({ m: { ut_metadata: 5 }, metadata_size: info.length }, '10.0.0.2');
  fetcher.addPeer(a);
  fetcher.addPeer(b);
  t.is(fetcher.source, a);
  t.deepEqual(a.sent.map((s) => s.message), [
    { type: 'request', piece: 0 },
    { type: 'request', piece: 1 },
  ]);
  t.true(a.sent.every((s) => s.id === 5));
  for (let round = 0; round < 10 && !fetcher.done; round++) answer(fetcher, a, info);
  t.is(got.length, 1);
  t.true(got[0]!.equals(info));
  t.true(fetcher.done);
  t.is(a.sent.length, 7);
  t.is(b.sent.length, 0);
  // Nothing more is asked or taken.
  fetcher.onMessage(a, { type: 'data', piece: 0, totalSize: info.length, data: metadataPiece(info, 0)! });
  t.is(got.length, 1);
});

test('peers without ut_metadata, without metadata_size or announcing too much are not asked; a later handshake makes one eligible', (t) => {
  const info = bytes('dict', 100);
  const { fetcher, got } = setup(info);
  const none = fakePeer(undefined);
  const noSize = fakePeer({ m: { ut_metadata: 1 } });
  const huge = fakePeer({ m: { ut_metadata: 1 }, metadata_size: MAX_METADATA_SIZE + 1 });
  const later = fakePeer(undefined);
  for (const p of [none, noSize, huge, later]) fetcher.addPeer(p);
  t.is(fetcher.source, undefined);
  later.extendedHandshake = { m: { ut_metadata: 1 }, metadata_size: 100 };
  fetcher.handshakeChanged(later);
  t.is(fetcher.source, later);
  answer(fetcher, later, info);
  t.is(got.length, 1);
  t.deepEqual([none.sent, noSize.sent, huge.sent], [[], [], []]);
});

test('corrupt metadata: the source is dropped with peer_error BAD_METADATA and the next peer asked', (t) => {
  const info = bytes('dict', 20_000);
  const { fetcher, got, sink } = setup(info);
  const liar = fakePeer({ m: { ut_metadata: 1 }, metadata_size: info.length }, '10.0.0.66');
  const honest = fakePeer({ m: { ut_metadata: 1 }, metadata_size: info.length }, '10.0.0.2');
  fetcher.addPeer(liar);
  fetcher.addPeer(honest);
  answer(fetcher, liar, info, (piece, data) => {
    data[7] = data[7]! ^ 1;
    return { type: 'data', piece, totalSize: info.length, data };
  });
  t.regex(liar.reason!, /^invalid data \[BAD_METADATA\]: metadata of 20000 bytes hashes to [0-9a-f]{40}, not the info hash/);
  t.like(sink.events[0]!, { event: 'peer_error', attrs: { ip: '10.0.0.66', code: 'BAD_METADATA' } });
  t.is(fetcher.source, honest);
  answer(fetcher, honest, info);
  t.true(got[0]!.equals(info));
  t.is(sink.events.length, 1);
});

test('a data message whose total_size or length does not fit is blamed at once', (t) => {
  const info = bytes('dict', 20_000);
  const { fetcher, sink } = setup(info);
  const wrongTotal = fakePeer({ m: { ut_metadata: 1 }, metadata_size: info.length }, '10.0.0.1');
  const shortPiece = fakePeer({ m: { ut_metadata: 1 }, metadata_size: info.length }, '10.0.0.2');
  fetcher.addPeer(wrongTotal);
  fetcher.addPeer(shortPiece);
  answer(fetcher, wrongTotal, info, (piece, data) => ({ type: 'data', piece, totalSize: 99, data }));
  t.regex(wrongTotal.reason!, /BAD_METADATA_SIZE/);
  answer(fetcher, shortPiece, info, (piece, data) => ({ type: 'data', piece, totalSize: info.length, data: data.subarray(1) }));
  t.regex(shortPiece.reason!, /BAD_METADATA_PIECE/);
  t.deepEqual(
    sink.events.map((e) => (e.attrs as { code: string }).code),
    ['BAD_METADATA_SIZE', 'BAD_METADATA_PIECE'],
  );
  t.is(fetcher.source, undefined);
});

test('a reject or a stall sets the source aside: the next peer is asked, the first again after the retry delay', (t) => {
  const info = bytes('dict', 20_000);
  const { fetcher, got, advance } = setup(info);
  const rejecting = fakePeer({ m: { ut_metadata: 1 }, metadata_size: info.length }, '10.0.0.1');
  const stalling = fakePeer({ m: { ut_metadata: 1 }, metadata_size: info.length }, '10.0.0.2');
  fetcher.addPeer(rejecting);
  fetcher.addPeer(stalling);
  fetcher.onMessage(rejecting, { type: 'reject', piece: 0 });
  t.is(fetcher.source, stalling);
  t.is(rejecting.reason, undefined, 'a reject is no reason to disconnect');
  advance(4_999);
  fetcher.tick();
  t.is(fetcher.source, stalling);
  advance(1);
  fetcher.tick();
  t.is(fetcher.source, undefined, 'both set aside');
  // A late answer from the former source is ignored.
  fetcher.onMessage(stalling, { type: 'data', piece: 0, totalSize: info.length, data: metadataPiece(info, 0)! });
  advance(20_000);
  fetcher.tick();
  t.is(fetcher.source, rejecting);
  answer(fetcher, rejecting, info);
  t.true(got[0]!.equals(info));
});

test('when the source disconnects the next peer is asked from the first piece', (t) => {
  const info = bytes('dict', 40_000);
  const { fetcher, got } = setup(info, { window: 1 });
  const leaving = fakePeer({ m: { ut_metadata: 1 }, metadata_size: info.length }, '10.0.0.1');
  const staying = fakePeer({ m: { ut_metadata: 1 }, metadata_size: info.length }, '10.0.0.2');
  fetcher.addPeer(leaving);
  fetcher.addPeer(staying);
  fetcher.onMessage(leaving, { type: 'data', piece: 0, totalSize: info.length, data: metadataPiece(info, 0)! });
  t.deepEqual(leaving.sent[1]!.message, { type: 'request', piece: 1 });
  leaving.disconnect('gone');
  fetcher.removePeer(leaving);
  t.deepEqual(staying.sent[0]!.message, { type: 'request', piece: 0 });
  for (let round = 0; round < 5 && !fetcher.done; round++) answer(fetcher, staying, info);
  t.true(got[0]!.equals(info));
});
