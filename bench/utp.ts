// uTP throughput against libtorrent, over loopback. One libtorrent seeder
// restricted to uTP (TCP off, lt.high_performance_seed() as the base) serves
// the same torrent to two downloaders in turn, each also uTP only:
//   - libtorrent's own client (a python session as a child process): the reference;
//   - swarmhook (a Client in this process, transports.order ["utp"]).
// Then the other direction: a swarmhook seeder and a libtorrent uTP-only
// downloader, against a libtorrent seeder for the same downloader.
// Each figure is the time from the downloader being ready (torrent added,
// peer dialled) to every piece verified; median of --runs, interleaved.
// Printed as MB/s and as the ratio swarmhook / libtorrent (target >= 0.8).
//
// Run: node --import=tsx bench/utp.ts [MiB] [--runs N]
// Needs /usr/bin/python3 with libtorrent (apt-get install -y python3-libtorrent).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Client } from '../core/client.ts';
import { createTorrent, type Metainfo } from '../core/metainfo/index.ts';

const PYTHON = '/usr/bin/python3';
const SESSION_SCRIPT = fileURLToPath(new URL('../test/helpers/libtorrent_session.py', import.meta.url));
const MIB = 1024 * 1024;
const PIECE = 256 * 1024;

const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '3' } } });
const LENGTH = Number(positionals[0] ?? 64) * MIB;
const RUNS = Number(values.runs);

interface Line {
  readonly event: string;
  readonly [key: string]: unknown;
}

/** A libtorrent session script child, uTP only, its JSON lines awaited by predicate. */
class Libtorrent {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #lines: { line: Line; at: number }[] = [];
  readonly #waiters = new Set<() => void>();

  constructor(args: string[]) {
    this.#child = spawn(PYTHON, [SESSION_SCRIPT, '--transport', 'utp', '--listen', '127.0.0.1', '--alerts', 'none', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    createInterface({ input: this.#child.stdout }).on('line', (text) => {
      if (!text.startsWith('{')) return;
      this.#lines.push({ line: JSON.parse(text) as Line, at: performance.now() });
      for (const w of [...this.#waiters]) w();
    });
    this.#child.stderr.resume();
  }

