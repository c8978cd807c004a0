// Time to the first byte of a stream, against the time of the whole
// download at the same rate. libtorrent 2.0 seeds one file (256 MiB, 256 KiB
// pieces) with its upload capped (8 MiB/s, loopback peers included); a fresh
// swarmhook client, at 0%, reads 1 MiB from the middle of the file through
// file.createReadStream (its pieces fetched by deadline, before rarest
// first); another fresh client downloads the whole file. Both clocks start
// when addTorrent is called (the client already listening), so both include
// connecting to the seeder (under libtorrent's rate limiter its handshake and
// unchoke wait for its 500 ms ticks). The ratios are what the figures mean:
// first byte / whole download (goal under 5%), the 1 MiB range / whole
// download, and the first byte counted from the seeder's first block.
//
// A first stream read, not counted, warms the process up (hash workers,
// module loading, the seeder's first connection); its figures are printed.
//
// Run: node --import=tsx bench/stream.ts [MiB] [--rate MiB/s] [--runs N]
// Needs /usr/bin/python3 with libtorrent (apt-get install -y python3-libtorrent).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Client, type Metainfo } from '../core/index.ts';
import { createTorrent } from '../core/metainfo/index.ts';

/** Debian's python with the libtorrent module, and the tests' session script (its TS driver imports ava, so it is not used here). */
const PYTHON = '/usr/bin/python3';
const SESSION_SCRIPT = fileURLToPath(new URL('../test/helpers/libtorrent_session.py', import.meta.url));
const MIB = 1024 * 1024;

const { values, positionals } = parseArgs({ allowPositionals: true, options: { rate: { type: 'string', default: '8' }, runs: { type: 'string', default: '3' } } });
const LENGTH = Number(positionals[0] ?? 256) * MIB;
const RATE = Number(values.rate) * MIB;
const RUNS = Number(values.runs);
const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;

/** Starts the seeder; resolves with its port once its torrent is ready. Its output is drained for as long as it runs. */
function startSeeder(torrentPath: string, saveDir: string): Promise<{ child: ChildProcessWithoutNullStreams; port: number }> {
  const child = spawn(PYTHON, [SESSION_SCRIPT, '--torrent', torrentPath, '--save', saveDir, '--mode', 'seed', '--skip-check', '--upload-limit', String(RATE), '--alerts', 'none']);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    let port = 0;
    createInterface({ input: child.stdout }).on('line', (line) => {
      const msg = JSON.parse(line) as { event: string; port?: number };
      if (msg.event === 'listening') port = msg.port!;
      if (msg.event === 'ready') resolve({ child, port });
    });
    child.on('exit', () => reject(new Error(`the libtorrent seeder exited: ${stderr.slice(-2000)}`)));
  });
}

interface StreamTiming {
  readonly firstByteMs: number;
  /** From the first block the seeder sent (of any piece) to the stream's first byte: the picking, without the connection's setup. */
  readonly afterFirstBlockMs: number;
  readonly rangeMs: number;
  /** Fraction of the torrent verified when the range was in. */
  readonly progress: number;
}

