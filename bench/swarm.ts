// A swarm on loopback: one seeder and 8 downloaders of a 256 MiB torrent
// (256 KiB pieces), all swarmhook (`bt seed`, `bt download --seed`, each a
// process) against all libtorrent (a python session per process), in the same
// run, interleaved. The peers find each other through a tracker
// (bittorrent-tracker's server, fresh for every swarm), so the downloaders
// can trade among themselves. Figures: the time from starting the 8
// downloaders until the last is done, and the bytes the seeder uploaded (one
// copy is 256 MiB: the less above that, the more the downloaders traded).
// Both use their default settings but for loopback listening and no DHT or
// LSD, and both over TCP only: the libtorrent sessions have uTP switched off
// (test/helpers/libtorrent_session.py), so swarmhook is given transports.order
// ["tcp"] too (--default-transports keeps swarmhook's uTP-first default, which
// then carries every swarmhook-to-swarmhook connection). The finished
// downloaders keep seeding until all are done.
//
// Each downloader's time is also shown from its own first announce (after
// its start-up): 8 processes loading at once on a small machine take seconds
// (tsx transpiling the sources; --dist runs the compiled build instead).
// So is a downloader's CPU time until that announce: its start-up's share of
// the CPU (modules loaded and compiled, the client set up), which a python
// process with libtorrent pays too, in its own way.
//
// Run: node --import=tsx bench/swarm.ts [MiB] [--downloaders N] [--runs N] [--dist]
//   --dist   swarmhook runs dist/ (`npm run build` first), as the installed package does
//   --profile FILE   the first swarmhook downloader of the last run runs under --cpu-prof, its profile written to FILE
//   --default-transports  swarmhook dials uTP first (its default) while libtorrent stays on TCP
//   --compare DIR    also run the swarm with another swarmhook checkout (e.g. `git archive` of an older commit,
//                    node_modules linked in; with --dist, built there too), interleaved: before/after from one run
//   --node-flags "F" node (V8) flags for this checkout's processes only, e.g. --node-flags=--initial-old-space-size=64
//                    with --compare DIR of the same commit: what a flag changes, from one run
//   --gc-count       every swarmhook process runs with --trace-gc; prints the mark-compacts (full GCs) and scavenges
//                    of the seeder and of a downloader (median), read from that trace
//   --perf           the last run is recorded by Linux perf (system-wide, kernel included; swarmhook's processes with
//                    --perf-basic-prof for its JavaScript's names), and the CPU time of each contender's seeder and first
//                    downloader is printed by kind of work (bench/cpu-categories.ts): where a JavaScript client's time
//                    goes that a C++ one's does not. Needs perf (apt-get install -y linux-perf) and the right to use it
//   --trace FILE     the text (not JSON) lines the first swarmhook downloader of the last run printed go to FILE, the
//                    seeder's to FILE.seeder: V8's traces, e.g. with --node-flags="--trace-deopt --trace-opt"
// Needs /usr/bin/python3 with libtorrent (apt-get install -y python3-libtorrent).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import Server from 'bittorrent-tracker/server';
import { createTorrent } from '../core/metainfo/index.ts';
import { PerfRecording, perfAvailable } from './cpu-categories.ts';
import { btCommand, btLine, Child, freePort, isEvent, median, MIB, PYTHON, seconds, SESSION_SCRIPT, writeRandomFile, type SessionLine } from './processes.ts';

