// A seeder under attack: how much memory it takes, and how much slower an
// honest download from it gets. A generated torrent is seeded by a Client as
// `bt seed` builds it, in a child process (bench/hostile/seeder.ts) so that
// its resident memory is its own; a swarmhook client in this process
// downloads it once with no attacker (the baseline) and once beside each
// attack of bench/hostile/attacks.ts, the attacker in a child process of its
// own (bench/hostile/attacker.ts) started ATTACK_HEAD_START_MS before the
// download. Each round measures the baseline and every attack; with several
// rounds the figures are medians and the slowdown is the median of the
// round-by-round ratios against the baseline of the same round.
//
// Run: node --import=tsx bench/hostile.ts [--mib 256] [--rounds 3] [--only NAME] [--give-up 120]
import { fork, type ChildProcess } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createClient, type Metainfo } from '../core/index.ts';
import { createTorrent } from '../core/metainfo/index.ts';
import type { AttackTarget } from './hostile/attack.ts';
import type { AttackerReport } from './hostile/attacker.ts';
import { ATTACKS } from './hostile/attacks.ts';
import type { SeederReport, SeederRequest } from './hostile/seeder.ts';

const { values } = parseArgs({
  options: {
    mib: { type: 'string', default: '256' },
    rounds: { type: 'string', default: '3' },
    only: { type: 'string' },
    'give-up': { type: 'string', default: '120' },
  },
});
const MIB = Number(values.mib);
const ROUNDS = Number(values.rounds);
/** An honest download still running after this many seconds is given up (counted as this long). */
const GIVE_UP_S = Number(values['give-up']);
const ATTACK_HEAD_START_MS = 3000;
const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;
const TSX = ['--import=tsx'];
const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

interface Phase {
  readonly name: string;
  readonly seconds: number[];
  readonly peakRss: number[];
  readonly seederCpuMs: number[];
  readonly ratios: number[];
  peerErrors: Record<string, number>;
  connections: number;
  closedBySeeder: number;
}

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