/** A fresh client reads 1 MiB from the middle at 0%. */
async function streamRange(meta: Metainfo, port: number, root: string, data: Buffer): Promise<StreamTiming> {
  const dir = await mkdtemp(join(root, 'stream-'));
  let firstBlockAt = 0;
  const client = new Client({
    ...LOOPBACK,
    on_peer_packet_in: (_c, info) => {
      if (firstBlockAt === 0 && info.packet.type === 'piece') firstBlockAt = performance.now();
    },
  });
  try {
    // Listening first: the clock starts at addTorrent, not at the process's first settings validation (ajv compiles the schema once).
    await client.listen();
    const began = performance.now();
    const torrent = await client.addTorrent(meta, { dir, peers: [{ ip: '127.0.0.1', port }] });
    const start = Math.floor(LENGTH / 2) + 123_457;
    const end = start + MIB - 1;
    let firstByteMs = 0;
    let afterFirstBlockMs = 0;
    const chunks: Buffer[] = [];
    for await (const chunk of torrent.files[0]!.createReadStream({ start, end })) {
      if (chunks.length === 0) {
        firstByteMs = performance.now() - began;
        afterFirstBlockMs = performance.now() - firstBlockAt;
      }
      chunks.push(chunk as Buffer);
    }
    const rangeMs = performance.now() - began;
    if (!Buffer.concat(chunks).equals(data.subarray(start, end + 1))) throw new Error('the streamed range differs from the seeder\'s bytes');
    return { firstByteMs, afterFirstBlockMs, rangeMs, progress: torrent.progress };
  } finally {
    await client.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}

/** A fresh client downloads the whole file. */
async function wholeDownload(meta: Metainfo, port: number, root: string): Promise<number> {
  const dir = await mkdtemp(join(root, 'whole-'));
  const client = new Client(LOOPBACK);
  try {
    await client.listen();
    const began = performance.now();
    const torrent = await client.addTorrent(meta, { dir, peers: [{ ip: '127.0.0.1', port }] });
    await torrent.whenComplete();
    return performance.now() - began;
  } finally {
    await client.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const root = await mkdtemp(join(tmpdir(), 'swarmhook-bench-stream-'));
let seeder: ChildProcessWithoutNullStreams | undefined;
try {
  const data = randomBytes(LENGTH);
  await writeFile(join(root, 'movie.bin'), data);
  const { torrent, metainfo } = await createTorrent(join(root, 'movie.bin'), { pieceLength: 256 * 1024 });
  await writeFile(join(root, 'movie.torrent'), torrent);
  const started = await startSeeder(join(root, 'movie.torrent'), root);
  seeder = started.child;
  console.log(`${LENGTH / MIB} MiB, libtorrent seeding at ${RATE / MIB} MiB/s (whole file: ${(LENGTH / RATE).toFixed(1)} s at that rate); ${RUNS} runs each, interleaved`);
  const warm = await streamRange(metainfo, started.port, root, data);
  console.log(`warm-up (not counted): first byte ${warm.firstByteMs.toFixed(0)} ms (${warm.afterFirstBlockMs.toFixed(0)} ms after the seeder's first block)`);
  const streams: StreamTiming[] = [];
  const wholes: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const s = await streamRange(metainfo, started.port, root, data);
    streams.push(s);
    const w = await wholeDownload(metainfo, started.port, root);
    wholes.push(w);
    console.log(`run ${run + 1}: first byte ${s.firstByteMs.toFixed(0)} ms (${s.afterFirstBlockMs.toFixed(0)} ms after the seeder's first block), 1 MiB range ${s.rangeMs.toFixed(0)} ms (torrent at ${(s.progress * 100).toFixed(1)}%); whole file ${(w / 1000).toFixed(2)} s`);
  }
  const firstByte = median(streams.map((s) => s.firstByteMs));
  const range = median(streams.map((s) => s.rangeMs));
  const whole = median(wholes);
  console.log(`median: first byte ${firstByte.toFixed(0)} ms, range ${range.toFixed(0)} ms, whole file ${(whole / 1000).toFixed(2)} s`);
  console.log(`first byte / whole download: ${((firstByte / whole) * 100).toFixed(2)}% (goal < 5%)`);
  console.log(`1 MiB range / whole download: ${((range / whole) * 100).toFixed(2)}%`);
  const picking = median(streams.map((s) => s.afterFirstBlockMs));
  console.log(`first byte after the seeder's first block / whole download: ${((picking / whole) * 100).toFixed(2)}% (${picking.toFixed(0)} ms: the connection's setup left out)`);
} finally {
  seeder?.kill('SIGKILL');
  await rm(root, { recursive: true, force: true });
}
