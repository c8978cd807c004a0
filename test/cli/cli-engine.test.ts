// `bt download` and `bt seed` as a user runs them: child processes on loopback.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import test from 'ava';
import { Client } from '../../core/client.ts';
import { createTorrent } from '../../core/metainfo/index.ts';
import { sameFiles, tempDir, writeFiles } from '../helpers/payload.ts';

const run = promisify(execFile);
const BT = new URL('../../bin/bt.js', import.meta.url).pathname;
const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;
const NO_CONFIG = JSON.stringify({ plugins: [['logger', false]] });

async function torrentIn(t: import('ava').ExecutionContext) {
  const dir = await tempDir(t);
  await writeFiles(dir, { 'cli.bin': 500_000 });
  const { torrent, metainfo } = await createTorrent(join(dir, 'cli.bin'), { pieceLength: 32768 });
  const path = join(dir, 'cli.torrent');
  await writeFile(path, torrent);
  await writeFile(join(dir, '.btrc.json'), NO_CONFIG);
  return { dir, path, metainfo };
}

test('bt download --port 0 --peer fetches a torrent and exits 0 once every piece is verified', async (t) => {
  const { dir, path, metainfo } = await torrentIn(t);
  const seeder = new Client(LOOPBACK);
  t.teardown(() => seeder.destroy());
  await seeder.addTorrent(metainfo, { dir });
  const out = await tempDir(t);
  const { stdout } = await run(
    process.execPath,
    [BT, 'download', path, '-o', out, '--peer', `127.0.0.1:${seeder.port}`, '--port', '0', '--config', join(dir, '.btrc.json'), '--quiet'],
    { timeout: 30_000 },
  );
  t.regex(stdout, /complete: cli\.bin \(500000 bytes\)/);
  t.true(await sameFiles(dir, out, ['cli.bin']));
});

test('bt seed serves a torrent until interrupted, then exits 0', async (t) => {
  const { dir, path, metainfo } = await torrentIn(t);
  const child = spawn(process.execPath, [BT, 'seed', path, dir, '--port', '0', '--config', join(dir, '.btrc.json'), '--quiet'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.teardown(() => child.kill('SIGKILL'));
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bt seed printed no port: ${stdout}`)), 20_000);
    child.stdout.on('data', () => {
      const m = /on port (\d+)/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
  });
  const leecher = new Client(LOOPBACK);
  t.teardown(() => leecher.destroy());
  const out = await tempDir(t);
  const torrent = await leecher.addTorrent(metainfo, { dir: out, peers: [{ ip: '127.0.0.1', port }] });
  await torrent.whenComplete();
  t.true(await sameFiles(dir, out, ['cli.bin']));
  child.kill('SIGINT');
  const [code] = (await once(child, 'exit')) as [number | null];
  t.is(code, 0);
});

test('bt download says why it stalls when its only peer is banned: "no peers left: 1 banned (...)"', async (t) => {
  const { dir, path, metainfo } = await torrentIn(t);
  // A seeder whose copy has a wrong byte in every piece: the sole sender of a failed piece, banned at once.
  const corrupt = await tempDir(t);
  const bytes = await readFile(join(dir, 'cli.bin'));
  for (let i = 0; i < metainfo.pieceCount; i++) bytes[i * 32768 + 7] ^= 0xff;
  await writeFile(join(corrupt, 'cli.bin'), bytes);
  const seeder = new Client(LOOPBACK);
  t.teardown(() => seeder.destroy());
  await seeder.addTorrent(metainfo, { dir: corrupt, seedMode: true });
  const out = await tempDir(t);
  const child = spawn(
    process.execPath,
    [BT, 'download', path, '-o', out, '--peer', `127.0.0.1:${seeder.port}`, '--port', '0', '--config', join(dir, '.btrc.json')],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  t.teardown(() => child.kill('SIGKILL'));
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "no peers left" line: ${stdout}`)), 30_000);
    child.stdout.on('data', () => {
      const m = /^.*no peers left.*$/m.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
  });
  t.regex(line, /^downloading +0\.0%  no peers left: 1 banned \(127\.0\.0\.1\), any others disconnected; waiting for new peers$/);
});

test('bt seed says so when a file is truncated under it: the file error, the recheck, and that the lost pieces are downloaded again', async (t) => {
  const dir = await tempDir(t);
  await writeFiles(join(dir, 'payload'), { 'a.bin': 200_000, 'b.bin': 300_000 });
  const { torrent, metainfo } = await createTorrent(join(dir, 'payload'), { pieceLength: 32768 });
  const path = join(dir, 'multi.torrent');
  await writeFile(path, torrent);
  await writeFile(join(dir, '.btrc.json'), NO_CONFIG);
  const child = spawn(process.execPath, [BT, 'seed', path, dir, '--port', '0', '--config', join(dir, '.btrc.json'), '--quiet'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.teardown(() => child.kill('SIGKILL'));
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const waitFor = (what: string, test: () => boolean): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setInterval(() => {
        if (test()) {
          clearInterval(timer);
          resolve();
        } else if (child.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(`bt seed exited before ${what}: ${stdout}${stderr}`));
        }
      }, 20);
      setTimeout(() => {
        clearInterval(timer);
        reject(new Error(`timed out waiting for ${what}: ${stdout}${stderr}`));
      }, 20_000).unref();
    });
  await waitFor('its port', () => /on port \d+/.test(stdout));
  const port = Number(/on port (\d+)/.exec(stdout)![1]);
  await truncate(join(dir, 'payload', 'b.bin'), 100_000);
  const leecher = new Client(LOOPBACK);
  t.teardown(() => leecher.destroy());
  await leecher.addTorrent(metainfo, { dir: await tempDir(t), peers: [{ ip: '127.0.0.1', port }] });
  await waitFor('the end of the recheck', () => /missing after the recheck/.test(stderr));
  const lines = stderr.trim().split('\n');
  t.regex(lines[0]!, /^bt seed: file error on payload\/b\.bin of payload: cannot read .*b\.bin: it ends before byte \d+$/);
  t.regex(lines[1]!, /^bt seed: rechecking payload\/b\.bin of payload \(\d+ pieces\) after a failed read; the pieces that cannot be read are not served$/);
  t.regex(lines[2]!, /^bt seed: payload\/b\.bin of payload: \d+ of \d+ pieces are missing after the recheck; they are downloaded again from peers that have them$/);
  t.is(lines.length, 3, stderr);
  child.kill('SIGINT');
  const [code] = (await once(child, 'exit')) as [number | null];
  t.is(code, 0);
});
