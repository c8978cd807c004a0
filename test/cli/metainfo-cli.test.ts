// `bt info` and `bt create`, called in process with captured output, and once
// through bin/bt.js as a user runs them.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test, { type ExecutionContext } from 'ava';
import { run as create, parseByteCount } from '../../core/cli/create.ts';
import { formatSize, run as info } from '../../core/cli/info.ts';
import { parseTorrent } from '../../core/metainfo/index.ts';
import { fileServer } from '../helpers/file-server.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/torrents/', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

async function capture(run: (argv: string[], io: { stdout: { write(s: string): unknown }; stderr: { write(s: string): unknown } }) => Promise<number>, argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

function tempDir(t: ExecutionContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'swarmhook-cli-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('bt info on a multi-file torrent shows name, hash, pieces, size, tiers, web seeds, files', async (t) => {
  const { code, stdout, stderr } = await capture(info, [join(FIXTURES, 'mktorrent-multi.torrent')]);
  t.is(code, 0, stderr);
  t.regex(stdout, /^name: +multi$/m);
  t.regex(stdout, /^info hash: +86a32928299a3329980150a271b4ec13c5990b4a$/m);
  t.regex(stdout, /^piece length: +32 KiB \(32768 bytes\)$/m);
  t.regex(stdout, /^pieces: +2 \(last 28\.1 KiB \(28766 bytes\)\)$/m);
  t.regex(stdout, /^total size: +60\.1 KiB \(61534 bytes\)$/m);
  t.regex(stdout, /^private: +no$/m);
  t.regex(stdout, /^ {2}tier 1: http:\/\/127\.0\.0\.1:6969\/announce$/m);
  t.regex(stdout, /^ {2}tier 2: udp:\/\/127\.0\.0\.1:6969, http:\/\/\[::1\]:6969\/announce$/m);
  t.regex(stdout, /^web seeds:\n {2}http:\/\/127\.0\.0\.1:8080\/seed\/$/m);
  t.regex(stdout, /^files \(5\):$/m);
  t.regex(stdout, /^ +\d +0 {2}multi\/empty\.txt$/m);
  t.regex(stdout, /^ +\d +50000 {2}multi\/sub\/b\.bin$/m);
  t.regex(stdout, /^magnet: +magnet:\?xt=urn:btih:86a3/m);
});

test('bt info on a .torrent by http URL shows the same as from the file; a 404 is TORRENT_URL_FAILED, exit 1', async (t) => {
  const path = join(FIXTURES, 'mktorrent-multi.torrent');
  const base = await fileServer(t, { '/multi.torrent': readFileSync(path) });
  const fromFile = await capture(info, [path]);
  const fromUrl = await capture(info, [`${base}/multi.torrent`]);
  t.is(fromUrl.code, 0, fromUrl.stderr);
  t.is(fromUrl.stdout, fromFile.stdout);
  const missing = await capture(info, [`${base}/nothing.torrent`]);
  t.is(missing.code, 1);
  t.regex(missing.stderr, /^bt info: \[TORRENT_URL_FAILED\] cannot fetch the torrent file at http:\/\/127\.0\.0\.1:\d+\/nothing\.torrent: HTTP 404 Not Found$/m);
});

test('bt info marks padding files and private torrents; --json gives the fields', async (t) => {
  const pad = await capture(info, [join(FIXTURES, 'libtorrent-multi-pad.torrent')]);
  t.regex(pad.stdout, /\.pad\/\d+ {2}\[padding\]$/m);
  const priv = await capture(info, [join(FIXTURES, 'libtorrent-single.torrent'), '--json']);
  t.is(priv.code, 0);
  const json = JSON.parse(priv.stdout) as { private: boolean; infoHash: string; files: unknown[]; announce: string[][] };
  t.true(json.private);
  t.is(json.infoHash, parseTorrent(readFileSync(join(FIXTURES, 'libtorrent-single.torrent'))).infoHash);
  t.deepEqual(json.files, [{ path: 'single.bin', length: 70000, offset: 0 }]);
  t.deepEqual(json.announce, [['http://127.0.0.1:6969/announce'], ['udp://127.0.0.1:6969']]);
});

test('bt info on a magnet link', async (t) => {
  const magnet = `magnet:?xt=urn:btih:${'ab'.repeat(20)}&dn=hello+world&tr=udp%3A%2F%2F127.0.0.1%3A1&x.pe=[::1]:6881&ws=http%3A%2F%2F127.0.0.1%2F`;
  const { code, stdout } = await capture(info, [magnet]);
  t.is(code, 0);
  t.regex(stdout, /^name: +hello world$/m);
  t.regex(stdout, new RegExp(`^info hash: +${'ab'.repeat(20)}$`, 'm'));
  t.regex(stdout, /^ {2}udp:\/\/127\.0\.0\.1:1$/m);
  t.regex(stdout, /^peers:\n {2}\[::1\]:6881$/m);
  const json = JSON.parse((await capture(info, [magnet, '--json'])).stdout) as { infoHash: string; peers: unknown[] };
  t.deepEqual(json.peers, [{ ip: '::1', port: 6881 }]);
});

