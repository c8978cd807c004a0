// The uTP codec: every packet encodes and decodes back to itself, and every
// malformed datagram gives a coded UtpError, never a TypeError.
import test from 'ava';
import fc from 'fast-check';
import { decodePacket, encodeHeader, encodePacket, HEADER_LENGTH, looksLikeUtp, PacketType, writeHeader, type UtpPacket } from '../../../core/transport/utp/packet.ts';
import { UtpError } from '../../../core/transport/utp/errors.ts';

const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const bytes = (min: number, max: number) => fc.uint8Array({ minLength: min, maxLength: max }).map((a) => Buffer.from(a));

const packetArb: fc.Arbitrary<UtpPacket> = fc
  .record({
    type: fc.constantFrom(PacketType.DATA, PacketType.FIN, PacketType.STATE, PacketType.RESET, PacketType.SYN),
    connectionId: u16,
    timestamp: u32,
    timestampDiff: u32,
    windowSize: u32,
    seq: u16,
    ack: u16,
    sackWords: fc.integer({ min: 0, max: 8 }),
    sackSeed: bytes(32, 32),
    extensions: fc.array(fc.record({ type: fc.integer({ min: 2, max: 255 }), data: bytes(0, 40) }), { maxLength: 3 }),
    payload: bytes(0, 1500),
  })
  .map(({ sackWords, sackSeed, extensions, ...rest }) => ({
    ...rest,
    ...(sackWords === 0 ? {} : { selectiveAck: sackSeed.subarray(0, sackWords * 4) }),
    ...(extensions.length === 0 ? {} : { extensions }),
  }));

function plain(p: UtpPacket): unknown {
  return {
    ...p,
    payload: p.payload.toString('hex'),
    selectiveAck: p.selectiveAck?.toString('hex'),
    extensions: p.extensions?.map((e) => ({ type: e.type, data: e.data.toString('hex') })),
  };
}

test('encode then decode gives the packet back (header, selective ACK, unknown extensions, payload)', (t) => {
  fc.assert(
    fc.property(packetArb, (packet) => {
      const bytesOut = encodePacket(packet);
      t.true(looksLikeUtp(bytesOut));
      t.deepEqual(plain(decodePacket(bytesOut)), plain(packet));
    }),
    { numRuns: 500 },
  );
});

test('writeHeader writes in place the bytes encodeHeader gives a packet without extensions', (t) => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 4 }), u16, u32, u32, u32, u16, u16, (type, connectionId, timestamp, timestampDiff, windowSize, seq, ack) => {
      const fields = { type: type as PacketType, connectionId, timestamp, timestampDiff, windowSize, seq, ack };
      const slot = Buffer.alloc(HEADER_LENGTH + 3, 0xee);
      writeHeader(slot, fields.type, connectionId, timestamp, timestampDiff, windowSize, seq, ack);
      t.deepEqual(slot.subarray(0, HEADER_LENGTH), encodeHeader(fields));
      t.deepEqual(slot.subarray(HEADER_LENGTH), Buffer.alloc(3, 0xee));
    }),
  );
});

test('a header of BEP 29 decodes field by field', (t) => {
  const header = Buffer.from('41002a2b0000000100000002000010000005000700', 'hex').subarray(0, 20);
  const p = decodePacket(header);
  t.is(p.type, PacketType.SYN);
  t.is(p.connectionId, 0x2a2b);
  t.is(p.timestamp, 1);
  t.is(p.timestampDiff, 2);
  t.is(p.windowSize, 0x1000);
  t.is(p.seq, 5);
  t.is(p.ack, 7);
  t.is(p.payload.length, 0);
});

test('any datagram decodes to a packet or a coded UtpError', (t) => {
  fc.assert(
    fc.property(bytes(0, 80), (datagram) => {
      try {
        decodePacket(datagram);
      } catch (err) {
        t.true(err instanceof UtpError, String(err));
      }
    }),
    { numRuns: 2000 },
  );
});

test('truncated, wrong version, unknown type, and broken extension chains are refused with their codes; any selective ACK length is read', (t) => {
  const good = encodePacket({ type: PacketType.DATA, connectionId: 1, timestamp: 0, timestampDiff: 0, windowSize: 0, seq: 0, ack: 0, selectiveAck: Buffer.alloc(4), payload: Buffer.alloc(0) });
  t.is(t.throws(() => decodePacket(good.subarray(0, 19)), { instanceOf: UtpError })?.code, 'UTP_TRUNCATED');
  const v2 = Buffer.from(good);
  v2[0] = 0x02;
  t.is(t.throws(() => decodePacket(v2), { instanceOf: UtpError })?.code, 'UTP_BAD_HEADER');
  const type5 = Buffer.from(good);
  type5[0] = 0x51;
  t.is(t.throws(() => decodePacket(type5), { instanceOf: UtpError })?.code, 'UTP_BAD_HEADER');
  t.is(t.throws(() => decodePacket(good.subarray(0, 23)), { instanceOf: UtpError })?.code, 'UTP_BAD_EXTENSION');
  // A selective ACK of 3 bytes (not BEP 29's multiple of 4, but libtorrent 2.0 sends such lengths) is read as it is.
  const sack3 = Buffer.from(good);
  sack3[21] = 3;
  t.is(decodePacket(sack3.subarray(0, 25)).selectiveAck?.length, 3);
  const twoSacks = Buffer.concat([good.subarray(0, 20), Buffer.from([1, 4, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0])]);
  t.is(t.throws(() => decodePacket(twoSacks), { instanceOf: UtpError })?.code, 'UTP_BAD_EXTENSION');
});

test("a DHT message (bencoded, starting with 'd') is not taken for uTP", (t) => {
  t.false(looksLikeUtp(Buffer.from('d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:qe')));
  t.false(looksLikeUtp(Buffer.alloc(10)));
});
