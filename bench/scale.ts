// Many torrents in one client against libtorrent: N small single-file
// torrents (default 1,000, 16-64 KiB each) are added to one swarmhook Client
// and to one libtorrent session, each in a process of its own, side by side
// in the same run. Figures: the time from the first add until every torrent
// is checked and seeding, the process's RSS and open file descriptors after
// that, and its idle CPU over the next 30 s (no peers). The CPU time the
// adding took (every thread of the process) is printed too: on a busy
// machine it varies far less than the time. Both with their
// defaults, loopback listen, no DHT/LSD; swarmhook's resume files go to the
// benchmark's temporary folder.
//
// Run: node --import=tsx bench/scale.ts [N] [--idle-seconds S] [--settle-seconds S] [--dist] [--runs R] [--compare DIR]...
//   --settle-seconds S  wait this long after adding before the idle spell (default 2). V8's memory reducer runs
//                       a few full GCs some 10-20 s after the adds' allocations stop (about 100 ms of CPU, once):
//                       with 40 the idle figure is the steady state, with the default it includes them
//   --dist   swarmhook runs dist/ (`npm run build` first), as the installed package does (no tsx loaded)
//   --runs R          R rounds, the contenders interleaved; figures are medians (default 1)
//   --compare DIR     also add them with another swarmhook checkout (e.g. `git archive` of an older commit with
//                     node_modules linked; with --dist, built), in the same rounds
// Needs /usr/bin/python3 with libtorrent (apt-get install -y python3-libtorrent).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createTorrent } from '../core/metainfo/index.ts';
import { Child, isEvent, libtorrentSessionPython, median, PYTHON, seconds, swarmhookCheckouts, writeRandomFile, type SessionLine } from './processes.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'idle-seconds': { type: 'string', default: '30' },
    'settle-seconds': { type: 'string', default: '2' },
    dist: { type: 'boolean', default: false },
    runs: { type: 'string', default: '1' },
    compare: { type: 'string', multiple: true },
  },
});
const COUNT = Number(positionals[0] ?? 1000);
const IDLE_MS = Number(values['idle-seconds']) * 1000;
const SETTLE_MS = Number(values['settle-seconds']) * 1000;
const RUNS = Number(values.runs);
const MB = 1e6;

/** One libtorrent session with every .torrent in a folder: prints added (when all seed), then idles until stdin closes. */
const LIBTORRENT_SCALE = `
import json, os, sys, time
import libtorrent as lt
folder, save = sys.argv[1], sys.argv[2]
${libtorrentSessionPython()}
names = sorted(n for n in os.listdir(folder) if n.endswith(".torrent"))
t0 = time.monotonic()
c0 = time.process_time()
handles = []
for n in names:
    p = lt.add_torrent_params()
    p.ti = lt.torrent_info(os.path.join(folder, n))
    p.save_path = save
    p.flags = p.flags & ~lt.torrent_flags.auto_managed & ~lt.torrent_flags.paused
    handles.append(ses.add_torrent(p))
while any(not h.status().is_seeding for h in handles):
    time.sleep(0.005)
print(json.dumps({"event": "added", "ms": (time.monotonic() - t0) * 1000, "cpuMs": (time.process_time() - c0) * 1000, "seeding": len(handles)}), flush=True)
sys.stdin.read()
`;

/** One swarmhook Client with every .torrent in a folder (added at once), same protocol. */
const swarmhookScale = (clientModule: string): string => `
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
const { Client } = await import(${JSON.stringify(clientModule)});
const [folder, save, state] = process.argv.slice(1);
const client = new Client({ listen: { ports: 0, tcp6: false, host4: '127.0.0.1' }, resume: { dir: state }, plugins: [['dht', false], ['lsd', false]] });
const names = readdirSync(folder).filter((n) => n.endsWith('.torrent')).sort();
// Listening before the clock starts, as libtorrent's session does when it is created.
await client.listen();
const t0 = performance.now();
const c0 = process.cpuUsage();
const torrents = await Promise.all(names.map((n) => client.addTorrent(readFileSync(join(folder, n)), { dir: save })));
const seeding = torrents.filter((t) => t.state === 'seeding').length;
const ms = performance.now() - t0;
const cpu = process.cpuUsage(c0);
console.log(JSON.stringify({ event: 'added', ms, cpuMs: (cpu.user + cpu.system) / 1000, seeding }));
process.stdin.resume();
process.stdin.on('end', () => client.destroy());
`;