const PIECE = 256 * 1024;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string', default: '3' }, downloaders: { type: 'string', default: '8' }, dist: { type: 'boolean', default: false }, profile: { type: 'string' }, 'default-transports': { type: 'boolean', default: false }, compare: { type: 'string', multiple: true }, 'node-flags': { type: 'string' }, 'gc-count': { type: 'boolean', default: false }, trace: { type: 'string' }, perf: { type: 'boolean', default: false } },
});
const totalMiB = Number(positionals[0] ?? 256);
const LENGTH = totalMiB * MIB;
const RUNS = Number(values.runs);
const DOWNLOADERS = Number(values.downloaders);
const NODE_FLAGS = values['node-flags']?.split(' ').filter((f) => f !== '') ?? [];
if (values.perf && !perfAvailable()) throw new Error('--perf needs Linux perf: apt-get install -y linux-perf');
/** V8's flags for every swarmhook process (this checkout and --compare): the GC trace of --gc-count. */
const TRACE_FLAGS = values['gc-count'] ? ['--trace-gc'] : [];
/** The command running `bt args` of this checkout (with --node-flags), or of the checkout at `root` (--compare). */
function bt(args: readonly string[], root?: string): [string, string[]] {
  if (root === undefined) {
    const [cmd, cmdArgs] = btCommand(values.dist, args);
    return [cmd, [...TRACE_FLAGS, ...NODE_FLAGS, ...cmdArgs]];
  }
  if (!values.dist) return [process.execPath, [...TRACE_FLAGS, join(root, 'bin', 'bt.js'), ...args]];
  const main = join(root, 'dist', 'core', 'cli', 'main.js');
  if (!existsSync(main)) throw new Error(`no dist/ build in ${root}: run \`npm run build\` there first`);
  const runner = `const { main } = await import(${JSON.stringify(pathToFileURL(main).href)}); process.exitCode = await main(process.argv.slice(1));`;
  return [process.execPath, [...TRACE_FLAGS, '--input-type=module', '-e', runner, '--', ...args]];
}

/** The full (mark-compact) and young (scavenge) collections in a child's --trace-gc lines. */
function gcCounts(child: Child): GcCounts {
  let full = 0;
  let young = 0;
  for (const line of child.lines) {
    if (typeof line !== 'string') continue;
    if (line.includes(' Mark-Compact ')) full++;
    else if (line.includes(' Scavenge ')) young++;
  }
  return { full, young };
}

interface GcCounts {
  readonly full: number;
  readonly young: number;
}

interface SwarmRun {
  /** From starting the downloaders until the last one is done (ms). */
  readonly allDoneMs: number;
  /** Each downloader's time to done (ms), sorted. */
  readonly doneMs: readonly number[];
  /** The longest time from a downloader's first announce (its start-up over) to its done (ms). */
  readonly maxFromAnnounceMs: number;
  /** Bytes of blocks the seeder uploaded. */
  readonly seederUploaded: number;
  /** CPU time of all the processes (ms). */
  readonly cpuMs: number;
  /** CPU time of the seeder alone (ms): the rest is the downloaders'. */
  readonly seederCpuMs: number;
  /** A downloader's CPU time until its first announce (ms, the median): its start-up, before any transfer. */
  readonly startupCpuMs: number;
  /** With --perf, in the last run: the first downloader's CPU seconds by kind of work, and the seeder's. */
  readonly cpuCategories?: { readonly downloader: Map<string, number>; readonly seeder: Map<string, number> };
  /** With --gc-count: the seeder's collections, and the median downloader's. */
  readonly seederGc?: GcCounts;
  readonly downloaderGc?: GcCounts;
}

interface Contender {
  readonly name: string;
  /** `perfMap`: with --perf-basic-prof (swarmhook's). */
  seeder(port: number, perfMap?: boolean): Child;
  /** Resolves once it seeds. */
  seederReady(seeder: Child): Promise<unknown>;
  /** `profileDir`: run under --cpu-prof (this checkout's only); `perfMap`: with --perf-basic-prof (swarmhook's). */
  downloader(dir: string, port: number, profileDir?: string, perfMap?: boolean): Child;
  /** Resolves once every piece is verified. */
  done(child: Child): Promise<unknown>;
  /** The seeder's uploaded bytes; the seeder is stopped by then. */
  uploaded(seeder: Child): Promise<number>;
  /** Whether its processes print V8's GC trace (--gc-count). */
  readonly tracesGc: boolean;
  /** Whether --trace keeps its text lines (this checkout's). */
  readonly traced: boolean;
  readonly runs: SwarmRun[];
}

