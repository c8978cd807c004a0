// A sent packet's pooled slot is reused only when nothing can still read it:
// acknowledged after one transmission, and no datagram waiting in the
// socket's send queue. A peer may ack what it has not received; were a send
// still queued (a full kernel buffer), a slot reused by then would go out
// with another packet's bytes. The connection runs over a fake link that
// records datagrams and says how many sends are queued.
import test from 'ava';
import { UtpConnection, type UtpLink } from '../../../core/transport/utp/connection.ts';
import { newCounters } from '../../../core/transport/utp/options.ts';
import { decodePacket, PacketType, type UtpPacket } from '../../../core/transport/utp/packet.ts';
import { PayloadPool } from '../../../core/transport/utp/payload-pool.ts';
import { DEFAULT_SETTINGS } from '../../helpers/default-settings.ts';

const { listen: _listen, maxConnections: _max, maxHalfOpen: _half, connectTimeoutMs: _connect, ...OPTIONS } = DEFAULT_SETTINGS.transports.utp;

function connected(queued: number): { connection: UtpConnection; pool: PayloadPool; sent: UtpPacket[] } {
  const pool = new PayloadPool(OPTIONS.packetSize, 64);
  const sent: UtpPacket[] = [];
  const link: UtpLink = {
    send: (header, payload) => void sent.push(decodePacket(payload === undefined ? Buffer.from(header) : Buffer.concat([header, payload]))),
    scheduleFlush: () => {},
    established: () => {},
    closed: () => {},
    counters: newCounters(),
    payloads: pool,
    queuedSends: () => queued,
  };
  const connection = new UtpConnection({ remote: { ip: '127.0.0.1', port: 1 }, protocol: 'udp4', receiveId: 10, sendId: 11, link, options: OPTIONS });
  connection.on('error', () => {});
  connection.start();
  const syn = sent[0]!;
  connection.handlePacket({ type: PacketType.STATE, connectionId: 10, timestamp: 0, timestampDiff: 0, windowSize: 1 << 20, seq: 500, ack: syn.seq, payload: Buffer.alloc(0) });
  return { connection, pool, sent };
}

function ackAll(connection: UtpConnection, upTo: number): void {
  connection.handlePacket({ type: PacketType.STATE, connectionId: 10, timestamp: 0, timestampDiff: 0, windowSize: 1 << 20, seq: 500, ack: upTo, payload: Buffer.alloc(0) });
}

for (const [queued, reused] of [[0, true], [3, false]] as const) {
  test(`a full packet acknowledged after one transmission ${reused ? 'gives its slot back' : 'keeps its slot from the pool'} with ${queued} sends queued`, (t) => {
    const { connection, pool, sent } = connected(queued);
    connection.write(Buffer.alloc(OPTIONS.packetSize, 7));
    const data = sent.filter((p) => p.type === PacketType.DATA);
    t.is(data.length, 1, 'one full data packet');
    t.is(data[0]!.payload.length, OPTIONS.packetSize);
    t.is(pool.pooled, 0);
    ackAll(connection, data[0]!.seq);
    t.is(pool.pooled, reused ? 1 : 0);
    connection.destroy();
  });
}
