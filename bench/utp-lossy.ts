// uTP (LEDBAT) on a lossy link against libtorrent's. The benchmark makes a
// network namespace of its own (`ip netns add swarmhook-bench-<pid>`), brings
// its loopback up and slows it with `tc qdisc add dev lo root netem delay
// 25ms loss 1%` (every packet crosses lo once: 50 ms RTT, ~1% loss each way),
// then runs itself again inside it (`ip netns exec`, --inside). In there one
// libtorrent seeder restricted to uTP (as bench/utp.ts drives it) serves the
// same torrent to two uTP-only downloaders in turn, interleaved:
//   - libtorrent's own client (a python session as a child process): the reference;
//   - swarmhook (a Client in this process, transports.order ["utp"]).
// There the sender, whose LEDBAT sets the pace, is libtorrent; with
// --swarmhook-seeds a third transfer, interleaved with them, has swarmhook's
// LEDBAT send: a swarmhook seeder (a Client in this process, uTP only) to
// libtorrent's client.
// Each figure is the time from the downloader being ready (libtorrent: its
// "ready" line; swarmhook: addTorrent called) to every piece verified, median
// of --runs, as MB/s and the ratio swarmhook / libtorrent. The namespace is
// deleted at the end, also on failure or Ctrl-C.
//
// Needs root (ip netns, tc), a kernel with sch_netem, and /usr/bin/python3
// with libtorrent (apt-get install -y python3-libtorrent). When the link
// cannot be made, it says why and exits with code 2.
//
// --userspace-link, for kernels without netem: no namespace; the same delay
// and loss are made by bench/lossy-udp-relay.ts (a child process) between
// each downloader and the seeder on the ordinary loopback. An emulation:
// its timers have a millisecond's jitter and it shares the CPU with the
// clients, which netem in the kernel does not.
//
// Run: node --import=tsx bench/utp-lossy.ts [MiB] [--runs N] [--delay-ms 25] [--loss-percent 1] [--timeout-s 600] [--userspace-link] [--swarmhook-seeds]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { Client } from '../core/client.ts';
import { createTorrent, type Metainfo } from '../core/metainfo/index.ts';
import { Child, isEvent, median, MIB, PYTHON, seconds, SESSION_SCRIPT, writeRandomFile } from './processes.ts';

const PIECE = 256 * 1024;
const IP = '/usr/sbin/ip';
const TC = '/usr/sbin/tc';
/** Exit code when the lossy link cannot be made here (as opposed to 1: the benchmark itself failed). */
const CANNOT = 2;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: 'string', default: '3' },
    'delay-ms': { type: 'string', default: '25' },
    'loss-percent': { type: 'string', default: '1' },
    'timeout-s': { type: 'string', default: '600' },
    inside: { type: 'boolean', default: false },
    'userspace-link': { type: 'boolean', default: false },
    'swarmhook-seeds': { type: 'boolean', default: false },
  },
});
const totalMiB = Number(positionals[0] ?? 16);
const LENGTH = totalMiB * MIB;
const RUNS = Number(values.runs);
const DELAY_MS = Number(values['delay-ms']);
const LOSS = Number(values['loss-percent']);
const TIMEOUT_MS = Number(values['timeout-s']) * 1000;

const RELAY_SCRIPT = fileURLToPath(new URL('./lossy-udp-relay.ts', import.meta.url));

/** The lossy link cannot be made on this machine; the message says why. */
class CannotEmulate extends Error {}

/** Runs a command to its end; throws CannotEmulate with its stderr when it fails. */
function must(what: string, command: string, args: readonly string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000 });
  if (result.status === 0) return;
  const said = (result.stderr || result.error?.message || `exit ${result.status}`).trim();
  throw new CannotEmulate(`${what} failed: \`${[command, ...args].join(' ')}\`: ${said}`);
}

/** What the running kernel's config says about netem, when it can be read. */
function netemInKernel(): string {
  if (!existsSync('/proc/config.gz')) return '';
  const line = gunzipSync(readFileSync('/proc/config.gz')).toString('latin1').split('\n').find((l) => l.includes('CONFIG_NET_SCH_NETEM'));
  return line === undefined ? '' : ` (/proc/config.gz: "${line.trim()}")`;
}

