// Recheck against libtorrent (issue 13, goal 6): one N MiB single-file
// torrent (default 1024, 256 KiB pieces) whose data is on disk and in the
// page cache is added to a fresh libtorrent session and to a fresh swarmhook
// Client (no resume data, so both hash every piece), each in a process of
// its own, interleaved, median of the runs. Figures: the time from the add
// until the torrent seeds, and the process's CPU time over that check (all
// threads: both hash in several).
//
// Run: node --import=tsx bench/recheck.ts [MiB] [--runs N] [--dist] [--compare DIR]...
//   --dist          swarmhook runs dist/ (`npm run build` first), as the installed package does
//   --compare DIR   also check with another swarmhook checkout (e.g. `git archive` of an older commit with
//                   node_modules linked; with --dist, built), interleaved in the same runs
// Needs /usr/bin/python3 with libtorrent (apt-get install -y python3-libtorrent).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createTorrent } from '../core/metainfo/index.ts';
import { Child, isEvent, libtorrentSessionPython, median, MIB, PYTHON, seconds, swarmhookCheckouts, writeRandomFile, type SessionLine } from './processes.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string', default: '3' }, dist: { type: 'boolean', default: false }, compare: { type: 'string', multiple: true } },
});
const SIZE = Number(positionals[0] ?? 1024) * MIB;
const RUNS = Number(values.runs);

/** Adds the torrent, prints {event: checked, ms, cpuMs} once it seeds, then waits for stdin to close. */
const LIBTORRENT_RECHECK = `
import json, os, resource, sys, time
import libtorrent as lt
torrent, save = sys.argv[1], sys.argv[2]
${libtorrentSessionPython()}
p = lt.add_torrent_params()
p.ti = lt.torrent_info(torrent)
p.save_path = save
p.flags = p.flags & ~lt.torrent_flags.auto_managed & ~lt.torrent_flags.paused
cpu = lambda: sum(resource.getrusage(resource.RUSAGE_SELF)[:2]) * 1000
c0 = cpu()
t0 = time.monotonic()
h = ses.add_torrent(p)
while not h.status().is_seeding:
    time.sleep(0.002)
print(json.dumps({"event": "checked", "ms": (time.monotonic() - t0) * 1000, "cpuMs": cpu() - c0}), flush=True)
sys.stdin.read()
`;

const swarmhookRecheck = (clientModule: string): string => `
import { readFileSync } from 'node:fs';
import { cpuUsage } from 'node:process';
const { Client } = await import(${JSON.stringify(clientModule)});
const [torrent, save] = process.argv.slice(1);
const client = new Client({ listen: { ports: 0, tcp6: false, host4: '127.0.0.1' }, resume: { enabled: false }, plugins: [['dht', false], ['lsd', false]] });
const bytes = readFileSync(torrent);
const c0 = cpuUsage();
const t0 = performance.now();
const added = await client.addTorrent(bytes, { dir: save });
const ms = performance.now() - t0;
const c = cpuUsage(c0);
if (added.state !== 'seeding') throw new Error('the check found pieces missing: the benchmark is broken');
console.log(JSON.stringify({ event: 'checked', ms, cpuMs: (c.user + c.system) / 1000 }));
process.stdin.resume();
process.stdin.on('end', () => client.destroy());
`;

const root = await mkdtemp(join(tmpdir(), 'swarmhook-bench-recheck-'));
const children: Child[] = [];
try {
  const file = join(root, 'payload.bin');
  await writeRandomFile(file, SIZE);
  const { torrent } = await createTorrent(file, { pieceLength: 256 * 1024, creationDate: null });
  const torrentPath = join(root, 'payload.torrent');
  await writeFile(torrentPath, torrent);
  // Into the page cache: both read it from memory, as the figure is about hashing, not the disk.
  await readFile(file);
  const contenders = [
    { name: 'libtorrent', start: () => new Child('libtorrent session', PYTHON, ['-c', LIBTORRENT_RECHECK, torrentPath, root]) },
    ...swarmhookCheckouts(values.dist, values.compare).map(({ name, clientModule, nodeArgs }) => ({
      name,
      start: () => new Child(`${name} client`, process.execPath, [...nodeArgs, '--input-type=module', '-e', swarmhookRecheck(clientModule), '--', torrentPath, root]),
    })),
  ];
  const figures = contenders.map(() => ({ ms: [] as number[], cpuMs: [] as number[] }));
  for (let run = 0; run < RUNS; run++) {
    for (const [i, c] of contenders.entries()) {
      const child = c.start();
      children.push(child);
      const checked = (await child.waitFor(isEvent('checked'), `${c.name} to check ${SIZE / MIB} MiB`, 600_000)) as SessionLine & { ms: number; cpuMs: number };
      await child.stop();
      figures[i]!.ms.push(checked.ms);
      figures[i]!.cpuMs.push(checked.cpuMs);
      console.log(`run ${run + 1}, ${c.name}: checked in ${seconds(checked.ms)}, CPU ${seconds(checked.cpuMs)}`);
    }
  }
  const [lt, ...others] = figures.map((f) => ({ ms: median(f.ms), cpuMs: median(f.cpuMs) })) as [{ ms: number; cpuMs: number }, ...{ ms: number; cpuMs: number }[]];
  const mbps = (ms: number): string => `${(SIZE / MIB / (ms / 1000)).toFixed(0)} MiB/s`;
  console.log(`\nrecheck of ${SIZE / MIB} MiB in the page cache, median of ${RUNS}:`);
  console.log(`  libtorrent:         ${seconds(lt.ms)} (${mbps(lt.ms)}), CPU ${seconds(lt.cpuMs)}`);
  for (const [i, sh] of others.entries()) {
    const { name } = contenders[i + 1]!;
    console.log(`  ${name}: ${seconds(sh.ms)} (${mbps(sh.ms)}), CPU ${seconds(sh.cpuMs)}`);
    console.log(`  ratio ${name} / libtorrent: time ${(sh.ms / lt.ms).toFixed(2)}, CPU ${(sh.cpuMs / lt.cpuMs).toFixed(2)} (goal: time at most 1.0)`);
  }
} finally {
  await Promise.all(children.map((c) => c.stop()));
  await rm(root, { recursive: true, force: true });
}
