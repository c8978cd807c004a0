// uTP's CPU per byte: one connection between two UtpSockets of this process
// over 127.0.0.1 carries MiB (written in 16 KiB blocks, as a seeder writes
// them, from one reused buffer), and the CPU time of the transfer (sender,
// receiver, kernel: user + system of this process) is divided by the bytes.
// The reference, in the same run, interleaved: the same bytes over a TCP
// connection on 127.0.0.1, read as our dialled sockets read (pooledReads,
// claimed), written with no delay, as a peer connection does.
// With --wire, what is sent is piece messages (a 16 KiB block each, as a
// seeder sends them) and the receiver parses them as a peer connection does
// (WireParser; uTP reads as 'data', TCP reads claimed), copying each block out.
// With --compare DIR (repeatable), the same transfer through another
// checkout's core/transport/utp (e.g. a `git archive` of an older commit),
// interleaved round by round: before/after from one run, as ratios.
// Run: node --import=tsx bench/utp-cpu.ts [MiB] [--rounds N] [--wire] [--compare DIR]...
import { once } from 'node:events';
import net from 'node:net';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_SETTINGS } from '../test/helpers/default-settings.ts';
import * as here from '../core/transport/utp/index.ts';
import * as hereReads from '../core/transport/tcp-reads.ts';
import { WireParser } from '../core/wire/parser.ts';
import { encodePiece } from '../core/wire/serializer.ts';

type UtpModule = typeof here;

const { values, positionals } = parseArgs({ allowPositionals: true, options: { rounds: { type: 'string', default: '5' }, wire: { type: 'boolean', default: false }, compare: { type: 'string', multiple: true } } });
const MIB = 1024 * 1024;
const totalMiB = Number(positionals[0] ?? 256);
const ROUNDS = Number(values.rounds);
const BLOCK = 16 * 1024;
/** What the sender writes, over and over: a block, or a piece message carrying one. */
const WRITE = values.wire ? encodePiece(0, 0, Buffer.alloc(BLOCK, 0x42)) : Buffer.alloc(BLOCK, 0x42);
const TOTAL = Math.ceil((totalMiB * MIB) / WRITE.length) * WRITE.length;

/** The receiver of one transfer: counts the bytes (and with --wire parses them, copying blocks out); `done` once all are in. */
function receiver(done: () => void): { readonly onData: (chunk: Buffer) => void; readonly onTransient: (chunk: Buffer) => void } {
  let received = 0;
  const piece = Buffer.alloc(256 * 1024);
  const parser = values.wire
    ? new WireParser(
        { onHandshake: () => {}, onMessage: (m) => void (m.type === 'piece' && m.block.copy(piece, 0)) },
        { expectHandshake: false, transientBlocks: () => true },
      )
    : undefined;
  const take = (chunk: Buffer, transient: boolean): void => {
    received += chunk.length;
    parser?.push(chunk, transient);
    if (received === TOTAL) done();
  };
  return { onData: (chunk) => take(chunk, false), onTransient: (chunk) => take(chunk, true) };
}

interface Measured {
  readonly cpuMsPerMiB: number;
  readonly wallMs: number;
}
interface Contender {
  readonly name: string;
  readonly run: () => Promise<Measured>;
  readonly cpuMsPerMiB: number[];
  readonly wallMs: number[];
}
const contenders: Contender[] = [{ name: 'this checkout', run: () => transfer(here), cpuMsPerMiB: [], wallMs: [] }];
for (const dir of values.compare ?? []) {
  const utp = (await import(pathToFileURL(resolve(dir, 'core/transport/utp/index.ts')).href)) as UtpModule;
  contenders.push({ name: dir, run: () => transfer(utp), cpuMsPerMiB: [], wallMs: [] });
}
const tcp: Contender = { name: 'TCP (reference)', run: transferTcp, cpuMsPerMiB: [], wallMs: [] };
contenders.push(tcp);