  /** Resolves with the time (performance.now()) the first matching line arrived. */
  when(match: (l: Line) => boolean, ms = 60_000): Promise<{ line: Line; at: number }> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`libtorrent: no matching line in ${ms} ms`)), ms);
      const check = (): void => {
        const found = this.#lines.find((l) => match(l.line));
        if (found === undefined) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve(found);
      };
      this.#waiters.add(check);
      check();
    });
  }

  async stop(): Promise<void> {
    if (this.#child.exitCode !== null) return;
    const exited = new Promise((r) => this.#child.once('exit', r));
    this.#child.kill('SIGKILL');
    await exited;
  }
}

async function libtorrentSeeder(torrentPath: string, dir: string): Promise<{ lt: Libtorrent; port: number }> {
  const lt = new Libtorrent(['--torrent', torrentPath, '--save', dir, '--mode', 'seed', '--high-performance', '--skip-check']);
  const port = (await lt.when((l) => l.event === 'listening')).line.port as number;
  await lt.when((l) => l.event === 'ready');
  return { lt, port };
}

/** libtorrent downloads from the seeder at `port`: ms from ready to finished. */
async function libtorrentDownload(torrentPath: string, port: number): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-utp-lt-'));
  const lt = new Libtorrent(['--torrent', torrentPath, '--save', dir, '--mode', 'download', '--peer', `127.0.0.1:${port}`]);
  try {
    const ready = await lt.when((l) => l.event === 'ready');
    const finished = await lt.when((l) => l.event === 'finished');
    return finished.at - ready.at;
  } finally {
    await lt.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

function utpClient(): Client {
  return new Client({ listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' }, transports: { order: ['utp'] }, resume: { enabled: false } });
}

/** swarmhook downloads from the seeder at `port` over uTP: ms from the torrent added to complete. */
async function swarmhookDownload(meta: Metainfo, port: number): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-utp-sh-'));
  const client = utpClient();
  try {
    await client.listen();
    const started = performance.now();
    const swarm = await client.addTorrent(meta, { dir, peers: [{ ip: '127.0.0.1', port }] });
    await swarm.whenComplete();
    return performance.now() - started;
  } finally {
    await client.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const mbps = (ms: number): string => (LENGTH / 1e6 / (ms / 1000)).toFixed(1);

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'bench-utp-'));
  try {
    const data = Buffer.allocUnsafe(LENGTH);
    randomFillSync(data);
    const dataPath = join(work, 'payload.bin');
    await writeFile(dataPath, data);
    const { metainfo, torrent } = await createTorrent(dataPath, { pieceLength: PIECE });
    const torrentPath = join(work, 'payload.torrent');
    await writeFile(torrentPath, torrent);

    // Direction 1: libtorrent seeds, each downloader in turn.
    const ltSeed = await libtorrentSeeder(torrentPath, work);
    const lt1: number[] = [];
    const sh1: number[] = [];
    try {
      for (let i = 0; i < RUNS; i++) {
        lt1.push(await libtorrentDownload(torrentPath, ltSeed.port));
        console.error(`lt -> lt ${lt1.at(-1)!.toFixed(0)} ms`);
        sh1.push(await swarmhookDownload(metainfo, ltSeed.port));
        console.error(`lt -> swarmhook ${sh1.at(-1)!.toFixed(0)} ms`);
      }
    } finally {
      await ltSeed.lt.stop();
    }

    // Direction 2: libtorrent downloads, from a swarmhook seeder and from a libtorrent one in turn.
    const seeder = utpClient();
    await seeder.addTorrent(metainfo, { dir: work, seedMode: true });
    const ltSeed2 = await libtorrentSeeder(torrentPath, work);
    const lt2: number[] = [];
    const sh2: number[] = [];
    try {
      for (let i = 0; i < RUNS; i++) {
        lt2.push(await libtorrentDownload(torrentPath, ltSeed2.port));
        console.error(`lt -> lt ${lt2.at(-1)!.toFixed(0)} ms`);
        sh2.push(await libtorrentDownload(torrentPath, seeder.port!));
        console.error(`swarmhook -> lt ${sh2.at(-1)!.toFixed(0)} ms`);
      }
    } finally {
      await ltSeed2.lt.stop();
      await seeder.destroy();
    }

    console.log(`uTP over loopback, ${LENGTH / MIB} MiB, ${PIECE / 1024} KiB pieces, median of ${RUNS} (ms from ready to every piece verified)`);
    console.log(`libtorrent -> libtorrent  ${median(lt1).toFixed(0)} ms  ${mbps(median(lt1))} MB/s   (reference, download)`);
    console.log(`libtorrent -> swarmhook   ${median(sh1).toFixed(0)} ms  ${mbps(median(sh1))} MB/s   ratio ${(median(lt1) / median(sh1)).toFixed(2)}`);
    console.log(`libtorrent -> libtorrent  ${median(lt2).toFixed(0)} ms  ${mbps(median(lt2))} MB/s   (reference, upload)`);
    console.log(`swarmhook  -> libtorrent  ${median(sh2).toFixed(0)} ms  ${mbps(median(sh2))} MB/s   ratio ${(median(lt2) / median(sh2)).toFixed(2)}`);
    console.log(`runs: lt->lt ${lt1.map((x) => x.toFixed(0)).join(' ')}; lt->sh ${sh1.map((x) => x.toFixed(0)).join(' ')}; lt->lt ${lt2.map((x) => x.toFixed(0)).join(' ')}; sh->lt ${sh2.map((x) => x.toFixed(0)).join(' ')}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
