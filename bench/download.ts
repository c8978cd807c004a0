// Download speed against libtorrent. The same 1 GiB torrent (256 KiB pieces)
// is downloaded from the same libtorrent seeder (lt.high_performance_seed(),
// 127.0.0.1) over loopback by swarmhook (`bt download` as a child process) and
// by libtorrent's own client (a python session as a child process); the
// figure is whole-process wall time, median of 3 each, the contenders
// interleaved (each run starting with the next one, a sync between
// downloads). The processes' CPU time (user + system, all threads) is shown
// too, and its system part: on this machine the system time of one build
// varies from run to run (0.6 to 2.1 s for swarmhook) far more than its user
// time does. Then the time to the first byte: each contender downloads
// again, RUNS times, until the first block of piece data has come (libtorrent
// says so by its block_finished alert, swarmhook through a plugin,
// bench/first-block-plugin.mjs), timed from spawning the process. Then the
// recheck of the 1 GiB (Storage.check) against Node's SHA-1 rate.
//
// The seeder (like the libtorrent downloader) has uTP switched off but keeps
// its UDP socket open, silently dropping uTP SYNs: swarmhook's default
// transports (uTP first) dial TCP beside it after transports.raceAfterMs
// (250 ms). --tcp times each build with transports.order ["tcp"] too.
//
// Run: node --import=tsx bench/download.ts [MiB] [--runs N] [--logger-off | --logger-off-only] [--tcp] [--dist] [--profile] [--profile-file FILE] [--compare DIR]...
//   --profile            one more swarmhook download under `node --cpu-prof` (logger off with --logger-off, TCP only with --tcp): where its main thread's time goes
//   --profile-file FILE  also keep that .cpuprofile (open it in Chrome DevTools)
//   --compare DIR        also time another swarmhook checkout's bin/bt.js (e.g. `git archive` of an older
//                        commit, node_modules linked in), interleaved: before/after figures from one run
//   --logger-off         also time every swarmhook build with the built-in logger switched off (by
//                        default it writes a line per verified piece to stderr)
//   --logger-off-only    time the swarmhook builds with the logger off only (more runs in the same time)
//   --tcp                also time every swarmhook build dialling TCP only (as the libtorrent downloader does)
//   --dist               run each build's compiled CLI (dist/, `npm run build` in each checkout), as the installed package does
// Needs /usr/bin/python3 with libtorrent (apt-get install -y python3-libtorrent).
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash, randomFillSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { EventSink } from '../core/hooks.ts';
import { createTorrent } from '../core/metainfo/index.ts';
import { PieceHasher } from '../core/storage/hasher.ts';
import { Storage } from '../core/storage/storage.ts';

/** Debian's python with the libtorrent module, and the tests' libtorrent session script (its TS driver imports ava, so it is not used here). */
const PYTHON = '/usr/bin/python3';
const SESSION_SCRIPT = fileURLToPath(new URL('../test/helpers/libtorrent_session.py', import.meta.url));
/** This checkout; --compare adds others. */
const CHECKOUT = fileURLToPath(new URL('..', import.meta.url));
/** GNU time gives a child's CPU time; without it only wall time is shown. */
const GNU_TIME = '/usr/bin/time';
/** A plugin that says on stderr when the first block of piece data has come (plain JavaScript: compiled bt loads it). */
const FIRST_BLOCK_PLUGIN = fileURLToPath(new URL('first-block-plugin.mjs', import.meta.url));

const MIB = 1024 * 1024;
const PIECE = 256 * 1024;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: 'string', default: '3' },
    profile: { type: 'boolean', default: false },
    'profile-file': { type: 'string' },
    compare: { type: 'string', multiple: true },
    'logger-off': { type: 'boolean', default: false },
    'logger-off-only': { type: 'boolean', default: false },
    tcp: { type: 'boolean', default: false },
    dist: { type: 'boolean', default: false },
  },
});
const totalMiB = Number(positionals[0] ?? 1024);
const LENGTH = totalMiB * MIB;
const RUNS = Number(values.runs);

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mbps = (bytes: number, ms: number): string => `${(bytes / 1e6 / (ms / 1000)).toFixed(0)} MB/s`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const silent: EventSink = { emit: () => {}, listens: () => false };

