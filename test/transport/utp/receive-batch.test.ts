// What arrives in order during one turn of the event loop reaches the reader
// when the socket calls flushTurn after the turn's datagrams, packet by
// packet; until then those bytes count against the receive window as if the
// reader held them. The connection is an accepted one over a fake link that
// records the datagrams it sends.
import test from 'ava';
import { once } from 'node:events';
import { UtpConnection, type UtpLink } from '../../../core/transport/utp/connection.ts';
import { newCounters, type UtpCounters } from '../../../core/transport/utp/options.ts';
import { decodePacket, PacketType, type UtpPacket } from '../../../core/transport/utp/packet.ts';
import { PayloadPool } from '../../../core/transport/utp/payload-pool.ts';
import { seqAdd } from '../../../core/transport/utp/sequence.ts';
import { DEFAULT_SETTINGS } from '../../helpers/default-settings.ts';

const { listen: _listen, maxConnections: _max, maxHalfOpen: _half, connectTimeoutMs: _connect, ...OPTIONS } = DEFAULT_SETTINGS.transports.utp;
const P = OPTIONS.packetSize;
const SYN_SEQ = 100;

interface Accepted {
  readonly connection: UtpConnection;
  readonly sent: UtpPacket[];
  readonly counters: UtpCounters;
  /** Hands the connection our packet `n` (1 = the first after the SYN) carrying `payload`. */
  data(n: number, payload: Buffer, type?: PacketType): void;
}

function accepted(maxReceiveBuffer: number): Accepted {
  const sent: UtpPacket[] = [];
  const counters = newCounters();
  const link: UtpLink = {
    send: (header, payload) => void sent.push(decodePacket(payload === undefined ? Buffer.from(header) : Buffer.concat([header, payload]))),
    scheduleFlush: () => {},
    established: () => {},
    closed: () => {},
    counters,
    payloads: new PayloadPool(P, 4),
    queuedSends: () => 0,
  };
  const syn: UtpPacket = { type: PacketType.SYN, connectionId: 10, timestamp: 0, timestampDiff: 0, windowSize: 1 << 20, seq: SYN_SEQ, ack: 0, payload: Buffer.alloc(0) };
  const connection = new UtpConnection({ remote: { ip: '127.0.0.1', port: 1 }, protocol: 'udp4', receiveId: 11, sendId: 10, link, options: { ...OPTIONS, maxReceiveBuffer }, syn });
  connection.on('error', () => {});
  connection.acceptSyn();
  // Our state packet answering the SYN carries the seq our first data packet will use: the peer acks the one before it.
  const ack = seqAdd(sent[0]!.seq, -1);
  const data = (n: number, payload: Buffer, type: PacketType = PacketType.DATA): void =>
    connection.handlePacket({ type, connectionId: 11, timestamp: 0, timestampDiff: 0, windowSize: 1 << 20, seq: seqAdd(SYN_SEQ, n), ack, payload });
  return { connection, sent, counters, data };
}

const payload = (n: number): Buffer => Buffer.alloc(P, n);

test("in-order packets of one turn, one of them reordered, reach a 'data' reader in order when the turn ends, then one ack covers them", async (t) => {
  const { connection, sent, data } = accepted(16 * P);
  const chunks: Buffer[] = [];
  connection.on('data', (c: Buffer) => chunks.push(c));
  data(1, payload(1));
  data(2, payload(2));
  data(4, payload(4));
  data(3, payload(3));
  t.deepEqual(chunks, [], 'nothing is pushed before the turn ends');
  const sentBefore = sent.length;
  connection.flushTurn();
  await new Promise((r) => setImmediate(r));
  t.deepEqual(chunks, [payload(1), payload(2), payload(3), payload(4)]);
  t.is(connection.bytesRead, 4 * P);
  const acks = sent.slice(sentBefore);
  t.is(acks.length, 1);
  t.is(acks[0]!.type, PacketType.STATE);
  t.is(acks[0]!.ack, seqAdd(SYN_SEQ, 4));
  connection.destroy();
});

test("bytes waiting for the turn's end count against the receive window: a packet past it is dropped, and the ack advertises what is left", (t) => {
  const { connection, sent, counters, data } = accepted(3 * P);
  // No reader: what is pushed stays in the stream's buffer, as from a reader that does not keep up.
  data(1, payload(1));
  data(2, payload(2));
  data(3, payload(3));
  data(4, payload(4));
  t.is(counters.droppedData, 1, 'the fourth packet does not fit the window');
  connection.flushTurn();
  t.is(connection.readableLength, 3 * P);
  const ack = sent.at(-1)!;
  t.is(ack.type, PacketType.STATE);
  t.is(ack.ack, seqAdd(SYN_SEQ, 3), 'the dropped packet is not acknowledged');
  t.is(ack.windowSize, 0);
  connection.destroy();
});

test('a FIN in the same turn as the last data: the reader gets the data, then the end', async (t) => {
  const { connection, data } = accepted(16 * P);
  const chunks: Buffer[] = [];
  connection.on('data', (c: Buffer) => chunks.push(c));
  const ended = once(connection, 'end');
  data(1, payload(1));
  data(2, payload(2));
  data(3, Buffer.alloc(0), PacketType.FIN);
  await ended;
  t.deepEqual(Buffer.concat(chunks), Buffer.concat([payload(1), payload(2)]));
  connection.destroy();
});

test("an answer the reader writes while it takes the turn's bytes goes out in the same flush, carrying the ack", async (t) => {
  const { connection, sent, data } = accepted(16 * P);
  connection.on('data', () => connection.write(Buffer.from('answer')));
  await new Promise((r) => setImmediate(r)); // flowing (a 'data' listener resumes the stream on the next tick)
  data(1, payload(1));
  const sentBefore = sent.length;
  connection.flushTurn();
  const out = sent.slice(sentBefore);
  t.is(out.length, 1, 'one datagram: the answer, no separate ack');
  t.is(out[0]!.type, PacketType.DATA);
  t.deepEqual(out[0]!.payload, Buffer.from('answer'));
  t.is(out[0]!.ack, seqAdd(SYN_SEQ, 1));
  connection.destroy();
});