const root = await mkdtemp(join(tmpdir(), 'swarmhook-bench-swarm-'));
const trackerPort = await freePort();
try {
  const seedDir = join(root, 'seed');
  await mkdir(seedDir);
  const dataPath = join(seedDir, 'payload.bin');
  await writeRandomFile(dataPath, LENGTH);
  const { torrent } = await createTorrent(dataPath, { pieceLength: PIECE, creationDate: null, announce: [`http://127.0.0.1:${trackerPort}/announce`] });
  const torrentPath = join(root, 'payload.torrent');
  await writeFile(torrentPath, torrent);
  const btrc = join(root, 'btrc.json');
  // Loopback only, and no DHT or LSD (libtorrent's are off too): the tracker is how they meet. Every peer is
  // 127.0.0.1: as libtorrent is told allow_multiple_connections_per_ip, the per-IP cap (8) must let 9 clients mesh.
  // TCP only, as the libtorrent sessions, unless --default-transports.
  const transports = values['default-transports'] ? {} : { transports: { order: ['tcp'], utp: { listen: false } } };
  await writeFile(
    btrc,
    JSON.stringify({ listen: { tcp6: false, host4: '127.0.0.1' }, limits: { maxConnectionsPerIp: 64 }, ...transports, plugins: [['dht', false], ['lsd', false]] }),
  );

  const session = (args: readonly string[]): string[] => [SESSION_SCRIPT, '--torrent', torrentPath, '--alerts', 'none', ...args];
  /** A swarmhook contender: this checkout, or the one at `checkout` (--compare). */
  function swarmhook(name: string, checkout?: string): Contender {
    return {
      name,
      seeder: (port, perfMap) => {
        const [cmd, args] = bt(['seed', torrentPath, seedDir, '--port', String(port), '--json', '--config', btrc], checkout);
        return new Child('swarmhook seeder', cmd, perfMap === true ? ['--perf-basic-prof', ...args] : args);
      },
      seederReady: (s) => s.waitFor(btLine('message', /^seeding /), 'the seeder to be ready'),
      downloader: (dir, port, profileDir, perfMap) => {
        const [cmd, args] = bt(['download', torrentPath, '-o', dir, '--seed', '--port', String(port), '--json', '--config', btrc], checkout);
        // --profile is of this checkout only.
        const profiled = profileDir !== undefined && checkout === undefined;
        const flags = [...(profiled ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), ...(perfMap === true ? ['--perf-basic-prof'] : [])];
        return new Child('swarmhook downloader', cmd, [...flags, ...args]);
      },
      done: (c) => c.waitFor(btLine('message', /^complete: /), 'the download'),
      uploaded: async (s) => {
        await s.stop();
        const summary = await s.waitFor(btLine('summary'), 'the seeder summary', 10_000);
        return summary.uploaded ?? NaN;
      },
      tracesGc: values['gc-count'],
      traced: values.trace !== undefined && checkout === undefined,
      runs: [],
    };
  }

  const contenders: Contender[] = [
    {
      name: 'libtorrent',
      seeder: (port) => new Child('libtorrent seeder', PYTHON, session(['--save', seedDir, '--mode', 'seed', '--port', String(port)])),
      seederReady: (s) => s.waitFor(isEvent('ready'), 'the seeder to be ready'),
      downloader: (dir, port) => new Child('libtorrent downloader', PYTHON, session(['--save', dir, '--mode', 'download', '--port', String(port)])),
      done: (c) => c.waitFor(isEvent('finished'), 'the download'),
      uploaded: async (s) => {
        const from = s.lines.length;
        s.send({ cmd: 'status' });
        const line = await s.waitFor(isEvent('progress'), 'the seeder status', 10_000, from);
        await s.stop();
        return (line as SessionLine).total_upload ?? NaN;
      },
      tracesGc: false,
      traced: false,
      runs: [],
    },
    swarmhook(NODE_FLAGS.length > 0 ? `swarmhook ${NODE_FLAGS.join(' ')}` : 'swarmhook'),
    ...(values.compare ?? []).map((dir) => swarmhook(dir, resolve(dir))),
  ];

  for (let r = 0; r < RUNS; r++) {
    for (let k = 0; k < contenders.length; k++) {
      const c = contenders[(r + k) % contenders.length]!;
      c.runs.push(await swarm(c, r));
      execFileSync('sync');
    }
    console.log(`run ${r + 1}: ${contenders.map((c) => describe(c.name, c.runs[r]!)).join('; ')}`);
  }

  const [lt, ...builds] = contenders as [Contender, ...Contender[]];
  const med = (c: Contender, of: (s: SwarmRun) => number): number => median(c.runs.map(of));
  console.log(`\n1 seeder + ${DOWNLOADERS} downloaders of ${totalMiB} MiB (${LENGTH / PIECE} pieces of ${PIECE / 1024} KiB) over loopback, median of ${RUNS}:`);
  const width = Math.max(...contenders.map((c) => c.name.length));
  for (const c of contenders) {
    console.log(
      `  ${c.name.padEnd(width)} all done ${seconds(med(c, (s) => s.allDoneMs))} (announce to done, slowest ${seconds(med(c, (s) => s.maxFromAnnounceMs))})   seeder uploaded ${(med(c, (s) => s.seederUploaded) / MIB).toFixed(0)} MiB` +
        ` (${(med(c, (s) => s.seederUploaded) / LENGTH).toFixed(2)} copies)   cpu of all ${seconds(med(c, (s) => s.cpuMs))}` +
        ` (seeder ${seconds(med(c, (s) => s.seederCpuMs))}, a downloader ${seconds(med(c, (s) => (s.cpuMs - s.seederCpuMs) / DOWNLOADERS))},` +
        ` of which until its first announce ${seconds(med(c, (s) => s.startupCpuMs))})` +
        (c.tracesGc
          ? `   GCs full/young: seeder ${med(c, (s) => s.seederGc!.full)}/${med(c, (s) => s.seederGc!.young)},` +
            ` a downloader ${med(c, (s) => s.downloaderGc!.full)}/${med(c, (s) => s.downloaderGc!.young)}`
          : ''),
    );
  }
  const ratio = (a: Contender, b: Contender): void => {
    const paired = (of: (s: SwarmRun) => number): string => median(a.runs.map((s, r) => of(s) / of(b.runs[r]!))).toFixed(2);
    console.log(
      `  ratio ${a.name} / ${b.name}: all done ${(med(a, (s) => s.allDoneMs) / med(b, (s) => s.allDoneMs)).toFixed(2)} (paired ${paired((s) => s.allDoneMs)}),` +
        ` announce to done ${paired((s) => s.maxFromAnnounceMs)}, seeder uploaded ${paired((s) => s.seederUploaded)}, cpu ${paired((s) => s.cpuMs)}` +
        ` (seeder ${paired((s) => s.seederCpuMs)}, downloaders ${paired((s) => s.cpuMs - s.seederCpuMs)},` +
        ` a downloader's until its first announce ${paired((s) => s.startupCpuMs)})`,
    );
  };
  for (const b of builds) ratio(b, lt);
  for (const other of builds.slice(1)) ratio(builds[0]!, other);
  if (values.perf) printCpuCategories(contenders);
} finally {
  await rm(root, { recursive: true, force: true });
}

