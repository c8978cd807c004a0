import test from 'ava';
import fc from 'fast-check';
import {
  WireError,
  WireParser,
  bencodeEnd,
  decodeBencode,
  decodeHandshake,
  decodeMessage,
  encodeHandshake,
  encodeMessage,
  encodePieceHeader,
  encodeRequest,
  extendedHandshakeMessage,
  readExtensions,
  reservedBytes,
  type ExtendedHandshake,
  type Message,
} from '../../core/wire/index.ts';
import type { Packet } from '../../core/types.ts';

function plain(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

const u32 = fc.nat({ max: 0xffffffff });
const bytes = (max: number) => fc.uint8Array({ maxLength: max }).map((u) => Buffer.from(u));

const extendedHandshake: fc.Arbitrary<ExtendedHandshake> = fc
  .record(
    {
      m: fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }).filter((k) => k !== '__proto__'), fc.nat({ max: 255 })),
      p: fc.integer({ min: 1, max: 65535 }),
      v: fc.fullUnicodeString({ maxLength: 20 }),
      yourip: fc.oneof(fc.uint8Array({ minLength: 4, maxLength: 4 }), fc.uint8Array({ minLength: 16, maxLength: 16 })).map((u) => Buffer.from(u)),
      reqq: fc.integer({ min: 1, max: 100000 }),
      metadata_size: fc.nat({ max: Number.MAX_SAFE_INTEGER }),
      upload_only: fc.nat({ max: 1 }),
      extra: fc.dictionary(
        fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !['m', 'p', 'v', 'yourip', 'ipv4', 'ipv6', 'reqq', 'metadata_size', 'upload_only', '__proto__'].includes(k)),
        fc.oneof(fc.integer(), fc.uint8Array({ maxLength: 8 })),
        { minKeys: 1 },
      ),
    },
    { requiredKeys: ['m'] },
  );

const message: fc.Arbitrary<Message> = fc.oneof(
  fc.constantFrom<Message>(
    { type: 'keep-alive' },
    { type: 'choke' },
    { type: 'unchoke' },
    { type: 'interested' },
    { type: 'not-interested' },
    { type: 'have-all' },
    { type: 'have-none' },
  ),
  u32.map((index): Message => ({ type: 'have', index })),
  u32.map((index): Message => ({ type: 'suggest', index })),
  u32.map((index): Message => ({ type: 'allowed-fast', index })),
  bytes(64).map((bitfield): Message => ({ type: 'bitfield', bitfield })),
  fc.tuple(u32, u32, u32).map(([index, begin, length]): Message => ({ type: 'request', index, begin, length })),
  fc.tuple(u32, u32, u32).map(([index, begin, length]): Message => ({ type: 'cancel', index, begin, length })),
  fc.tuple(u32, u32, u32).map(([index, begin, length]): Message => ({ type: 'reject', index, begin, length })),
  fc.tuple(u32, u32, bytes(300)).map(([index, begin, block]): Message => ({ type: 'piece', index, begin, block })),
  fc.nat({ max: 65535 }).map((port): Message => ({ type: 'port', port })),
  fc.tuple(fc.integer({ min: 1, max: 255 }), bytes(40)).map(([extendedId, payload]): Message => ({ type: 'extended', extendedId, payload })),
  extendedHandshake.map((h) => extendedHandshakeMessage(h)),
  fc
    .tuple(fc.integer({ min: 0, max: 255 }).filter((id) => (id > 9 && id < 0x0d) || (id > 0x11 && id !== 20)), bytes(20))
    .map(([id, payload]): Message => ({ type: 'unknown', id, payload })),
);

test('every message type survives serializer then parser (property, random fragmentation)', (t) => {
  fc.assert(
    fc.property(fc.array(message, { minLength: 1, maxLength: 12 }), fc.array(fc.nat({ max: 4000 }), { maxLength: 8 }), (messages, cuts) => {
      const stream = Buffer.concat(messages.map(encodeMessage));
      const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
      const got: Message[] = [];
      const parser = new WireParser({ onHandshake: () => {}, onMessage: (m) => got.push(m) }, { expectHandshake: false, maxMessageLength: 1 << 20 });
      let from = 0;
      for (const p of [...points, stream.length]) {
        parser.push(stream.subarray(from, p));
        from = p;
      }
      t.deepEqual(plain(got), plain(messages));
      t.is(parser.buffered, 0);
    }),
    { numRuns: 400 },
  );
});