/** The next IPC message of `type` from a child. */
function nextMessage<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: { type: string }): void => {
      if (m.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(m as T);
    };
    const onExit = (code: number | null): void => reject(new Error(`child exited (${code}) while waiting for "${type}"`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

class Seeder {
  readonly #child: ChildProcess;
  /** Its last peak RSS sample, and how it ended if it did. */
  #lastPeak = 0;
  #died: string | undefined;
  constructor(torrentFile: string, dir: string) {
    this.#child = fork(here('./hostile/seeder.ts'), [torrentFile, dir], { execArgv: TSX, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let lastError = '';
    this.#child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      if (/heap|error/i.test(text)) lastError = text.trim().split('\n').find((l) => /heap|error/i.test(l)) ?? lastError;
    });
    this.#child.on('message', (m: { type: string; peakRss?: number }) => {
      if (m.type === 'sample') this.#lastPeak = Math.max(this.#lastPeak, m.peakRss!);
    });
    this.#child.once('exit', (code, signal) => (this.#died = `seeder died (${signal ?? `exit ${code}`}${lastError === '' ? '' : `: ${lastError}`})`));
  }
  get died(): string | undefined {
    return this.#died;
  }
  async ready(): Promise<number> {
    return (await nextMessage<{ port: number }>(this.#child, 'ready')).port;
  }
  #ask(request: SeederRequest): void {
    this.#child.send(request);
  }
  reset(): void {
    this.#lastPeak = 0;
    this.#ask({ type: 'reset' });
  }
  async report(): Promise<SeederReport> {
    if (this.#died === undefined) {
      const answer = nextMessage<SeederReport>(this.#child, 'report');
      this.#ask({ type: 'report' });
      try {
        return await answer;
      } catch {
        // Died meanwhile: reported below.
      }
    }
    return { type: 'report', peakRss: this.#lastPeak, rss: 0, cpuMs: NaN, peerErrors: {}, died: this.#died ?? 'seeder died' };
  }
  async stop(): Promise<void> {
    if (this.#died !== undefined) return;
    const exited = new Promise((r) => this.#child.once('exit', r));
    this.#ask({ type: 'stop' });
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    this.#child.kill();
  }
}

async function startAttacker(name: string, target: AttackTarget): Promise<() => Promise<AttackerReport>> {
  const child = fork(here('./hostile/attacker.ts'), [name, JSON.stringify(target)], { execArgv: TSX, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await nextMessage(child, 'started');
  return async () => {
    const report = nextMessage<AttackerReport>(child, 'stopped');
    child.send({ type: 'stop' });
    try {
      return await report;
    } finally {
      child.kill();
    }
  };
}

interface Download {
  /** From addTorrent to complete, or to giving up. */
  readonly seconds: number;
  /** Fraction downloaded: 1 unless given up. */
  readonly progress: number;
}

/** One honest download from the seeder, given up after GIVE_UP_S. */
async function honestDownload(meta: Metainfo, port: number, work: string): Promise<Download> {
  const dir = await mkdtemp(join(work, 'download-'));
  // The logger off: a line per verified piece on this terminal tells nothing here.
  const client = await createClient({ ...LOOPBACK, config: false, plugins: [['logger', false]] });
  let timer: NodeJS.Timeout | undefined;
  try {
    const started = performance.now();
    const torrent = await client.addTorrent(meta, { dir, peers: [{ ip: '127.0.0.1', port }] });
    const gaveUp = new Promise<'gave up'>((resolve) => (timer = setTimeout(() => resolve('gave up'), GIVE_UP_S * 1000)));
    await Promise.race([torrent.whenComplete(), gaveUp]);
    return { seconds: (performance.now() - started) / 1000, progress: torrent.progress };
  } finally {
    clearTimeout(timer);
    await client.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'swarmhook-bench-hostile-'));
  // Interrupted: the payload goes too (the children exit when their IPC channel closes).
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      rmSync(work, { recursive: true, force: true });
      process.exit(130);
    });
  }
  const attacks = ATTACKS.filter((a) => values.only === undefined || a.name === values.only);
  let seeder: Seeder | undefined;
  try {
    const seedDir = join(work, 'seed');
    await mkdir(seedDir);
    const payload = join(seedDir, 'payload.bin');
    await writePayload(payload, MIB);
    const { metainfo, torrent } = await createTorrent(payload);
    const torrentFile = join(work, 'payload.torrent');
    await writeFile(torrentFile, torrent);
    seeder = new Seeder(torrentFile, seedDir);
    const port = await seeder.ready();
    const target: AttackTarget = {
      host: '127.0.0.1',
      port,
      infoHash: metainfo.infoHash,
      pieceCount: metainfo.pieceCount,
      pieceLength: metainfo.pieceLength,
      length: metainfo.length,
    };
    console.log(`${MIB} MiB (${metainfo.pieceCount} pieces of ${metainfo.pieceLength / 1024} KiB) seeded by a child process with default settings; ${ROUNDS} round(s)`);
    // Untimed: page cache, JIT, the seeder's read cache.
    await honestDownload(metainfo, port, work);

    const phases: Phase[] = ['no attacker (baseline)', ...attacks.map((a) => a.name)].map((name) => ({
      name,
      seconds: [],
      peakRss: [],
      seederCpuMs: [],
      ratios: [],
      peerErrors: {},
      connections: 0,
      closedBySeeder: 0,
    }));
    for (let round = 0; round < ROUNDS; round++) {
      let baseline = NaN;
      for (const [i, phase] of phases.entries()) {
        const attack = i === 0 ? undefined : attacks[i - 1]!;
        seeder.reset();
        const stopAttacker = attack === undefined ? undefined : await startAttacker(attack.name, target);
        if (stopAttacker !== undefined) await new Promise((r) => setTimeout(r, ATTACK_HEAD_START_MS));
        const { seconds, progress } = await honestDownload(metainfo, port, work);
        const attacker = await stopAttacker?.();
        const report = await seeder.report();
        if (i === 0) baseline = seconds;
        phase.seconds.push(seconds);
        phase.peakRss.push(report.peakRss);
        phase.seederCpuMs.push(report.cpuMs);
        phase.ratios.push(seconds / baseline);
        for (const [code, n] of Object.entries(report.peerErrors)) phase.peerErrors[code] = (phase.peerErrors[code] ?? 0) + n;
        phase.connections += attacker?.connections ?? 0;
        phase.closedBySeeder += attacker?.closedBySeeder ?? 0;
        const codes = Object.entries(report.peerErrors).map(([c, n]) => `${c} x${n}`).join(', ') || 'none';
        console.log(
          `  round ${round + 1}, ${phase.name}: honest download ${progress < 1 ? `given up after ${seconds.toFixed(0)} s at ${(progress * 100).toFixed(1)}%` : `${seconds.toFixed(2)} s`} (x${(seconds / baseline).toFixed(2)}), seeder peak RSS ${mb(report.peakRss)}, seeder CPU ${(report.cpuMs / 1000).toFixed(2)} s, peer_error: ${codes}` +
            (attacker === undefined
              ? ''
              : `, attacker connections ${attacker.connections} (${attacker.closedBySeeder} closed by the seeder), attacker CPU ${(attacker.cpuMs / 1000).toFixed(2)} s`) +
            (report.died === undefined ? '' : `; ${report.died}`),
        );
        if (report.died !== undefined) return;
      }
    }
    console.log(`\nmedians of ${ROUNDS} round(s); slowdown: median of the round-by-round ratios to the baseline; peak RSS: the highest of the rounds`);
    console.log(`${'attack'.padEnd(24)} ${'honest download'.padStart(15)} ${'slowdown'.padStart(9)} ${'seeder peak RSS'.padStart(16)} ${'seeder CPU'.padStart(11)}  disconnects (peer_error codes)`);
    for (const p of phases) {
      const codes = Object.entries(p.peerErrors).map(([c, n]) => `${c} x${n}`).join(', ') || '-';
      console.log(
        `${p.name.padEnd(24)} ${`${median(p.seconds).toFixed(2)} s`.padStart(15)} ${`x${median(p.ratios).toFixed(2)}`.padStart(9)} ${mb(Math.max(...p.peakRss)).padStart(16)} ${`${(median(p.seederCpuMs) / 1000).toFixed(2)} s`.padStart(11)}  ${codes}`,
      );
    }
  } finally {
    await seeder?.stop();
    await rm(work, { recursive: true, force: true });
  }
}

await main();
