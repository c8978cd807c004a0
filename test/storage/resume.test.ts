// Kill -9 in the middle of a download, start again: the download completes,
// and the second run's log shows the pieces verified before the kill were
// found on disk (piece_hash_passed with no peers) and never fetched again.
// The downloader is `bt download` as a child process logging JSON lines
// through the logger plugin; the seeder is a client in this process. The
// first run reaches the seeder through a relay that passes 40% of the
// torrent's bytes and then stalls, so the kill lands mid-download every time.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { Client } from '../../core/client.ts';
import { createTorrent } from '../../core/metainfo/index.ts';
import { ManagedProcess, sleep } from '../helpers/child-process.ts';
import { tempDir, writeFiles } from '../helpers/payload.ts';
import { StallProxy } from '../helpers/stall-proxy.ts';

const BT = fileURLToPath(new URL('../../bin/bt.js', import.meta.url));
const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;
const LENGTH = 16 * 1024 * 1024;
const PIECE = 64 * 1024;

interface LogLine {
  readonly event: string;
  readonly index?: number;
  readonly peers?: readonly unknown[];
}

async function readLog(path: string): Promise<LogLine[]> {
  const text = await readFile(path, 'utf8').catch(() => '');
  // The last line may be half written when the writer is killed.
  return text
    .split('\n')
    .filter((l) => l.endsWith('}'))
    .map((l) => JSON.parse(l) as LogLine);
}

/** Indexes of piece_hash_passed lines: checked on disk (no peers) or fetched (from peers). */
function passed(lines: readonly LogLine[], source: 'disk' | 'peers'): number[] {
  return lines
    .filter((l) => l.event === 'piece_hash_passed' && (source === 'disk' ? l.peers!.length === 0 : l.peers!.length > 0))
    .map((l) => l.index!);
}

const sorted = (xs: Iterable<number>): number[] => [...xs].sort((a, b) => a - b);

async function writeConfig(path: string, log: string): Promise<void> {
  const logger = { level: 'off', format: 'json', file: log, include: ['piece_hash_passed', 'piece_hash_failed', 'file_error', 'torrent_complete'] };
  await writeFile(path, JSON.stringify({ listen: { ports: 0, tcp6: false, host4: '127.0.0.1' }, plugins: [['logger', logger]] }));
}

test('a download killed with SIGKILL resumes: verified pieces are checked on disk, not fetched again', async (t) => {
  t.timeout(120_000);
  const seedDir = await tempDir(t);
  const leechDir = await tempDir(t);
  const work = await tempDir(t);
  await writeFiles(seedDir, { 'payload.bin': LENGTH });
  const { torrent, metainfo } = await createTorrent(join(seedDir, 'payload.bin'), { pieceLength: PIECE });
  const pieceCount = metainfo.pieceCount;
  const torrentPath = join(work, 'payload.torrent');
  await writeFile(torrentPath, torrent);

  const seeder = new Client(LOOPBACK);
  t.teardown(() => seeder.destroy());
  const seeding = await seeder.addTorrent(metainfo, { dir: seedDir });
  t.is(seeding.state, 'seeding');

  // Run 1: through the relay, which stalls after 40% of the torrent's bytes.
  const proxy = await StallProxy.start(t, { target: { host: '127.0.0.1', port: seeder.port! }, budget: Math.floor(LENGTH * 0.4) });
  const log1 = join(work, 'run1.jsonl');
  await writeConfig(join(work, 'run1.btrc.json'), log1);
  const run1 = ManagedProcess.start(
    t,
    process.execPath,
    [BT, 'download', torrentPath, '-o', leechDir, '--peer', `127.0.0.1:${proxy.port}`, '--quiet', '--config', join(work, 'run1.btrc.json')],
    { name: 'bt download (run 1)', cwd: work },
  );
  // Wait for the stall, then until the log has been quiet for a while: every piece that will pass has passed.
  const deadline = Date.now() + 60_000;
  let before: number[] = [];
  for (let quietSince = Date.now(); ; ) {
    if (run1.exited) throw new Error(`run 1 exited early (code ${run1.exitCode})\n${run1.tail()}`);
    if (Date.now() > deadline) throw new Error(`run 1 did not stall: ${proxy.forwarded} bytes relayed\n${run1.tail()}`);
    const now = passed(await readLog(log1), 'peers');
    if (now.length !== before.length) quietSince = Date.now();
    before = now;
    if (proxy.stalled && before.length > 0 && Date.now() - quietSince > 500) break;
    await sleep(50);
  }
  process.kill(run1.pid!, 'SIGKILL');
  await run1.waitForExit('run 1 to die', 10_000);
  t.true(before.length > 0 && before.length < pieceCount, `run 1 verified ${before.length} of ${pieceCount} pieces before the kill`);
  t.is(new Set(before).size, before.length, 'run 1 verified each piece once');
  await proxy.close();
  // The seeder notices the dead connection before its upload count is taken.
  for (let i = 0; seeding.peers.length > 0 && i < 200; i++) await sleep(25);
  const uploadedBefore = seeding.uploaded;

  // Run 2: straight to the seeder, with a fresh log.
  const log2 = join(work, 'run2.jsonl');
  await writeConfig(join(work, 'run2.btrc.json'), log2);
  const run2 = ManagedProcess.start(
    t,
    process.execPath,
    [BT, 'download', torrentPath, '-o', leechDir, '--peer', `127.0.0.1:${seeder.port}`, '--quiet', '--config', join(work, 'run2.btrc.json')],
    { name: 'bt download (run 2)', cwd: work },
  );
  t.is(await run2.waitForExit('run 2 to finish the download', 60_000), 0, run2.tail());

  const lines = await readLog(log2);
  const checked = new Set(passed(lines, 'disk'));
  const fetched = passed(lines, 'peers');
  const fetchedSet = new Set(fetched);
  t.deepEqual(sorted(checked), sorted(before), 'the check found exactly the pieces run 1 verified');
  t.is(fetchedSet.size, fetched.length, 'no piece was fetched twice');
  t.true([...fetchedSet].every((i) => !checked.has(i)), 'no piece found on disk was fetched');
  t.is(checked.size + fetchedSet.size, pieceCount, 'together they are every piece');
  // The check read every piece (the file has its full length since run 1): the rest failed there.
  const failedOnDisk = lines.filter((l) => l.event === 'piece_hash_failed' && l.peers!.length === 0).map((l) => l.index!);
  t.deepEqual(sorted(failedOnDisk), sorted(fetchedSet));
  t.true(lines.some((l) => l.event === 'torrent_complete'));
  // The seeder agrees: in run 2 it sent exactly the pieces that were fetched.
  t.is(seeding.uploaded - uploadedBefore, fetchedSet.size * PIECE);
  t.true((await readFile(join(leechDir, 'payload.bin'))).equals(await readFile(join(seedDir, 'payload.bin'))), 'the file is byte for byte the seed');
});
