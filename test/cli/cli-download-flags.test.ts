// `bt download`, `bt seed` and `bt verify` with the flags people expect:
// child processes on loopback, as a user runs them.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import test, { type ExecutionContext } from 'ava';
import { Client } from '../../core/client.ts';
import { createTorrent, type Metainfo } from '../../core/metainfo/index.ts';
import { fileServer } from '../helpers/file-server.ts';
import { within } from '../helpers/interop-swarm.ts';
import { sameFiles, tempDir, writeFiles } from '../helpers/payload.ts';

const run = promisify(execFile);
const BT = new URL('../../bin/bt.js', import.meta.url).pathname;
const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;
const PIECE = 16384;

interface Setup {
  readonly dir: string;
  readonly path: string;
  readonly metainfo: Metainfo;
  readonly config: string;
}

/** Two files (a.bin, then b.txt), 16 KiB pieces, a .btrc that leaves the logger at its defaults. */
async function setup(t: ExecutionContext, btrc: object = {}): Promise<Setup> {
  const dir = await tempDir(t);
  await writeFiles(join(dir, 'pay'), { 'a.bin': 200_000, 'b.txt': 100_000 });
  const { torrent, metainfo } = await createTorrent(join(dir, 'pay'), { pieceLength: PIECE });
  const path = join(dir, 'pay.torrent');
  await writeFile(path, torrent);
  const config = join(dir, '.btrc.json');
  await writeFile(config, JSON.stringify(btrc));
  return { dir, path, metainfo, config };
}

async function seeder(t: ExecutionContext, s: Setup): Promise<number> {
  const client = new Client(LOOPBACK);
  t.teardown(() => client.destroy());
  await client.addTorrent(s.metainfo, { dir: s.dir });
  return client.port!;
}

async function download(s: Setup, port: number, out: string, ...flags: string[]) {
  return run(process.execPath, [BT, 'download', s.path, '-o', out, '--peer', `127.0.0.1:${port}`, '--port', '0', '--config', s.config, ...flags], {
    timeout: 60_000,
  });
}

test('by default a download prints a handful of lines, not one per piece; -v brings the piece lines back', async (t) => {
  const s = await setup(t);
  t.true(s.metainfo.pieceCount >= 18);
  const port = await seeder(t, s);
  const quiet = await download(s, port, await tempDir(t));
  const lines = `${quiet.stdout}${quiet.stderr}`.trimEnd().split('\n');
  t.true(lines.length <= 6, lines.join('\n'));
  t.regex(quiet.stdout, /complete: pay \(300000 bytes\)/);
  t.notRegex(quiet.stderr, /piece_hash_passed/);
  const verbose = await download(s, port, await tempDir(t), '-v');
  t.is([...verbose.stderr.matchAll(/piece_hash_passed/g)].length, s.metainfo.pieceCount);
});

test('a .btrc that sets the logger level wins over the CLI default', async (t) => {
  const s = await setup(t, { plugins: [['logger', { level: 'info' }]] });
  const port = await seeder(t, s);
  const { stderr } = await download(s, port, await tempDir(t), '-q');
  t.is([...stderr.matchAll(/piece_hash_passed/g)].length, s.metainfo.pieceCount);
});

test('--json prints one object per line, status lines and a final summary', async (t) => {
  const s = await setup(t);
  const port = await seeder(t, s);
  const { stdout } = await download(s, port, await tempDir(t), '--json', '-v');
  const lines = stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  t.true(lines.some((l) => l['type'] === 'status' && typeof l['total'] === 'number' && 'eta' in l && 'seeds' in l));
  t.like(lines.at(-1), { type: 'summary', outcome: 'complete', exitCode: 0, name: 'pay', total: 300_000, done: 300_000, progress: 1 });
});

test('--select downloads only the chosen file', async (t) => {
  const s = await setup(t);
  const port = await seeder(t, s);
  const out = await tempDir(t);
  const { stdout } = await download(s, port, out, '--select', '*.txt', '--max-peers', '5');
  t.regex(stdout, /selected 1 of 2 file\(s\): pay\/b\.txt/);
  t.regex(stdout, /complete: pay \(100000 bytes of 1 selected file\(s\)\)/);
  t.true(await sameFiles(s.dir, out, ['pay/b.txt']));
  // a.bin holds at most the piece it shares with b.txt.
  const a = await readFile(join(out, 'pay/a.bin')).catch(() => Buffer.alloc(0));
  t.true(a.filter((byte) => byte !== 0).length <= PIECE);
  const error = await t.throwsAsync(download(s, port, out, '--select', '*.avi'));
  t.regex((error as { stderr?: string }).stderr ?? '', /\[CLI_BAD_SELECTION\] --select "\*\.avi": no file of the torrent matches/);
});