/** --perf: each contender's recorded downloader, then seeder, CPU seconds by kind of work, largest first. */
function printCpuCategories(contenders: readonly Contender[]): void {
  for (const role of ['downloader', 'seeder'] as const) {
    printCategoryTable(
      role === 'downloader' ? 'one downloader (the first)' : 'the seeder',
      contenders,
      contenders.map((c) => c.runs.at(-1)?.cpuCategories?.[role] ?? new Map<string, number>()),
    );
  }
}

function printCategoryTable(whose: string, contenders: readonly Contender[], tables: readonly Map<string, number>[]): void {
  const names = [...new Set(tables.flatMap((t) => [...t.keys()]))];
  const total = (t: Map<string, number>): number => [...t.values()].reduce((a, b) => a + b, 0);
  const most = (name: string): number => Math.max(...tables.map((t) => t.get(name) ?? 0));
  names.sort((a, b) => most(b) - most(a));
  const width = Math.max(...names.map((n) => n.length), 'total'.length);
  console.log(`\nCPU seconds of ${whose} in the last run, by kind of work (perf):`);
  const columns = contenders.map((c) => Math.max(14, c.name.length + 2));
  console.log(`  ${''.padEnd(width)}${contenders.map((c, k) => c.name.padStart(columns[k]!)).join('')}`);
  const row = (label: string, of: (t: Map<string, number>) => number): void =>
    console.log(`  ${label.padEnd(width)}${tables.map((t, k) => `${of(t).toFixed(2)} s`.padStart(columns[k]!)).join('')}`);
  for (const name of names) row(name, (t) => t.get(name) ?? 0);
  row('total', total);
}

/** The lines of `child` that were not JSON (V8's traces), to `path`. */
async function writeTextLines(path: string, child: Child): Promise<void> {
  await writeFile(path, child.lines.filter((line) => typeof line === 'string').join('\n'));
}

function describe(name: string, s: SwarmRun): string {
  return `${name} ${seconds(s.allDoneMs)} (from announce at most ${seconds(s.maxFromAnnounceMs)}) [${s.doneMs.map((ms) => (ms / 1000).toFixed(1)).join(' ')}], seeder up ${(s.seederUploaded / MIB).toFixed(0)} MiB`;
}

