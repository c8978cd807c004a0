// How `bt seed` and `bt download` end on SIGINT and SIGTERM, run as child
// processes: a clean shutdown (the tracker hears "stopped", the log file is
// flushed) and the exit code (0 once the work is done, 130/143 when a download
// is interrupted before it completed).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { createTorrent } from '../../core/metainfo/index.ts';
import { MiniTracker } from '../helpers/mini-tracker.ts';
import { tempDir, writeFiles } from '../helpers/payload.ts';

const BT = new URL('../../bin/bt.js', import.meta.url).pathname;
const WAIT_MS = 20_000;

interface Setup {
  readonly dir: string;
  readonly torrentPath: string;
  readonly infoHash: string;
  readonly tracker: MiniTracker;
  readonly config: string;
  readonly logFile: string;
}

/** A torrent announcing to a local tracker, and a .btrc that logs every event as JSON to a file. */
async function setup(t: ExecutionContext): Promise<Setup> {
  const tracker = await MiniTracker.start(t);
  const dir = await tempDir(t, 'swarmhook-signals-');
  await writeFiles(dir, { 'sig.bin': 200_000 });
  const { torrent, metainfo } = await createTorrent(join(dir, 'sig.bin'), { pieceLength: 32768, announce: [tracker.url] });
  const torrentPath = join(dir, 'sig.torrent');
  await writeFile(torrentPath, torrent);
  const logFile = join(dir, 'bt.log');
  const config = join(dir, '.btrc.json');
  await writeFile(config, JSON.stringify({ plugins: [['logger', { level: 'debug', format: 'json', file: logFile }]] }));
  return { dir, torrentPath, infoHash: metainfo.infoHash, tracker, config, logFile };
}

interface Bt {
  readonly child: ChildProcess;
  output(): string;
  exit(): Promise<number | null>;
}

function startBt(t: ExecutionContext, args: readonly string[], cwd: string): Bt {
  const child = spawn(process.execPath, [BT, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  t.teardown(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (output += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (output += d));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return {
    child,
    output: () => output,
    exit: () => withTimeout(exited, `bt ${args[0]} did not exit: ${output}`),
  };
}

function withTimeout<T>(promise: Promise<T>, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), WAIT_MS)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Resolves once the child has announced `event` to the tracker. */
async function announced(s: Setup, event: string, bt: Bt): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!s.tracker.of(s.infoHash).some((a) => a.event === event)) {
    if (Date.now() > deadline) throw new Error(`no "${event}" announce; bt printed: ${bt.output()}`);
    if (bt.child.exitCode !== null) throw new Error(`bt exited with ${bt.child.exitCode}: ${bt.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('SIGTERM stops bt seed cleanly: exit 0, the tracker hears "stopped", the log file is flushed', async (t) => {
  const s = await setup(t);
  const bt = startBt(t, ['seed', s.torrentPath, s.dir, '--port', '0', '--config', s.config, '--quiet'], s.dir);
  await announced(s, 'started', bt);
  bt.child.kill('SIGTERM');
  t.is(await bt.exit(), 0, bt.output());
  t.true(s.tracker.of(s.infoHash).some((a) => a.event === 'stopped'));
  // The stopped announce is logged during the shutdown: only a flushed logger has written it.
  const log = await readFile(s.logFile, 'utf8');
  t.regex(log, /"event":"tracker_announce".*"stopped"/);
});

test('bt download interrupted before it completed exits 130 on SIGINT and 143 on SIGTERM, after a clean shutdown', async (t) => {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    const s = await setup(t);
    // No one seeds: the download cannot complete.
    const out = await tempDir(t, 'swarmhook-signals-out-');
    const bt = startBt(t, ['download', s.torrentPath, '-o', out, '--port', '0', '--config', s.config, '--quiet'], s.dir);
    await announced(s, 'started', bt);
    bt.child.kill(signal);
    t.is(await bt.exit(), code, bt.output());
    t.regex(bt.output(), new RegExp(`${signal} at 0\\.0% of sig\\.bin; the download is incomplete`));
    t.true(s.tracker.of(s.infoHash).some((a) => a.event === 'stopped'), `${signal}: no stopped announce`);
  }
});

test('Ctrl-C after a completed bt download --seed exits 0', async (t) => {
  const s = await setup(t);
  const seeder = startBt(t, ['seed', s.torrentPath, s.dir, '--port', '0', '--config', s.config, '--quiet'], s.dir);
  await announced(s, 'started', seeder);
  const out = await tempDir(t, 'swarmhook-signals-out-');
  const leecherConfig = join(out, '.btrc.json');
  await writeFile(leecherConfig, JSON.stringify({ plugins: [['logger', false]] }));
  const leecher = startBt(t, ['download', s.torrentPath, '-o', out, '--port', '0', '--config', leecherConfig, '--seed', '--quiet'], out);
  await withTimeout(
    new Promise<void>((resolve) => leecher.child.stdout!.on('data', () => /seeding on port/.test(leecher.output()) && resolve())),
    `bt download --seed did not complete: ${leecher.output()}`,
  );
  leecher.child.kill('SIGINT');
  t.is(await leecher.exit(), 0, leecher.output());
  seeder.child.kill('SIGINT');
  t.is(await seeder.exit(), 0, seeder.output());
});