interface Figures {
  readonly addMs: number;
  /** CPU time of the whole process (every thread) while adding: steadier than the time on a busy machine. */
  readonly addCpuMs: number;
  readonly rss: number;
  readonly fds: number;
  /** Share of one core over the idle spell. */
  readonly idleCpu: number;
}

const root = await mkdtemp(join(tmpdir(), 'swarmhook-bench-scale-'));
const children: Child[] = [];
try {
  const data = join(root, 'data');
  const torrents = join(root, 'torrents');
  await mkdir(data);
  await mkdir(torrents);
  for (let i = 0; i < COUNT; i++) {
    const name = `file-${String(i).padStart(5, '0')}.bin`;
    await writeRandomFile(join(data, name), 16384 + ((i * 7919) % 49152));
    const { torrent } = await createTorrent(join(data, name), { pieceLength: 16384, creationDate: null });
    await writeFile(join(torrents, `${name}.torrent`), torrent);
  }
  const state = join(root, 'state');
  const contenders = [
    { name: 'libtorrent', start: () => new Child('libtorrent session', PYTHON, ['-c', LIBTORRENT_SCALE, torrents, data]) },
    ...swarmhookCheckouts(values.dist, values.compare).map(({ name, clientModule, nodeArgs }) => ({
      name,
      start: () => new Child(`${name} client`, process.execPath, [...nodeArgs, '--input-type=module', '-e', swarmhookScale(clientModule), '--', torrents, data, state]),
    })),
  ];
  const rounds: Figures[][] = contenders.map(() => []);
  for (let run = 0; run < RUNS; run++) for (const [i, c] of contenders.entries()) {
    // Each swarmhook starts without resume data, as libtorrent does.
    await rm(state, { recursive: true, force: true });
    const child = c.start();
    children.push(child);
    const added = (await child.waitFor(isEvent('added'), `${c.name} to add ${COUNT} torrents`, 600_000)) as SessionLine & { ms: number; cpuMs: number; seeding: number };
    if (added.seeding !== COUNT) throw new Error(`${c.name}: only ${added.seeding} of ${COUNT} torrents seed`);
    // A moment for work the adds left behind (resume saves, writeback), then the idle spell.
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const rss = child.rss();
    const fds = child.fds();
    const cpu0 = child.cpuMs();
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    const idleCpu = (child.cpuMs() - cpu0) / IDLE_MS;
    rounds[i]!.push({ addMs: added.ms, addCpuMs: added.cpuMs, rss, fds, idleCpu });
    await child.stop();
    console.log(`${c.name}: added ${COUNT} in ${seconds(added.ms)} (CPU ${seconds(added.cpuMs)}), RSS ${(rss / MB).toFixed(0)} MB, ${fds} fds, idle CPU ${(idleCpu * 100).toFixed(2)}% of a core over ${IDLE_MS / 1000} s`);
  }
  const medians = rounds.map((r): Figures => ({
    addMs: median(r.map((f) => f.addMs)),
    addCpuMs: median(r.map((f) => f.addCpuMs)),
    rss: median(r.map((f) => f.rss)),
    fds: median(r.map((f) => f.fds)),
    idleCpu: median(r.map((f) => f.idleCpu)),
  }));
  const [lt, ...others] = medians as [Figures, ...Figures[]];
  if (RUNS > 1) console.log(`\nmedians of ${RUNS} rounds:`);
  for (const [i, sh] of others.entries()) {
    console.log(
      `${RUNS > 1 ? '' : '\n'}${COUNT} torrents in one client, ratio ${contenders[i + 1]!.name} / libtorrent: add time ${(sh.addMs / lt.addMs).toFixed(2)} (${seconds(sh.addMs)} / ${seconds(lt.addMs)}),` +
        ` add CPU ${(sh.addCpuMs / lt.addCpuMs).toFixed(2)} (${seconds(sh.addCpuMs)} / ${seconds(lt.addCpuMs)}),` +
        ` RSS ${(sh.rss / lt.rss).toFixed(2)} (${(sh.rss / MB).toFixed(0)} / ${(lt.rss / MB).toFixed(0)} MB), fds ${(sh.fds / lt.fds).toFixed(2)},` +
        ` idle CPU ${lt.idleCpu > 0 ? (sh.idleCpu / lt.idleCpu).toFixed(2) : `${(sh.idleCpu * 100).toFixed(2)}% against 0`}`,
    );
  }
} finally {
  await Promise.all(children.map((c) => c.stop()));
  await rm(root, { recursive: true, force: true });
}