test('bt download takes the .torrent by http URL, --select by pattern included; a 404 exits 1 with TORRENT_URL_FAILED', async (t) => {
  const s = await setup(t);
  const port = await seeder(t, s);
  const base = await fileServer(t, { '/pay.torrent': await readFile(s.path) });
  const out = await tempDir(t);
  const { stdout } = await run(process.execPath, [BT, 'download', `${base}/pay.torrent`, '-o', out, '--peer', `127.0.0.1:${port}`, '--port', '0', '--config', s.config, '--select', '*.txt'], { timeout: 60_000 });
  t.regex(stdout, /complete: pay \(100000 bytes of 1 selected file\(s\)\)/);
  t.true(await sameFiles(s.dir, out, ['pay/b.txt']));
  const error = (await t.throwsAsync(run(process.execPath, [BT, 'download', `${base}/nothing.torrent`, '-o', out, '--port', '0', '--config', s.config], { timeout: 60_000 }))) as Error & { code: number; stderr: string };
  t.is(error.code, 1);
  t.regex(error.stderr, /TORRENT_URL_FAILED.*HTTP 404/);
});

test('--seed-time: the download completes, seeds for the time, then exits 0', async (t) => {
  const s = await setup(t);
  const port = await seeder(t, s);
  const { stdout } = await download(s, port, await tempDir(t), '--seed-time', '1s');
  t.regex(stdout, /complete: pay/);
  t.regex(stdout, /seeding on port \d+; until 1 s or Ctrl-C/);
  t.regex(stdout, /stopping: seeded \d+ s \(--seed-time\)/);
});

test('bt seed --seed-ratio 1: exits 0 once a leecher has taken the whole torrent', async (t) => {
  const s = await setup(t);
  const child = spawn(process.execPath, [BT, 'seed', s.path, s.dir, '--port', '0', '--config', s.config, '--seed-ratio', '1', '--json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.teardown(() => child.kill('SIGKILL'));
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = once(child, 'exit');
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bt seed printed no port: ${stdout}`)), 30_000);
    child.stdout.on('data', () => {
      const m = /on port (\d+)/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
  });
  // Over uTP, the default. The seeder stops the moment its ratio is reached: the bytes it counted must have left
  // (counted on the write's completion), and its closing connection must deliver them before the process exits.
  const leecher = new Client({ ...LOOPBACK });
  t.teardown(() => leecher.destroy());
  const out = await tempDir(t);
  const torrent = await leecher.addTorrent(s.metainfo, { dir: out, peers: [{ ip: '127.0.0.1', port }] });
  const state = (): string => `leecher at ${(torrent.progress * 100).toFixed(1)}%, peers ${JSON.stringify(torrent.peers.map((p) => [p.port, p.protocol, p.bytesIn]))}; bt seed printed:\n${stdout}\n${stderr}`;
  await within(torrent.whenComplete(), 60_000, 'the leecher to complete', state);
  const [code] = (await within(exited, 30_000, 'bt seed to exit at ratio 1', state)) as [number | null];
  t.is(code, 0, stdout);
  const last = JSON.parse(stdout.trimEnd().split('\n').at(-1)!) as Record<string, unknown>;
  t.like(last, { type: 'summary', outcome: 'stopped', exitCode: 0, uploaded: 300_000 });
  t.regex(String(last['seedStop']), /upload ratio 1\.00 reached/);
});

test('bt verify: exit 0 on a good copy; on a damaged one the bad and missing pieces and their files, exit 1', async (t) => {
  const s = await setup(t);
  const good = await run(process.execPath, [BT, 'verify', s.path, s.dir]);
  t.is(good.stdout, `complete: pay in ${s.dir}: all ${s.metainfo.pieceCount} pieces verified\n`);
  // A wrong byte in piece 2 (of a.bin), and b.txt gone.
  const a = join(s.dir, 'pay/a.bin');
  const bytes = await readFile(a);
  bytes[2 * PIECE + 5]! ^= 0xff;
  await writeFile(a, bytes);
  await rm(join(s.dir, 'pay/b.txt'));
  const error = (await t.throwsAsync(run(process.execPath, [BT, 'verify', s.path, s.dir]))) as Error & { code: number; stdout: string };
  t.is(error.code, 1);
  const firstOfB = Math.floor(200_000 / PIECE);
  const last = s.metainfo.pieceCount - 1;
  t.regex(error.stdout, new RegExp(`^incomplete: pay in .*: ${s.metainfo.pieceCount - 1 - (last - firstOfB + 1)} of ${s.metainfo.pieceCount} pieces verified`, 'm'));
  t.regex(error.stdout, /^bad pieces \(wrong data, 1\): 2$/m);
  t.regex(error.stdout, new RegExp(`^missing pieces \\(a file absent or of the wrong size, ${last - firstOfB + 1}\\): ${firstOfB}-${last}$`, 'm'));
  t.regex(error.stdout, /^ {2}0 {2}1 bad {2}1 missing {2}pay\/a\.bin$/m);
  t.regex(error.stdout, /^ {2}1 {2}0 bad {2}\d+ missing {2}pay\/b\.txt$/m);
  const json = (await t.throwsAsync(run(process.execPath, [BT, 'verify', s.path, s.dir, '--json', '--select', '0']))) as Error & { stdout: string };
  t.like(JSON.parse(json.stdout), { complete: false, bad: [2], missing: [firstOfB] });
});
