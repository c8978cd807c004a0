// A lossy UDP link in user space, for bench/utp-lossy.ts on kernels without
// netem: it listens on 127.0.0.1, and relays every datagram to and from
// 127.0.0.1:<target>, each one delayed by --delay-ms and dropped with
// probability --loss-percent, in each direction (one upstream socket per
// client address, so the target sees each client as its own peer). Equal
// delays keep the order (Node runs timers of equal duration in the order
// they were set). It runs as a process of its own so that a busy benchmark
// does not make its timers late.
//
// Run: node --import=tsx bench/lossy-udp-relay.ts --target PORT [--delay-ms 25] [--loss-percent 1]
// Prints {"event":"listening","port":N}; for each line on stdin
// {"event":"counts","relayed":N,"dropped":N}; exits when stdin ends.
import { createInterface } from 'node:readline';
import dgram from 'node:dgram';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    target: { type: 'string' },
    'delay-ms': { type: 'string', default: '25' },
    'loss-percent': { type: 'string', default: '1' },
  },
});
const TARGET = Number(values.target);
if (!Number.isInteger(TARGET) || TARGET <= 0 || TARGET > 65535) throw new Error('--target PORT is required');
const DELAY_MS = Number(values['delay-ms']);
const LOSS = Number(values['loss-percent']) / 100;
const HOST = '127.0.0.1';

const counts = { relayed: 0, dropped: 0 };
/** Sends `packet` after the delay, unless the link loses it. */
function carry(socket: dgram.Socket, packet: Buffer, port: number): void {
  if (Math.random() < LOSS) {
    counts.dropped++;
    return;
  }
  counts.relayed++;
  setTimeout(() => socket.send(packet, port, HOST), DELAY_MS);
}

const front = dgram.createSocket('udp4');
/** Per client port: the socket that speaks to the target for it. */
const upstreams = new Map<number, dgram.Socket>();
front.on('message', (packet, from) => {
  let upstream = upstreams.get(from.port);
  if (upstream === undefined) {
    const created = dgram.createSocket('udp4');
    created.on('message', (reply) => carry(front, reply, from.port));
    created.bind(0, HOST);
    upstreams.set(from.port, created);
    upstream = created;
  }
  carry(upstream, packet, TARGET);
});
front.bind(0, HOST, () => console.log(JSON.stringify({ event: 'listening', port: front.address().port })));

createInterface({ input: process.stdin })
  .on('line', () => console.log(JSON.stringify({ event: 'counts', ...counts })))
  .on('close', () => {
    front.close();
    for (const s of upstreams.values()) s.close();
    process.exit(0);
  });
