// What the built-in logger costs a download: a seeder and a downloader, both
// swarmhook clients in this process, exchange a generated torrent over
// loopback (127.0.0.1), once with only the logger applied to each (at `info`,
// writing to a file as a user's .btrc would) and once with no plugins at all.
// The two alternate, run after run, so that the machine's drift hits both;
// each figure is the median, and the paired ratio is the median of the
// run-by-run ratios. Timed: from the downloader's addTorrent to completion.
//
// Run: node --import=tsx bench/logger.ts [--mib 256] [--runs 3] [--level info]
import { randomFillSync } from 'node:crypto';
import { mkdir, mkdtemp, open, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BUILTIN_PLUGINS, createClient } from '../core/index.ts';
import { createTorrent } from '../core/metainfo/index.ts';
import type { Metainfo, PluginEntry } from '../core/index.ts';

const { values } = parseArgs({
  options: {
    mib: { type: 'string', default: '256' },
    runs: { type: 'string', default: '3' },
    level: { type: 'string', default: 'info' },
  },
});
const MIB = Number(values.mib);
const RUNS = Number(values.runs);
const LEVEL = values.level;
const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;
const ALL_OFF: PluginEntry[] = BUILTIN_PLUGINS.map((name) => [name, false] as const);

interface Timing {
  readonly wallMs: number;
  /** CPU time of this process (both clients) during the download. */
  readonly cpuMs: number;
}

interface Variant {
  readonly name: string;
  readonly plugins: (logFile: string) => PluginEntry[];
  readonly times: Timing[];
  logLines: number;
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A file of `mib` MiB of random bytes, written 16 MiB at a time. */
async function writePayload(path: string, mib: number): Promise<void> {
  const file = await open(path, 'w');
  const chunk = Buffer.allocUnsafe(16 << 20);
  try {
    for (let left = mib << 20; left > 0; left -= chunk.length) {
      randomFillSync(chunk);
      await file.write(chunk, 0, Math.min(chunk.length, left));
    }
  } finally {
    await file.close();
  }
}

async function download(meta: Metainfo, seedDir: string, work: string, plugins: PluginEntry[]): Promise<Timing> {
  const downloadDir = await mkdtemp(join(work, 'download-'));
  const seeder = await createClient({ ...LOOPBACK, config: false, plugins });
  const downloader = await createClient({ ...LOOPBACK, config: false, plugins });
  try {
    await seeder.addTorrent(meta, { dir: seedDir, seedMode: true });
    const cpu = process.cpuUsage();
    const started = performance.now();
    const torrent = await downloader.addTorrent(meta, { dir: downloadDir, peers: [{ ip: '127.0.0.1', port: seeder.port! }] });
    await torrent.whenComplete();
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    return { wallMs, cpuMs: (used.user + used.system) / 1000 };
  } finally {
    await Promise.all([seeder.destroy(), downloader.destroy()]);
    await rm(downloadDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'swarmhook-bench-logger-'));
  try {
    const seedDir = join(work, 'seed');
    await mkdir(seedDir);
    const payload = join(seedDir, 'payload.bin');
    await writePayload(payload, MIB);
    const { metainfo } = await createTorrent(payload);
    console.log(`${MIB} MiB (${metainfo.pieceCount} pieces of ${metainfo.pieceLength / 1024} KiB) between two swarmhook clients over loopback, ${RUNS} runs each, alternating`);

    const logFile = join(work, 'bt.log');
    const variants: Variant[] = [
      { name: 'no plugins at all', plugins: () => ALL_OFF, times: [], logLines: 0 },
      {
        name: `logger at ${LEVEL} (to a file)`,
        plugins: (file) => [...ALL_OFF, ['logger', { level: LEVEL, file }]],
        times: [],
        logLines: 0,
      },
    ];
    // A warm-up download, untimed: page cache, JIT.
    await download(metainfo, seedDir, work, ALL_OFF);
    for (let run = 0; run < RUNS; run++) {
      // Alternate which variant goes first, so that neither always follows the other.
      const order = run % 2 === 0 ? variants : [...variants].reverse();
      for (const v of order) {
        await rm(logFile, { force: true });
        v.times.push(await download(metainfo, seedDir, work, v.plugins(logFile)));
        const size = await stat(logFile).then((s) => s.size, () => 0);
        if (size > 0) v.logLines = (await readFile(logFile, 'utf8')).split('\n').length - 1;
        const t = v.times.at(-1)!;
        console.log(`  run ${run + 1}, ${v.name}: ${(t.wallMs / 1000).toFixed(2)} s, ${(MIB / (t.wallMs / 1000)).toFixed(0)} MiB/s, CPU ${(t.cpuMs / 1000).toFixed(2)} s`);
      }
    }

    console.log(`\nmedian of ${RUNS}:`);
    for (const v of variants) {
      const wall = median(v.times.map((t) => t.wallMs));
      const cpu = median(v.times.map((t) => t.cpuMs));
      const lines = v.logLines > 0 ? `, ${v.logLines} log lines per download` : '';
      console.log(`  ${v.name.padEnd(28)} ${(MIB / (wall / 1000)).toFixed(0).padStart(5)} MiB/s  wall ${(wall / 1000).toFixed(2)} s  CPU ${(cpu / 1000).toFixed(2)} s${lines}`);
    }
    const [bare, logged] = variants as [Variant, Variant];
    const paired = (of: (t: Timing) => number): number => median(logged.times.map((t, i) => of(t) / of(bare.times[i]!)));
    console.log(`\nlogger at ${LEVEL} / no plugins (paired, median of run-by-run ratios): wall time x${paired((t) => t.wallMs).toFixed(3)}, CPU time x${paired((t) => t.cpuMs).toFixed(3)}`);
    console.log(`throughput with the logger: ${((1 / paired((t) => t.wallMs)) * 100).toFixed(1)}% of the throughput without plugins`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