/** Sends totalMiB over one uTP connection; the CPU ms per MiB and the wall ms. */
async function transfer(utp: UtpModule): Promise<Measured> {
  const { maxConnections, maxHalfOpen } = DEFAULT_SETTINGS.transports.utp;
  const options = { connection: DEFAULT_SETTINGS.transports.utp, limits: { maxConnections, maxHalfOpen } };
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  const into = receiver(done);
  const receiving = await utp.UtpSocket.bind('udp4', 0, '127.0.0.1', {
    ...options,
    onConnection: (c) => void c.on('data', into.onData),
  });
  const sender = await utp.UtpSocket.bind('udp4', 0, '127.0.0.1', options);
  const connection = await sender.connect({ ip: '127.0.0.1', port: receiving.port });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let sent = 0; sent < TOTAL; sent += WRITE.length) {
    if (!connection.write(WRITE)) await new Promise((r) => connection.once('drain', r));
  }
  await finished;
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  connection.destroy();
  // The sender first: its closing connection waits for the receiver's answer to its FIN (closed together, it would wait out closeTimeoutMs).
  await sender.close();
  await receiving.close();
  return { cpuMsPerMiB: (cpu.user + cpu.system) / 1000 / (TOTAL / MIB), wallMs };
}

/** The same over TCP on 127.0.0.1. */
async function transferTcp(): Promise<Measured> {
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  const into = receiver(done);
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const accepted = once(server, 'connection');
  const reader = net.connect({ host: '127.0.0.1', port: (server.address() as net.AddressInfo).port, ...hereReads.pooledReads() });
  hereReads.notePooledReads(reader);
  reader.on('data', into.onData);
  hereReads.claimReads(reader, into.onTransient);
  const [writer] = (await accepted) as [net.Socket];
  writer.setNoDelay(true);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let sent = 0; sent < TOTAL; sent += WRITE.length) {
    if (!writer.write(WRITE)) await once(writer, 'drain');
  }
  await finished;
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  writer.destroy();
  reader.destroy();
  await new Promise((r) => server.close(r));
  return { cpuMsPerMiB: (cpu.user + cpu.system) / 1000 / (TOTAL / MIB), wallMs };
}

for (let r = 0; r < ROUNDS; r++) {
  for (let k = 0; k < contenders.length; k++) {
    const c = contenders[(r + k) % contenders.length]!;
    const { cpuMsPerMiB, wallMs } = await c.run();
    c.cpuMsPerMiB.push(cpuMsPerMiB);
    c.wallMs.push(wallMs);
  }
}
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`One connection over 127.0.0.1, ${totalMiB} MiB in ${values.wire ? 'piece messages of 16 KiB blocks, parsed' : '16 KiB writes'}, median of ${ROUNDS} rounds (uTP but the TCP reference):`);
for (const c of contenders) {
  console.log(`  ${c.name.padEnd(20)} ${median(c.cpuMsPerMiB).toFixed(2)} CPU ms/MiB (sender + receiver)   ${(TOTAL / 1e6 / (median(c.wallMs) / 1000)).toFixed(0)} MB/s`);
}
const [a, ...others] = contenders as [(typeof contenders)[0], ...typeof contenders];
for (const b of others) {
  if (b === tcp) continue;
  const paired = median(a.cpuMsPerMiB.map((x, i) => x / b.cpuMsPerMiB[i]!));
  console.log(`  ratio this checkout / ${b.name}: CPU per MiB ${paired.toFixed(2)} (paired), wall ${(median(a.wallMs) / median(b.wallMs)).toFixed(2)}`);
}
const toTcp = median(a.cpuMsPerMiB.map((x, i) => x / tcp.cpuMsPerMiB[i]!));
console.log(`  uTP / TCP, this checkout: CPU per MiB ${toTcp.toFixed(2)} (paired), wall ${(median(a.wallMs) / median(tcp.wallMs)).toFixed(2)}`);