test('decodeMessage(encodeMessage(m)) without the prefix gives m back (property)', (t) => {
  fc.assert(
    fc.property(message, (m) => {
      const encoded = encodeMessage(m);
      t.is(encoded.readUInt32BE(0), encoded.length - 4);
      t.deepEqual(plain(decodeMessage(encoded.subarray(4))), plain(m));
    }),
    { numRuns: 400 },
  );
});

test('the parser never throws anything but WireError on random bytes (property)', (t) => {
  fc.assert(
    fc.property(fc.boolean(), fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 10 }), (handshake, chunks) => {
      const parser = new WireParser({ onHandshake: () => {}, onMessage: () => {} }, { expectHandshake: handshake, maxMessageLength: 200 });
      try {
        for (const c of chunks) parser.push(Buffer.from(c));
      } catch (err) {
        if (!(err instanceof WireError)) throw err;
      }
    }),
    { numRuns: 1000 },
  );
  t.pass();
});

test('whatever the bencode check accepts among mutations of a valid dictionary, the decoder decodes (property)', (t) => {
  const valid = Buffer.from('d1:md11:ut_metadatai3ee1:pi6881e1:v9:swarmhook4:listli1ei-2e3:abce5:emptydee');
  t.is(bencodeEnd(valid), valid.length);
  fc.assert(
    fc.property(fc.nat({ max: valid.length - 1 }), fc.nat({ max: 255 }), (at, byte) => {
      const mutated = Buffer.from(valid);
      mutated[at] = byte;
      const end = bencodeEnd(mutated);
      t.true(end === -1 || (end > 0 && end <= mutated.length));
      if (end > 0) t.not(decodeBencode(mutated, true), undefined, `mutation ${at}=${byte}`);
      else t.is(decodeBencode(mutated, true), undefined);
    }),
    { numRuns: 2000 },
  );
});

test('handshake encodes and decodes with its extension bits', (t) => {
  const infoHash = Buffer.alloc(20, 0xab);
  const peerId = Buffer.from('-SH0100-123456789012', 'latin1');
  const bytes = encodeHandshake(infoHash, peerId, { extended: true, fast: true });
  t.is(bytes.length, 68);
  t.is(bytes[0], 19);
  t.is(bytes.toString('latin1', 1, 20), 'BitTorrent protocol');
  t.is(bytes[25], 0x10);
  t.is(bytes[27], 0x04);
  const h = decodeHandshake(bytes);
  t.deepEqual(h.extensions, { extended: true, fast: true, dht: false });
  t.true(h.infoHash.equals(infoHash));
  t.true(h.peerId.equals(peerId));
  t.deepEqual(readExtensions(reservedBytes({ dht: true })), { extended: false, fast: false, dht: true });
  // Reserved bytes given verbatim are kept.
  const reserved = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]);
  t.deepEqual(decodeHandshake(encodeHandshake(infoHash, peerId, reserved)).reserved, reserved);
});

test('encoders refuse values the wire cannot carry', (t) => {
  const code = (fn: () => unknown) => t.throws(fn, { instanceOf: WireError })?.code;
  t.is(code(() => encodeHandshake(Buffer.alloc(19), Buffer.alloc(20))), 'BAD_VALUE');
  t.is(code(() => encodeHandshake(Buffer.alloc(20), Buffer.alloc(21))), 'BAD_VALUE');
  t.is(code(() => encodeRequest(-1, 0, 16384)), 'BAD_VALUE');
  t.is(code(() => encodeRequest(0, 2 ** 32, 16384)), 'BAD_VALUE');
  t.is(code(() => encodeRequest(0, 0, 1.5)), 'BAD_VALUE');
  t.is(code(() => encodeMessage({ type: 'port', port: 70000 })), 'BAD_VALUE');
  t.is(code(() => encodeMessage({ type: 'extended', extendedId: 256, payload: Buffer.alloc(0) })), 'BAD_VALUE');
});

test('the piece header is the first 13 bytes of the whole piece message', (t) => {
  const block = Buffer.from('hello block');
  const whole = encodeMessage({ type: 'piece', index: 4, begin: 16384, block });
  t.deepEqual(encodePieceHeader(4, 16384, block.length), whole.subarray(0, 13));
  t.deepEqual(whole.subarray(13), block);
});

test('messages are Packets (what peer_packet_in/out carry)', (t) => {
  const m: Message = { type: 'have', index: 1 };
  const p: Packet = m;
  t.is(p.type, 'have');
});