/** Outside: makes the namespace and its lossy loopback, runs the benchmark in it, always deletes it. */
async function outside(): Promise<number> {
  if (process.getuid?.() !== 0) throw new CannotEmulate('network namespaces and tc need root; run as root');
  for (const tool of [IP, TC]) if (!existsSync(tool)) throw new CannotEmulate(`${tool} is missing (apt-get install -y iproute2)`);
  const name = `swarmhook-bench-${process.pid}`;
  must('creating the network namespace', IP, ['netns', 'add', name]);
  let inner: ReturnType<typeof spawn> | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    inner?.kill('SIGKILL');
    spawnSync(IP, ['netns', 'del', name]);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  try {
    const inNs = (...args: string[]): string[] => ['netns', 'exec', name, ...args];
    must('bringing lo up in the namespace', IP, inNs(IP, 'link', 'set', 'lo', 'up'));
    try {
      must('adding netem to lo', IP, inNs(TC, 'qdisc', 'add', 'dev', 'lo', 'root', 'netem', 'delay', `${DELAY_MS}ms`, 'loss', `${LOSS}%`));
    } catch (err) {
      throw new CannotEmulate(`${(err as Error).message}; this kernel has no netem qdisc${netemInKernel()}, so no delay or loss can be put on a link here (--userspace-link emulates the link in a relay process instead)`);
    }
    const self = fileURLToPath(import.meta.url);
    inner = spawn(IP, inNs(process.execPath, ...process.execArgv, self, '--inside', ...process.argv.slice(2)), { stdio: 'inherit' });
    const running = inner;
    return await new Promise<number>((resolve) => running.on('exit', (code, signal) => resolve(code ?? (signal === null ? 1 : 128))));
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    const deleted = spawnSync(IP, ['netns', 'del', name], { encoding: 'utf8' });
    if (deleted.status !== 0) console.error(`could not delete the network namespace ${name}: ${deleted.stderr.trim()} (delete it with \`ip netns del ${name}\`)`);
  }
}

/** A libtorrent session child, uTP only, on the namespace's loopback. */
function libtorrent(name: string, args: readonly string[]): Child {
  return new Child(name, PYTHON, [SESSION_SCRIPT, '--transport', 'utp', '--listen', '127.0.0.1', '--alerts', 'none', ...args]);
}