test('bt info errors: bad file, missing file, bad magnet, bad usage', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'bad.torrent'), 'not a torrent');
  const bad = await capture(info, [join(dir, 'bad.torrent')]);
  t.is(bad.code, 1);
  t.regex(bad.stderr, /\[NOT_BENCODE\]/);
  const missing = await capture(info, [join(dir, 'nope.torrent')]);
  t.is(missing.code, 1);
  t.regex(missing.stderr, /cannot read .*\[ENOENT\]/);
  t.regex((await capture(info, ['magnet:?dn=x'])).stderr, /\[MISSING_INFO_HASH\]/);
  t.is((await capture(info, [])).code, 2);
  t.is((await capture(info, ['--bogus', 'x'])).code, 2);
  t.is((await capture(info, ['--help'])).code, 0);
});

test('bt create writes a torrent with trackers, tiers, web seeds, private, comment', async (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'data', 'sub'), { recursive: true });
  writeFileSync(join(dir, 'data', 'a.txt'), 'hello');
  writeFileSync(join(dir, 'data', 'sub', 'b.bin'), Buffer.alloc(70000, 7));
  const out = join(dir, 'out.torrent');
  const args = [join(dir, 'data'), '-o', out, '--tracker', 'http://127.0.0.1:1/a,http://127.0.0.1:2/a', '-t', 'udp://127.0.0.1:3'];
  args.push('--piece-length', '32k', '--web-seed', 'http://127.0.0.1:8/', '--private', '--comment', 'hi', '--no-date');
  const { code, stdout, stderr } = await capture(create, args);
  t.is(code, 0, stderr);
  const m = parseTorrent(readFileSync(out));
  t.regex(stdout, new RegExp(`info hash: +${m.infoHash}`));
  t.deepEqual(m.announce, [['http://127.0.0.1:1/a', 'http://127.0.0.1:2/a'], ['udp://127.0.0.1:3']]);
  t.deepEqual(m.urlList, ['http://127.0.0.1:8/']);
  t.is(m.pieceLength, 32768);
  t.true(m.private);
  t.is(m.comment, 'hi');
  t.is(m.creationDate, undefined);
  t.deepEqual(m.files.map((f) => f.path), ['data/a.txt', 'data/sub/b.bin']);

  const again = await capture(create, [join(dir, 'data'), '-o', out]);
  t.is(again.code, 1, 'an existing output is not overwritten');
  t.regex(again.stderr, /exists \(use --force/);
  t.is((await capture(create, [join(dir, 'data'), '-o', out, '--force', '--no-date', '-l', '32768', '-p', '-c', 'hi',
    '-t', 'http://127.0.0.1:1/a,http://127.0.0.1:2/a', '-t', 'udp://127.0.0.1:3', '-w', 'http://127.0.0.1:8/'])).code, 0);
  t.is(parseTorrent(readFileSync(out)).infoHash, m.infoHash, 'same input, same info hash');
});

test('bt create errors: bad piece length, empty folder, missing path, usage', async (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'empty'));
  writeFileSync(join(dir, 'f'), 'x');
  t.is((await capture(create, [join(dir, 'f'), '-l', 'lots'])).code, 2);
  const odd = await capture(create, [join(dir, 'f'), '-l', '1000', '-o', join(dir, 'f.torrent')]);
  t.is(odd.code, 1);
  t.regex(odd.stderr, /\[BAD_OPTION\]/);
  t.regex((await capture(create, [join(dir, 'empty'), '-o', join(dir, 'e.torrent')])).stderr, /\[EMPTY_TORRENT\]/);
  t.regex((await capture(create, [join(dir, 'missing'), '-o', join(dir, 'm.torrent')])).stderr, /\[ENOENT\]/);
  t.is((await capture(create, [])).code, 2);
});

test('byte counts and sizes', (t) => {
  t.is(parseByteCount('262144'), 262144);
  t.is(parseByteCount('256k'), 262144);
  t.is(parseByteCount('1m'), 2 ** 20);
  t.is(parseByteCount('4MiB'), 4 * 2 ** 20);
  t.true(Number.isNaN(parseByteCount('1.5m')));
  t.is(formatSize(512), '512 B');
  t.is(formatSize(1536), '1.5 KiB (1536 bytes)');
  t.is(formatSize(2 ** 30), '1 GiB (1073741824 bytes)');
});

test('bin/bt.js runs create then info end to end', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'payload.bin'), Buffer.alloc(50000, 1));
  const bt = (...args: string[]): string => execFileSync(process.execPath, [join(ROOT, 'bin', 'bt.js'), ...args], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
  t.regex(bt('create', 'payload.bin', '--no-date'), /created payload\.bin\.torrent/);
  const shown = bt('info', 'payload.bin.torrent');
  t.regex(shown, new RegExp(`info hash: +${parseTorrent(readFileSync(join(dir, 'payload.bin.torrent'))).infoHash}`));
  t.regex(shown, /^ +0 +50000 {2}payload\.bin$/m);
});
