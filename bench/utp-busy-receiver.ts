// uTP throughput when the receiving process is busy. libuv reads at most 32
// datagrams from a UDP socket per event-loop iteration (uv__udp_recvmsg's
// count), so a receiver whose iterations take T ms takes in at most 32
// packets (about 45 KB) per T ms, over all its uTP connections (they share
// one socket), whatever the sender and the windows do; a TCP socket reads up
// to 64 KiB per connection per iteration. The receiver is a child process
// whose every event-loop iteration runs a busy callback of --busy-ms (a
// stand-in for a client's other work: other peers, disk, hashing); this
// process sends MiB over one connection, uTP then TCP, interleaved, for each
// busy time, and prints MB/s and uTP / TCP.
// Run: node --import=tsx bench/utp-busy-receiver.ts [MiB] [--busy-ms 0,1,2,5] [--rounds N]
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_SETTINGS } from '../test/helpers/default-settings.ts';
import { UtpSocket } from '../core/transport/utp/index.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'busy-ms': { type: 'string', default: '0,1,2,5' }, rounds: { type: 'string', default: '3' }, child: { type: 'boolean', default: false } },
});
const MIB = 1024 * 1024;
const BLOCK = 16 * 1024;
const { maxConnections, maxHalfOpen } = DEFAULT_SETTINGS.transports.utp;
const UTP_OPTIONS = { connection: DEFAULT_SETTINGS.transports.utp, limits: { maxConnections, maxHalfOpen } };

type Transport = 'utp' | 'tcp';
interface Job {
  readonly transport: Transport;
  readonly bytes: number;
  readonly busyMs: number;
}

/** The receiver: one job per message; answers with its port, then 'done' once every byte is in. */
async function child(): Promise<void> {
  let busyMs = 0;
  // Every iteration of the event loop runs this for busyMs.
  const busy = (): void => {
    const t0 = performance.now();
    while (performance.now() - t0 < busyMs);
    setImmediate(busy);
  };
  setImmediate(busy);
  process.on('message', async (job: Job | 'close') => {
    if (job === 'close') return; // for the job's own listener
    busyMs = job.busyMs;
    let received = 0;
    const take = (chunk: Buffer): void => {
      received += chunk.length;
      if (received === job.bytes) process.send!('done');
    };
    if (job.transport === 'utp') {
      const socket = await UtpSocket.bind('udp4', 0, '127.0.0.1', { ...UTP_OPTIONS, onConnection: (c) => c.on('data', take) });
      process.send!(socket.port);
      process.once('message', () => void socket.close()); // 'close': the next message
    } else {
      const server = net.createServer((s) => s.on('data', take));
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      process.send!((server.address() as net.AddressInfo).port);
      process.once('message', () => {
        server.close();
        server.unref();
      });
    }
  });
}

/** Sends job.bytes to the receiver; the MB/s from the first write to the receiver's 'done'. */
async function send(receiver: ChildProcess, job: Job): Promise<number> {
  receiver.send(job);
  const [port] = (await once(receiver, 'message')) as [number];
  const done = once(receiver, 'message');
  const block = Buffer.alloc(BLOCK, 0x42);
  let close: () => Promise<void>;
  let t0: number;
  if (job.transport === 'utp') {
    const socket = await UtpSocket.bind('udp4', 0, '127.0.0.1', UTP_OPTIONS);
    const connection = await socket.connect({ ip: '127.0.0.1', port });
    t0 = performance.now();
    for (let sent = 0; sent < job.bytes; sent += BLOCK) if (!connection.write(block)) await once(connection, 'drain');
    close = async () => {
      connection.destroy();
      await socket.close();
    };
  } else {
    const socket = net.connect({ host: '127.0.0.1', port });
    await once(socket, 'connect');
    socket.setNoDelay(true);
    t0 = performance.now();
    for (let sent = 0; sent < job.bytes; sent += BLOCK) if (!socket.write(block)) await once(socket, 'drain');
    close = async () => void socket.destroy();
  }
  await done;
  const mbps = job.bytes / 1e6 / ((performance.now() - t0) / 1000);
  await close();
  receiver.send('close');
  return mbps;
}

if (values.child) {
  await child();
} else {
  const bytes = Number(positionals[0] ?? 64) * MIB;
  const busyTimes = values['busy-ms'].split(',').map(Number);
  const rounds = Number(values.rounds);
  const receiver = fork(fileURLToPath(import.meta.url), ['--child'], { execArgv: ['--import=tsx'] });
  const results = new Map<string, number[]>();
  try {
    for (let r = 0; r < rounds; r++) {
      for (const busyMs of busyTimes) {
        const order: Transport[] = r % 2 === 0 ? ['utp', 'tcp'] : ['tcp', 'utp'];
        for (const transport of order) {
          const k = `${transport} ${busyMs}`;
          results.set(k, [...(results.get(k) ?? []), await send(receiver, { transport, bytes, busyMs })]);
        }
      }
    }
  } finally {
    receiver.kill();
  }
  const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`One connection over 127.0.0.1, ${bytes / MIB} MiB, the receiver busy for --busy-ms every event-loop iteration, median of ${rounds}:`);
  for (const busyMs of busyTimes) {
    const utp = median(results.get(`utp ${busyMs}`)!);
    const tcp = median(results.get(`tcp ${busyMs}`)!);
    const cap = busyMs > 0 ? `   (32 packets per iteration: at most ${((32 * DEFAULT_SETTINGS.transports.utp.packetSize) / 1e3 / busyMs).toFixed(1)} MB/s)` : '';
    console.log(`  busy ${String(busyMs).padStart(2)} ms: uTP ${utp.toFixed(1).padStart(6)} MB/s   TCP ${tcp.toFixed(1).padStart(7)} MB/s   uTP / TCP ${(utp / tcp).toFixed(3)}${cap}`);
  }
}