/** One swarm: a fresh tracker, the seeder, the downloaders started together; everything stopped and deleted after. */
async function swarm(c: Contender, run: number): Promise<SwarmRun> {
  const tracker = new Server({ http: true, udp: false, ws: false, stats: false });
  await new Promise<void>((resolve) => tracker.listen({ http: trackerPort, udp: 0 }, { http: '127.0.0.1', udp: '127.0.0.1', udp6: '::1' }, resolve));
  const children: Child[] = [];
  const dirs: string[] = [];
  let recording: PerfRecording | undefined;
  const lastRun = run === RUNS - 1;
  try {
    const seeder = c.seeder(await freePort(), values.perf && lastRun);
    children.push(seeder);
    await c.seederReady(seeder);
    if (values.perf && lastRun) recording = new PerfRecording(join(root, 'swarm.perf'));
    const ports = await Promise.all(Array.from({ length: DOWNLOADERS }, () => freePort()));
    const t0 = performance.now();
    // When each downloader first announced (by its port): its start-up is over.
    const started = new Map<number, number>();
    /** Each downloader's CPU time at its first announce (by port). */
    const startupCpu = new Map<number, number>();
    const byPort = new Map<number, Child>();
    tracker.on('start', (_addr: string, params: { port: number }) => {
      if (!started.has(params.port)) started.set(params.port, performance.now() - t0);
      const child = byPort.get(params.port);
      if (child !== undefined && !startupCpu.has(params.port)) startupCpu.set(params.port, child.cpuMs());
    });
    const downloaders = ports.map((port, i) => {
      const dir = join(root, `${c.name}-${run}-${i}`);
      dirs.push(dir);
      // --profile, --perf and --trace look at the first downloader of the last run.
      const watched = lastRun && i === 0;
      const profiled = values.profile !== undefined && watched ? join(root, 'profile') : undefined;
      const child = c.downloader(dir, port, profiled, values.perf && watched);
      children.push(child);
      byPort.set(port, child);
      return child;
    });
    const doneMs = await Promise.all(downloaders.map((d) => c.done(d).then(() => performance.now() - t0)));
    const allDoneMs = Math.max(...doneMs);
    const fromAnnounceMs = doneMs.map((ms, i) => ms - (started.get(ports[i]!) ?? NaN));
    const cpuMs = children.reduce((sum, child) => sum + child.cpuMs(), 0);
    const seederCpuMs = seeder.cpuMs();
    const seederUploaded = await c.uploaded(seeder);
    if (c.traced && lastRun) {
      await writeTextLines(values.trace!, downloaders[0]!);
      await writeTextLines(`${values.trace}.seeder`, seeder);
    }
    const gc = c.tracesGc
      ? {
          seederGc: gcCounts(seeder),
          downloaderGc: { full: median(downloaders.map((d) => gcCounts(d).full)), young: median(downloaders.map((d) => gcCounts(d).young)) },
        }
      : {};
    const startupCpuMs = median(ports.map((port) => startupCpu.get(port) ?? NaN));
    // The downloaders keep seeding until all are done: the recording ends with the swarm.
    await recording?.stop();
    const cpuCategories =
      recording === undefined ? undefined : { downloader: await recording.categories(downloaders[0]!.process.pid!), seeder: await recording.categories(seeder.process.pid!) };
    return { cpuCategories, allDoneMs, doneMs: doneMs.sort((a, b) => a - b), maxFromAnnounceMs: Math.max(...fromAnnounceMs), seederUploaded, cpuMs, seederCpuMs, startupCpuMs, ...gc };
  } finally {
    await recording?.stop().catch(() => undefined);
    await Promise.all(children.map((child) => child.stop()));
    // --perf-basic-prof's maps (categories() removes them too, unless the run failed first).
    if (recording !== undefined) await Promise.all(children.map((child) => rm(`/tmp/perf-${child.process.pid}.map`, { force: true })));
    const profiles = values.profile === undefined ? [] : await readdir(join(root, 'profile')).catch(() => []);
    if (profiles[0] !== undefined) await copyFile(join(root, 'profile', profiles[0]), values.profile!);
    await new Promise<void>((resolve) => tracker.close(() => resolve()));
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  }
}
