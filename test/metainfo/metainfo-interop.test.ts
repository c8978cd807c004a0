// libtorrent 2.0, live: it computes the same info hashes as swarmhook for the
// committed fixtures, and it loads torrents swarmhook creates, finds the same
// info hash, files and trackers, and verifies every piece against the data.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import type { ExecutionContext } from 'ava';
import { createTorrent, parseTorrent } from '../../core/metainfo/index.ts';
import { interopTest, LIBTORRENT, PYTHON } from '../helpers/interop.ts';

const test = interopTest(LIBTORRENT);
const FIXTURES = fileURLToPath(new URL('../fixtures/torrents/', import.meta.url));

interface LibtorrentView {
  infoHash: string | null;
  name: string;
  pieceCount: number;
  pieceLength: number;
  length: number;
  private: boolean;
  comment: string;
  trackers: { url: string; tier: number }[];
  webSeeds: string[];
  files: { path: string; length: number }[];
  /** Set when asked to check the data: every piece verified and the torrent seeding. */
  seeding?: boolean;
  error?: string;
}

// Reads each .torrent given on the command line; with --check DIR also adds it
// to a session over DIR and waits until libtorrent has checked every piece.
const SCRIPT = String.raw`
import json, sys, time
import libtorrent as lt
args = sys.argv[1:]
check = None
if args[0] == '--check':
    check, args = args[1], args[2:]
out = []
for path in args:
    try:
        ti = lt.torrent_info(path)
    except Exception as e:
        out.append({'error': str(e)})
        continue
    fs = ti.files()
    h = ti.info_hashes()
    view = {
        'infoHash': str(h.v1) if h.has_v1() else None,
        'name': ti.name(), 'pieceCount': ti.num_pieces(), 'pieceLength': ti.piece_length(),
        'length': ti.total_size(), 'private': ti.priv(), 'comment': ti.comment(),
        'trackers': [{'url': t.url, 'tier': t.tier} for t in ti.trackers()],
        'webSeeds': [w['url'] for w in ti.web_seeds()],
        'files': [{'path': fs.file_path(i).replace('\\', '/'), 'length': fs.file_size(i)} for i in range(fs.num_files())],
    }
    if check:
        ses = lt.session({'listen_interfaces': '127.0.0.1:0', 'enable_dht': False, 'enable_lsd': False,
                          'enable_upnp': False, 'enable_natpmp': False, 'alert_mask': 0})
        handle = ses.add_torrent({'ti': ti, 'save_path': check})
        deadline = time.time() + 20
        while time.time() < deadline:
            st = handle.status()
            if st.state in (lt.torrent_status.downloading, lt.torrent_status.finished, lt.torrent_status.seeding):
                break
            time.sleep(0.05)
        st = handle.status()
        view['seeding'] = bool(st.is_seeding) and st.num_pieces == ti.num_pieces()
        ses.remove_torrent(handle)
        del ses
    out.append(view)
print(json.dumps(out))
`;