/** The node arguments that run `bt` of a checkout: bin/bt.js (tsx in a clone), or with --dist its compiled main. */
function btCommand(checkout: string): string[] {
  if (!values.dist) return [join(checkout, 'bin', 'bt.js')];
  const main = join(checkout, 'dist', 'core', 'cli', 'main.js');
  if (!existsSync(main)) throw new Error(`no dist/ build in ${checkout}: run \`npm run build\` there first`);
  return ['--input-type=module', '-e', `const { main } = await import(${JSON.stringify(pathToFileURL(main).href)}); process.exitCode = await main(process.argv.slice(1));`, '--'];
}

interface Timing {
  readonly wallMs: number;
  /** User + system time of the process and its threads; NaN without GNU time. */
  readonly cpuMs: number;
  /** The system part of cpuMs. */
  readonly sysMs: number;
  /** Peak resident memory of the process (bytes); NaN without GNU time. */
  readonly peakRss: number;
}

/** Runs a command to its end. Rejects on a non-zero exit or when `done` says the output is wrong. */
function timed(command: string, args: readonly string[], cwd: string, done?: (stdout: string) => boolean): Promise<Timing> {
  const cpuFile = join(cwd, `cpu-${process.pid}-${performance.now()}.txt`);
  const withTime = existsSync(GNU_TIME);
  const [cmd, argv] = withTime ? [GNU_TIME, ['-f', '%U %S %M', '-o', cpuFile, command, ...args]] : [command, args];
  return new Promise((resolvePromise, reject) => {
    const t0 = performance.now();
    // stdin stays open: the libtorrent session script quits when it closes.
    const child = spawn(cmd, argv, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const limit = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('exit', (code, signal) => {
      const wallMs = performance.now() - t0;
      clearTimeout(limit);
      child.stdin.destroy();
      if (code !== 0 || (done !== undefined && !done(stdout))) {
        reject(new Error(`${basename(command)} ${args.join(' ')} failed (code ${code}, signal ${signal})\n${stdout.slice(-2000)}\n${stderr.slice(-2000)}`));
        return;
      }
      if (!withTime) return resolvePromise({ wallMs, cpuMs: NaN, sysMs: NaN, peakRss: NaN });
      readFile(cpuFile, 'utf8')
        .then((text) => {
          const [user, system, rssKiB] = text.trim().split(/\s+/).slice(-3).map(Number);
          return rm(cpuFile).then(() => resolvePromise({ wallMs, cpuMs: (user + system) * 1000, sysMs: system * 1000, peakRss: rssKiB * 1024 }));
        })
        .catch(reject);
    });
  });
}

const root = await mkdtemp(join(tmpdir(), 'swarmhook-bench-download-'));
let seeder: ChildProcessWithoutNullStreams | undefined;
try {
  // The data: distinct random bytes, written in 64 MiB chunks.
  const seedDir = join(root, 'seed');
  await mkdir(seedDir);
  const dataPath = join(seedDir, 'payload.bin');
  const file = await open(dataPath, 'w');
  const chunk = Buffer.allocUnsafe(Math.min(64 * MIB, LENGTH));
  for (let off = 0; off < LENGTH; off += chunk.length) {
    randomFillSync(chunk);
    await file.write(chunk, 0, Math.min(chunk.length, LENGTH - off), off);
  }
  await file.close();
  const { torrent, metainfo } = await createTorrent(dataPath, { pieceLength: PIECE, creationDate: null });
  const torrentPath = join(root, 'payload.torrent');
  await writeFile(torrentPath, torrent);

  // The seeder checks its data once, fully (seed_mode would hash on first upload, during the first download).
  seeder = spawn(PYTHON, [SESSION_SCRIPT, '--torrent', torrentPath, '--save', seedDir, '--mode', 'seed', '--high-performance', '--alerts', 'none']);
  const peer = `127.0.0.1:${await seederReady(seeder)}`;
  const listen = { ports: 0, tcp6: false, host4: '127.0.0.1' };
  const config = join(root, 'btrc.json');
  await writeFile(config, JSON.stringify({ listen }));
  const noLogger = join(root, 'btrc-no-logger.json');
  await writeFile(noLogger, JSON.stringify({ listen, plugins: [['logger', false]] }));
  const tcpOnly = join(root, 'btrc-tcp.json');
  await writeFile(tcpOnly, JSON.stringify({ listen, transports: { order: ['tcp'], utp: { listen: false } } }));
  /** The configurations each swarmhook build is timed with, in the order the ratios are read by. */
  const modes = [
    ...(values['logger-off-only'] ? [] : [{ suffix: '', btrc: config }]),
    ...(values['logger-off'] || values['logger-off-only'] ? [{ suffix: ', logger off', btrc: noLogger }] : []),
    ...(values.tcp ? [{ suffix: ', tcp only', btrc: tcpOnly }] : []),
  ];

  const swarmhookArgs = (dir: string, checkout: string, node: readonly string[] = [], btrc = config): string[] => [
    ...node,
    ...[...btCommand(checkout), 'download', torrentPath, '-o', dir, '--peer', peer, '--quiet', '--config', btrc],
  ];
  /** The swarmhook builds timed: this checkout, then each --compare one. */
  const swarmhookBuilds = [{ name: 'swarmhook', checkout: CHECKOUT }, ...(values.compare ?? []).map((other) => ({ name: other, checkout: resolve(other) }))];
  /** One download into a fresh folder, deleted afterwards. */
  const download = async <T,>(name: string, run: (dir: string) => Promise<T>): Promise<T> => {
    const dir = join(root, name);
    try {
      return await run(dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
  const contenders: { name: string; run: (dir: string) => Promise<Timing>; times: Timing[] }[] = [
    {
      name: 'libtorrent',
      run: (dir) =>
        timed(PYTHON, [SESSION_SCRIPT, '--torrent', torrentPath, '--save', dir, '--mode', 'download', '--peer', peer, '--exit-on-finish', '--alerts', 'none'], root, (out) =>
          out.includes('"finished"'),
        ),
      times: [],
    },
    // Each swarmhook build with the default config, then in each other mode (--logger-off, --tcp).
    ...modes.flatMap((mode) =>
      swarmhookBuilds.map((build) => ({
        name: `${build.name}${mode.suffix}`,
        run: (dir: string) => timed(process.execPath, swarmhookArgs(dir, build.checkout, [], mode.btrc), root),
        times: [] as Timing[],
      })),
    ),
  ];

  // Startup alone, to read the figures by: the CLI loading (tsx) and python importing libtorrent.
  const startup = { swarmhook: await timed(process.execPath, [...btCommand(CHECKOUT), '--help'], root), libtorrent: await timed(PYTHON, ['-c', 'import libtorrent'], root) };

  for (let r = 0; r < RUNS; r++) {
    // Each run starts with another contender: whoever follows a download pays for the kernel's
    // writeback of it, which a fixed order would always charge to the same one.
    for (let k = 0; k < contenders.length; k++) {
      const c = contenders[(r + k) % contenders.length];
      c.times[r] = await download(`run-${r}`, c.run);
      execFileSync('sync');
    }
    console.log(`run ${r + 1}: ${contenders.map((c) => `${c.name} ${seconds(c.times[r].wallMs)} (cpu ${seconds(c.times[r].cpuMs)}, sys ${seconds(c.times[r].sysMs)})`).join(', ')}`);
  }
  const wall = (c: (typeof contenders)[number]): number => median(c.times.map((t) => t.wallMs));
  const cpu = (c: (typeof contenders)[number]): number => median(c.times.map((t) => t.cpuMs));
  const rss = (c: (typeof contenders)[number]): number => median(c.times.map((t) => t.peakRss));
  const [lt, sh] = contenders;
  const width = Math.max(...contenders.map((c) => c.name.length));
  console.log(`\ndownload of ${totalMiB} MiB (${metainfo.pieceCount} pieces of ${PIECE / 1024} KiB) from a libtorrent 2.0 seeder over loopback, median of ${RUNS}:`);
  console.log(`  (startup alone: python + import libtorrent ${startup.libtorrent.wallMs.toFixed(0)} ms, ${values.dist ? 'compiled bt' : 'node bin/bt.js'} --help ${startup.swarmhook.wallMs.toFixed(0)} ms)`);
  for (const c of contenders) {
    const perGiB = (cpu(c) / 1000 / (LENGTH / 2 ** 30)).toFixed(2);
    console.log(`  ${c.name.padEnd(width)} wall ${seconds(wall(c))}  ${mbps(LENGTH, wall(c))}   cpu ${seconds(cpu(c))} (${perGiB} s per GiB)   peak RSS ${(rss(c) / MIB).toFixed(0)} MiB`);
  }
  // Paired: the median of the run-by-run ratios, steadier than a ratio of medians when the machine's load drifts.
  type Contender = (typeof contenders)[number];
  const ratio = (a: Contender, b: Contender): void => {
    const paired = (of: (t: Timing) => number): string => median(a.times.map((t, r) => of(t) / of(b.times[r]))).toFixed(2);
    const wallRatio = `${(wall(a) / wall(b)).toFixed(2)} (paired ${paired((t) => t.wallMs)})`;
    const cpuRatio = `${(cpu(a) / cpu(b)).toFixed(2)} (paired ${paired((t) => t.cpuMs)})`;
    console.log(`  ratio ${a.name} / ${b.name}: wall time ${wallRatio}, cpu time ${cpuRatio}`);
  };
  // This build against libtorrent, against itself without the logger, and against each other build in the same mode.
  const builds = contenders.slice(1);
  const perMode = 1 + (values.compare ?? []).length;
  for (let m = 0; m < builds.length; m += perMode) ratio(builds[m], lt);
  for (let m = perMode; m < builds.length; m += perMode) ratio(sh, builds[m]);
  for (let m = 0; m < builds.length; m += perMode) for (const other of builds.slice(m + 1, m + perMode)) ratio(builds[m], other);

  // Time to the first byte, apart from the timed runs: what each reports costs it a little (see FIRST_BLOCK_PLUGIN).
  const firstByteConfig = join(root, 'btrc-first-block.json');
  await writeFile(firstByteConfig, JSON.stringify({ listen, plugins: [FIRST_BLOCK_PLUGIN] }));
  const firstBytes: { name: string; ms: number[] }[] = [
    {
      name: 'libtorrent',
      ms: await firstByteRuns(PYTHON, (dir) => [SESSION_SCRIPT, '--torrent', torrentPath, '--save', dir, '--mode', 'download', '--peer', peer, '--alerts', 'none', '--report-first-block'], (line) => line.includes('"first_block"')),
    },
  ];
  for (const build of swarmhookBuilds) {
    firstBytes.push({ name: build.name, ms: await firstByteRuns(process.execPath, (dir) => swarmhookArgs(dir, build.checkout, [], firstByteConfig), (line) => line === 'first-block') });
  }
  console.log(`\ntime to the first byte (the first block of piece data, from the process's start; default config; median of ${RUNS}, apart from the timed runs):`);
  for (const c of firstBytes) console.log(`  ${c.name.padEnd(width)} ${seconds(median(c.ms))}`);
  for (const c of firstBytes.slice(1)) console.log(`  ratio ${c.name} / libtorrent: ${(median(c.ms) / median(firstBytes[0]!.ms)).toFixed(2)}`);

  /** RUNS downloads, each stopped at its first block: the ms from spawning it until `isFirstBlock` took a line of its output. */
  async function firstByteRuns(command: string, args: (dir: string) => string[], isFirstBlock: (line: string) => boolean): Promise<number[]> {
    const ms: number[] = [];
    for (let r = 0; r < RUNS; r++) ms.push(await download(`first-byte-${r}`, (dir) => untilLine(command, args(dir), root, isFirstBlock)));
    return ms;
  }

  // Recheck: Storage.check over the seed's file (in the page cache by now) against createHash on one thread.
  const sample = (await readFile(dataPath)).subarray(0, Math.min(LENGTH, 256 * MIB));
  const raw: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    for (let off = 0; off < sample.length; off += PIECE) createHash('sha1').update(sample.subarray(off, off + PIECE)).digest();
    raw.push(performance.now() - t0);
  }
  const rawMs = (LENGTH / sample.length) * median(raw);
  const hasher = new PieceHasher();
  const checks: number[] = [];
  for (let r = 0; r < 3; r++) {
    const torrentInfo = { infoHash: metainfo.infoHash, name: metainfo.name, state: 'checking', private: false } as const;
    const storage = new Storage({ layout: metainfo, dir: seedDir, torrent: torrentInfo, sink: silent, hasher });
    const t0 = performance.now();
    const have = await storage.check();
    checks.push(performance.now() - t0);
    await storage.close();
    if (have.some((h) => h !== 1)) throw new Error('the recheck found pieces missing: the benchmark is broken');
  }
  await hasher.close();
  const checkMs = median(checks);
  console.log(`\nrecheck of ${totalMiB} MiB from disk (page cache), median of 3, ${hasher.maxWorkers} hash workers:`);
  console.log(`  Storage.check():             ${seconds(checkMs)}  ${mbps(LENGTH, checkMs)}`);
  console.log(`  Node createHash, one thread: ${seconds(rawMs)}  ${mbps(LENGTH, rawMs)} (in memory)`);
  console.log(`  ratio check / SHA-1 time: ${(checkMs / rawMs).toFixed(2)}`);

  if (values.profile || values['profile-file'] !== undefined) {
    const profDir = join(root, 'profile');
    const t = await download('profiled', (dir) => timed(process.execPath, swarmhookArgs(dir, CHECKOUT, ['--cpu-prof', `--cpu-prof-dir=${profDir}`], values.tcp ? tcpOnly : values['logger-off'] || values['logger-off-only'] ? noLogger : config), root));
    const name = (await readdir(profDir)).find((f) => f.endsWith('.cpuprofile'))!;
    if (values['profile-file'] !== undefined) await copyFile(join(profDir, name), values['profile-file']);
    console.log(`\nprofile of one swarmhook download under --cpu-prof (${seconds(t.wallMs)} wall), main thread self time:`);
    for (const line of summarizeProfile(JSON.parse(await readFile(join(profDir, name), 'utf8')) as CpuProfile, 25)) console.log(`  ${line}`);
  }
} finally {
  seeder?.stdin.end(); // the session script exits when its stdin closes
  seeder?.kill();
  await rm(root, { recursive: true, force: true });
}

/**
 * Runs a command until a line of its stdout or stderr is one `match` takes:
 * resolves with the ms from spawning it to that line, once the process has
 * been stopped (SIGINT: both bt and the session script stop cleanly on it).
 */
async function untilLine(command: string, args: readonly string[], cwd: string, match: (line: string) => boolean): Promise<number> {
  const t0 = performance.now();
  const child = spawn(command, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  const limit = setTimeout(() => child.kill('SIGKILL'), 120_000);
  try {
    const seen = await new Promise<number | undefined>((resolveSeen) => {
      for (const stream of [child.stdout, child.stderr]) {
        createInterface({ input: stream }).on('line', (line) => {
          if (match(line)) resolveSeen(performance.now() - t0);
        });
      }
      void exited.then(() => resolveSeen(undefined));
    });
    if (seen === undefined) throw new Error(`${basename(command)} ${args.join(' ')} exited before its first block`);
    return seen;
  } finally {
    child.kill('SIGINT');
    await exited;
    clearTimeout(limit);
  }
}

/** Waits for the session script to have checked its data; resolves to its listen port. */
async function seederReady(child: ChildProcessWithoutNullStreams): Promise<number> {
  let port = 0;
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  for await (const line of createInterface({ input: child.stdout })) {
    const msg = JSON.parse(line) as { event: string; port?: number; message?: string };
    if (msg.event === 'listening') port = msg.port!;
    if (msg.event === 'ready') return port;
    if (msg.event === 'error') throw new Error(`libtorrent seeder: ${msg.message}`);
  }
  throw new Error(`the libtorrent seeder exited before it was ready: ${stderr.slice(-2000)}`);
}

interface CpuProfile {
  readonly nodes: readonly { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Self time by function, largest first, as printable lines. */
function summarizeProfile(profile: CpuProfile, top: number): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    // Sources run through tsx carry no line numbers worth showing; built-ins and packages do.
    const where = f.url === '' ? '' : f.url.startsWith('file://') && !f.url.includes('/node_modules/') ? ` ${basename(f.url)}` : ` ${f.url.replace(/^.*\/node_modules\//, '')}:${f.lineNumber + 1}`;
    const key = `${f.functionName || '(anonymous)'}${where}`;
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, top);
  return [`total ${total.toFixed(0)} ms sampled`, ...rows.map(([k, ms]) => `${ms.toFixed(0).padStart(6)} ms ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${k}`)];
}