/** libtorrent downloads from the seeder at `port`: ms from its "ready" line to "finished". */
async function libtorrentDownload(torrentPath: string, port: number, dir: string): Promise<number> {
  const lt = libtorrent('libtorrent downloader', ['--torrent', torrentPath, '--save', dir, '--mode', 'download', '--peer', `127.0.0.1:${port}`]);
  try {
    await lt.waitFor(isEvent('ready'), 'the downloader to be ready');
    const t0 = performance.now();
    await lt.waitFor(isEvent('finished'), 'the download to finish', TIMEOUT_MS);
    return performance.now() - t0;
  } finally {
    await lt.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** A Client that dials uTP only, listening on the loopback. */
function utpClient(): Client {
  return new Client({ listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' }, transports: { order: ['utp'] }, resume: { enabled: false } });
}

/** swarmhook downloads from the seeder at `port` over uTP: ms from addTorrent to complete. */
async function swarmhookDownload(meta: Metainfo, port: number, dir: string): Promise<number> {
  const client = utpClient();
  try {
    await client.listen();
    const t0 = performance.now();
    const swarm = await client.addTorrent(meta, { dir, peers: [{ ip: '127.0.0.1', port }] });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`swarmhook: not complete after ${TIMEOUT_MS} ms`)), TIMEOUT_MS)));
    await Promise.race([swarm.whenComplete(), timeout]).finally(() => clearTimeout(timer));
    return performance.now() - t0;
  } finally {
    await client.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The relay of --userspace-link in front of the seeder at `port`; resolves with the relay's port. */
async function startRelay(port: number): Promise<{ relay: Child; port: number }> {
  const relay = new Child('lossy UDP relay', process.execPath, [
    ...process.execArgv, RELAY_SCRIPT, '--target', String(port), '--delay-ms', String(DELAY_MS), '--loss-percent', String(LOSS),
  ]);
  return { relay, port: (await relay.waitFor(isEvent('listening'), 'the relay to listen')).port! };
}

/** Inside the namespace (or beside the relay): the transfers and the figures. */
async function inside(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'swarmhook-bench-utp-lossy-'));
  let seeder: Child | undefined;
  let relay: Child | undefined;
  let relayToSwarmhook: Child | undefined;
  let swarmhookSeeder: Client | undefined;
  try {
    const dataPath = join(root, 'payload.bin');
    await writeRandomFile(dataPath, LENGTH);
    const { metainfo, torrent } = await createTorrent(dataPath, { pieceLength: PIECE, creationDate: null });
    const torrentPath = join(root, 'payload.torrent');
    await writeFile(torrentPath, torrent);

    seeder = libtorrent('libtorrent seeder', ['--torrent', torrentPath, '--save', root, '--mode', 'seed', '--high-performance', '--skip-check']);
    const port = (await seeder.waitFor(isEvent('listening'), 'the seeder to listen')).port!;
    await seeder.waitFor(isEvent('ready'), 'the seeder to be ready');
    let peerPort = port;
    if (values['userspace-link']) ({ relay, port: peerPort } = await startRelay(port));
    let swarmhookPort = 0;
    if (values['swarmhook-seeds']) {
      swarmhookSeeder = utpClient();
      await swarmhookSeeder.addTorrent(metainfo, { dir: root, seedMode: true });
      swarmhookPort = swarmhookSeeder.port!;
      if (values['userspace-link']) ({ relay: relayToSwarmhook, port: swarmhookPort } = await startRelay(swarmhookPort));
    }

    const contenders = [
      { name: 'libtorrent -> libtorrent', run: (dir: string) => libtorrentDownload(torrentPath, peerPort, dir), times: [] as number[] },
      { name: 'libtorrent -> swarmhook', run: (dir: string) => swarmhookDownload(metainfo, peerPort, dir), times: [] as number[] },
      { name: 'swarmhook -> libtorrent', run: (dir: string) => libtorrentDownload(torrentPath, swarmhookPort, dir), times: [] as number[] },
    ].slice(0, values['swarmhook-seeds'] ? 3 : 2);
    for (let r = 0; r < RUNS; r++) {
      for (let k = 0; k < contenders.length; k++) {
        const c = contenders[(r + k) % contenders.length]!;
        c.times[r] = await c.run(join(root, `download-${r}`));
      }
      console.log(`run ${r + 1}: ${contenders.map((c) => `${c.name} ${seconds(c.times[r]!)}`).join(', ')}`);
    }
    const mbps = (ms: number): number => LENGTH / 1e6 / (ms / 1000);
    type Contender = (typeof contenders)[number];
    const [lt, shDown, shUp] = contenders as [Contender, Contender, Contender | undefined];
    const link = values['userspace-link'] ? 'a user-space relay (bench/lossy-udp-relay.ts)' : 'netem';
    console.log(`\nuTP only, loopback with ${link}: delay ${DELAY_MS} ms (RTT ${2 * DELAY_MS} ms) and ${LOSS}% loss each way, ${totalMiB} MiB (${LENGTH / PIECE} pieces of ${PIECE / 1024} KiB), median of ${RUNS}:`);
    for (const c of contenders) console.log(`  ${c.name.padEnd(24)} ${seconds(median(c.times))}  ${mbps(median(c.times)).toFixed(2)} MB/s`);
    for (const [sh, what] of [[shDown, 'swarmhook receiving'], [shUp, "swarmhook's LEDBAT sending"]] as const) {
      if (sh === undefined) continue;
      const paired = median(sh.times.map((t, r) => lt.times[r]! / t)).toFixed(2);
      console.log(`  ratio ${sh.name} / libtorrent -> libtorrent throughput (${what}): ${(median(lt.times) / median(sh.times)).toFixed(2)} (paired ${paired})`);
    }
    for (const [name, r] of [['libtorrent', relay], ['swarmhook', relayToSwarmhook]] as const) {
      if (r === undefined) continue;
      const from = r.lines.length;
      r.send({ cmd: 'counts' });
      const counts = await r.waitFor((l) => (isEvent('counts')(l) as { relayed?: number; dropped?: number } | undefined), 'the relay\'s counts', 10_000, from);
      const all = counts.relayed! + counts.dropped!;
      console.log(`  the relay to the ${name} seeder carried ${counts.relayed} datagrams and dropped ${counts.dropped} (${((100 * counts.dropped!) / all).toFixed(2)}%)`);
    }
  } finally {
    await relay?.stop();
    await relayToSwarmhook?.stop();
    await seeder?.stop();
    await swarmhookSeeder?.destroy();
    await rm(root, { recursive: true, force: true });
  }
}

if (values.inside || values['userspace-link']) {
  await inside();
} else {
  try {
    process.exitCode = await outside();
  } catch (err) {
    if (!(err instanceof CannotEmulate)) throw err;
    console.error(`bench/utp-lossy.ts: cannot emulate a lossy link here: ${err.message}`);
    process.exitCode = CANNOT;
  }
}