function libtorrentReads(t: ExecutionContext, paths: string[], checkDir?: string): LibtorrentView[] {
  const args = ['-c', SCRIPT, ...(checkDir === undefined ? [] : ['--check', checkDir]), ...paths];
  const run = spawnSync(PYTHON, args, { encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) t.fail(`libtorrent script failed (${run.status ?? run.signal}): ${run.stderr}`);
  return JSON.parse(run.stdout) as LibtorrentView[];
}

function tempDir(t: ExecutionContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'swarmhook-lt-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Bytes that depend only on `label`, so runs are reproducible. */
function payload(label: string, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let at = 0, i = 0; at < length; at += 32, i++) createHash('sha256').update(`${label}:${i}`).digest().copy(out, at);
  return out;
}

test('libtorrent computes the recorded info hash of every fixture', (t) => {
  const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as Record<string, { infoHash: string | null }>;
  const names = readdirSync(FIXTURES).filter((n) => n.endsWith('.torrent')).sort();
  t.deepEqual(names, Object.keys(expected).sort(), 'expected.json covers every fixture');
  const views = libtorrentReads(t, names.map((n) => join(FIXTURES, n)));
  names.forEach((name, i) => {
    const live = views[i]!;
    t.is(live.infoHash, expected[name]!.infoHash, `${name}: libtorrent now agrees with expected.json`);
    if (live.infoHash !== null) t.is(parseTorrent(readFileSync(join(FIXTURES, name))).infoHash, live.infoHash, `${name}: swarmhook agrees`);
  });
});

test('libtorrent loads a multi-file torrent swarmhook created and verifies every piece', async (t) => {
  const dir = tempDir(t);
  const files: Record<string, number> = {
    'a.bin': 50_000,
    'empty': 0,
    'nested/deeper/b.dat': 123_457,
    'nested/c.txt': 16_384,
    'späce ünicode.txt': 999,
  };
  for (const [rel, length] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, 'folder', rel)), { recursive: true });
    writeFileSync(join(dir, 'folder', rel), payload(rel, length));
  }
  const { torrent, metainfo } = await createTorrent(join(dir, 'folder'), {
    pieceLength: 32768,
    announce: [['http://127.0.0.1:6969/announce', 'udp://127.0.0.1:6969'], ['http://[::1]:6969/announce']],
    urlList: ['http://127.0.0.1:8080/'],
    private: true,
    comment: 'made by swarmhook',
  });
  const torrentPath = join(dir, 'folder.torrent');
  writeFileSync(torrentPath, torrent);
  const [lt] = libtorrentReads(t, [torrentPath], dir);
  t.is(lt!.error, undefined);
  t.is(lt!.infoHash, metainfo.infoHash);
  t.is(lt!.name, 'folder');
  t.is(lt!.pieceCount, metainfo.pieceCount);
  t.is(lt!.pieceLength, 32768);
  t.is(lt!.length, metainfo.length);
  t.true(lt!.private);
  t.is(lt!.comment, 'made by swarmhook');
  t.deepEqual(lt!.files, metainfo.files.map((f) => ({ path: f.path, length: f.length })));
  t.deepEqual(
    lt!.trackers.map((x) => [x.tier, x.url]).sort(),
    [
      [0, 'http://127.0.0.1:6969/announce'],
      [0, 'udp://127.0.0.1:6969'],
      [1, 'http://[::1]:6969/announce'],
    ],
  );
  t.deepEqual(lt!.webSeeds, ['http://127.0.0.1:8080/']);
  t.true(lt!.seeding, 'libtorrent checked every piece against the data and is seeding');
});

test('libtorrent loads a single-file torrent swarmhook created with the automatic piece length', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'one.bin'), payload('one', 3 * 2 ** 20 + 77));
  const { torrent, metainfo } = await createTorrent(join(dir, 'one.bin'));
  writeFileSync(join(dir, 'one.torrent'), torrent);
  const [lt] = libtorrentReads(t, [join(dir, 'one.torrent')], dir);
  t.is(lt!.infoHash, metainfo.infoHash);
  t.is(lt!.pieceLength, metainfo.pieceLength);
  t.deepEqual(lt!.files, [{ path: 'one.bin', length: 3 * 2 ** 20 + 77 }]);
  t.true(lt!.seeding);
});

test('a corrupted byte in the data makes libtorrent refuse to seed (the check is real)', async (t) => {
  const dir = tempDir(t);
  const data = payload('corrupt', 100_000);
  writeFileSync(join(dir, 'c.bin'), data);
  const { torrent } = await createTorrent(join(dir, 'c.bin'), { pieceLength: 16384 });
  writeFileSync(join(dir, 'c.torrent'), torrent);
  data[50_000] ^= 0xff;
  writeFileSync(join(dir, 'c.bin'), data);
  const [lt] = libtorrentReads(t, [join(dir, 'c.torrent')], dir);
  t.false(lt!.seeding);
});
