// Less than a packet left to send waits for the end of the turn (the
// socket's flushTurn), so that writes made together fill whole packets
// rather than each going out short; the writer is called back at once, and
// what is held is a copy, so the writer may reuse its buffer. end() sends
// what is held at once. The connection runs over a fake link that records
// the datagrams it sends.
import test from 'ava';
import { UtpConnection, type UtpLink } from '../../../core/transport/utp/connection.ts';
import { newCounters } from '../../../core/transport/utp/options.ts';
import { decodePacket, PacketType, type UtpPacket } from '../../../core/transport/utp/packet.ts';
import { PayloadPool } from '../../../core/transport/utp/payload-pool.ts';
import { DEFAULT_SETTINGS } from '../../helpers/default-settings.ts';

const { listen: _listen, maxConnections: _max, maxHalfOpen: _half, connectTimeoutMs: _connect, ...OPTIONS } = DEFAULT_SETTINGS.transports.utp;
const P = OPTIONS.packetSize;

function connected(): { connection: UtpConnection; dataSent: () => UtpPacket[]; flushes: UtpConnection[] } {
  const sent: UtpPacket[] = [];
  const flushes: UtpConnection[] = [];
  const link: UtpLink = {
    send: (header, payload) => void sent.push(decodePacket(payload === undefined ? Buffer.from(header) : Buffer.concat([header, payload]))),
    scheduleFlush: (c) => void flushes.push(c),
    established: () => {},
    closed: () => {},
    counters: newCounters(),
    payloads: new PayloadPool(P, 64),
    queuedSends: () => 0,
  };
  const connection = new UtpConnection({ remote: { ip: '127.0.0.1', port: 1 }, protocol: 'udp4', receiveId: 10, sendId: 11, link, options: OPTIONS });
  connection.on('error', () => {});
  connection.start();
  const syn = sent[0]!;
  connection.handlePacket({ type: PacketType.STATE, connectionId: 10, timestamp: 0, timestampDiff: 0, windowSize: 1 << 20, seq: 500, ack: syn.seq, payload: Buffer.alloc(0) });
  return { connection, dataSent: () => sent.filter((p) => p.type === PacketType.DATA || p.type === PacketType.FIN), flushes };
}

test('small writes of one turn go out together, in one packet, at the turn’s end', (t) => {
  const { connection, dataSent, flushes } = connected();
  const messages = [Buffer.alloc(17, 1), Buffer.alloc(17, 2), Buffer.alloc(5, 3)];
  for (const m of messages) connection.write(m);
  t.deepEqual(dataSent(), [], 'nothing sent before the turn ends');
  t.deepEqual(flushes, [connection]);
  connection.flushTurn();
  const data = dataSent();
  t.is(data.length, 1);
  t.deepEqual(data[0]!.payload, Buffer.concat(messages));
  connection.destroy();
});

test('a full packet goes out at once; the short rest is a copy held for the turn’s end, and the writer is called back before it goes', async (t) => {
  const { connection, dataSent } = connected();
  const block = Buffer.alloc(P + 100, 7);
  let calledBack = false;
  connection.write(block, () => (calledBack = true));
  await new Promise((r) => setImmediate(r)); // a Writable calls back on a later tick, even a write done at once
  t.true(calledBack, 'called back with less than a packet left');
  t.deepEqual(
    dataSent().map((p) => p.payload.length),
    [P],
  );
  block.fill(0xff); // the writer reuses its buffer
  connection.flushTurn();
  const data = dataSent();
  t.is(data.length, 2);
  t.deepEqual(data[1]!.payload, Buffer.alloc(100, 7));
  connection.destroy();
});

test('a write in the same turn tops the held rest up to a full packet', (t) => {
  const { connection, dataSent } = connected();
  connection.write(Buffer.alloc(P - 10, 1));
  t.deepEqual(dataSent(), []);
  connection.write(Buffer.alloc(10, 2));
  t.deepEqual(
    dataSent().map((p) => p.payload.length),
    [P],
    'sent without waiting for the turn’s end: it is full',
  );
  t.deepEqual(dataSent()[0]!.payload, Buffer.concat([Buffer.alloc(P - 10, 1), Buffer.alloc(10, 2)]));
  connection.destroy();
});

test('end() sends what is held at once, then the FIN', (t) => {
  const { connection, dataSent } = connected();
  connection.write(Buffer.alloc(30, 4));
  connection.end();
  const data = dataSent();
  t.deepEqual(
    data.map((p) => [p.type, p.payload.length]),
    [
      [PacketType.DATA, 30],
      [PacketType.FIN, 0],
    ],
  );
  connection.destroy();
});
