// Seeding speed against libtorrent: libtorrent's own client (a python session,
// default settings) downloads the same 1 GiB torrent (256 KiB pieces) over
// loopback from a swarmhook seeder (`bt seed`) and from a libtorrent seeder
// (default settings; --high-performance for lt.high_performance_seed()), the
// seeders running side by side and the downloads interleaved, a sync between
// them. Figures: the downloader's whole-process wall time, median of N, and
// the seeder's CPU time (user + system, all threads) per GiB uploaded, read
// from /proc around each download.
//
// Run: node --import=tsx bench/upload.ts [MiB] [--runs N] [--dist] [--high-performance] [--profile FILE]
//   --dist              swarmhook runs dist/ (`npm run build` first), as the installed package does
//   --profile FILE      the swarmhook seeder runs under --cpu-prof; its profile is written to FILE
// Needs /usr/bin/python3 with libtorrent (apt-get install -y python3-libtorrent).
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createTorrent } from '../core/metainfo/index.ts';
import { btCommand, btLine, Child, freePort, isEvent, median, MIB, PYTHON, seconds, SESSION_SCRIPT, writeRandomFile } from './processes.ts';

const PIECE = 256 * 1024;
const GIB = 1024 * MIB;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: 'string', default: '3' },
    dist: { type: 'boolean', default: false },
    'high-performance': { type: 'boolean', default: false },
    profile: { type: 'string' },
  },
});
const totalMiB = Number(positionals[0] ?? 1024);
const LENGTH = totalMiB * MIB;
const RUNS = Number(values.runs);

interface Download {
  readonly wallMs: number;
  /** The seeder's CPU time during the download (ms). */
  readonly seederCpuMs: number;
}

const root = await mkdtemp(join(tmpdir(), 'swarmhook-bench-upload-'));
const children: Child[] = [];
try {
  const seedDir = join(root, 'seed');
  await mkdir(seedDir);
  const dataPath = join(seedDir, 'payload.bin');
  await writeRandomFile(dataPath, LENGTH);
  const { torrent } = await createTorrent(dataPath, { pieceLength: PIECE, creationDate: null });
  const torrentPath = join(root, 'payload.torrent');
  await writeFile(torrentPath, torrent);
  const btrc = join(root, 'btrc.json');
  await writeFile(btrc, JSON.stringify({ listen: { tcp6: false, host4: '127.0.0.1' }, plugins: [['dht', false], ['lsd', false]] }));
  const profDir = join(root, 'profile');

  const ltPort = await freePort();
  const ltSeeder = new Child('libtorrent seeder', PYTHON, [
    SESSION_SCRIPT, '--torrent', torrentPath, '--save', seedDir, '--mode', 'seed', '--port', String(ltPort), '--alerts', 'none',
    ...(values['high-performance'] ? ['--high-performance'] : []),
  ]);
  children.push(ltSeeder);
  const shPort = await freePort();
  const [cmd, args] = btCommand(values.dist, ['seed', torrentPath, seedDir, '--port', String(shPort), '--json', '--config', btrc]);
  const profiling = values.profile === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profDir}`];
  const shSeeder = new Child('swarmhook seeder', cmd, [...profiling, ...args]);
  children.push(shSeeder);
  await ltSeeder.waitFor(isEvent('ready'), 'the libtorrent seeder');
  await shSeeder.waitFor(btLine('message', /^seeding /), 'the swarmhook seeder');

  const contenders = [
    { name: values['high-performance'] ? 'libtorrent (high_performance_seed)' : 'libtorrent', seeder: ltSeeder, port: ltPort, runs: [] as Download[] },
    { name: 'swarmhook', seeder: shSeeder, port: shPort, runs: [] as Download[] },
  ];
  for (let r = 0; r < RUNS; r++) {
    for (let k = 0; k < contenders.length; k++) {
      const c = contenders[(r + k) % contenders.length]!;
      const dir = join(root, `download-${r}`);
      const cpu0 = c.seeder.cpuMs();
      const t0 = performance.now();
      const downloader = new Child('libtorrent downloader', PYTHON, [
        SESSION_SCRIPT, '--torrent', torrentPath, '--save', dir, '--mode', 'download', '--peer', `127.0.0.1:${c.port}`, '--exit-on-finish', '--alerts', 'none',
      ]);
      children.push(downloader);
      await downloader.waitFor(isEvent('finished'), 'the download', 300_000);
      await downloader.stop();
      c.runs.push({ wallMs: performance.now() - t0, seederCpuMs: c.seeder.cpuMs() - cpu0 });
      await rm(dir, { recursive: true, force: true });
      execFileSync('sync');
    }
    console.log(`run ${r + 1}: ${contenders.map((c) => `from ${c.name} ${seconds(c.runs[r]!.wallMs)} (seeder cpu ${seconds(c.runs[r]!.seederCpuMs)})`).join(', ')}`);
  }
  const [lt, sh] = contenders as [(typeof contenders)[0], (typeof contenders)[0]];
  const wall = (c: typeof lt): number => median(c.runs.map((d) => d.wallMs));
  const cpuPerGiB = (c: typeof lt): number => median(c.runs.map((d) => d.seederCpuMs)) / (LENGTH / GIB);
  console.log(`\nlibtorrent downloading ${totalMiB} MiB (${LENGTH / PIECE} pieces of ${PIECE / 1024} KiB) over loopback, median of ${RUNS}:`);
  for (const c of contenders) console.log(`  from ${c.name.padEnd(12)} wall ${seconds(wall(c))}  ${(LENGTH / 1e6 / (wall(c) / 1000)).toFixed(0)} MB/s   seeder cpu ${(cpuPerGiB(c) / 1000).toFixed(2)} s/GiB`);
  const paired = (of: (d: Download) => number): string => median(sh.runs.map((d, r) => of(d) / of(lt.runs[r]!))).toFixed(2);
  console.log(`  ratio swarmhook / libtorrent seeder: wall ${(wall(sh) / wall(lt)).toFixed(2)} (paired ${paired((d) => d.wallMs)}), seeder cpu ${(cpuPerGiB(sh) / cpuPerGiB(lt)).toFixed(2)} (paired ${paired((d) => d.seederCpuMs)})`);
  if (values.profile !== undefined) {
    await shSeeder.stop();
    const name = (await readdir(profDir)).find((f) => f.endsWith('.cpuprofile'));
    if (name !== undefined) await copyFile(join(profDir, name), values.profile);
    console.log(`  the swarmhook seeder's profile: ${values.profile}`);
  }
} finally {
  await Promise.all(children.map((c) => c.stop()));
  await rm(root, { recursive: true, force: true });
}
