// .torrent files made by mktorrent and libtorrent (test/fixtures/torrents,
// written by test/helpers/make-fixtures.py) parse to what libtorrent itself
// read from them, recorded in expected.json.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import bencode from 'bencode';
import { createTorrent, encodeTorrent, MetainfoError, parseTorrent, type Metainfo } from '../../core/metainfo/index.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/torrents/', import.meta.url));
const PAYLOAD = join(FIXTURES, 'payload');

interface Expected {
  generator: string;
  infoHash: string | null;
  infoHashV2: string | null;
  name: string;
  pieceLength: number;
  pieceCount: number;
  length: number;
  private: boolean;
  comment: string;
  createdBy: string;
  announce: string[][];
  urlList: string[];
  files: { path: string; length: number; offset: number; padding: boolean }[];
}

const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as Record<string, Expected>;
const v1Fixtures = Object.entries(expected).filter(([, e]) => e.infoHash !== null);
const load = (name: string): Buffer => readFileSync(join(FIXTURES, name));
const v1Hash = (name: string): string => {
  const hash = expected[name]?.infoHash;
  if (typeof hash !== 'string') throw new Error(`expected.json has no v1 info hash for ${name}`);
  return hash;
};

test('the fixtures cover mktorrent and libtorrent, single and multi-file, padding and hybrid', (t) => {
  t.true(v1Fixtures.length >= 7);
  t.true(v1Fixtures.some(([, e]) => e.generator.startsWith('mktorrent') && e.files.length > 1));
  t.true(v1Fixtures.some(([, e]) => e.generator.startsWith('libtorrent') && e.files.length === 1));
  t.true(v1Fixtures.some(([, e]) => e.files.some((f) => f.padding)));
  t.true(v1Fixtures.some(([, e]) => e.infoHashV2 !== null));
});

for (const [name, e] of v1Fixtures) {
  test(`${name}: info hash and fields equal libtorrent's reading`, (t) => {
    const m = parseTorrent(load(name));
    t.is(m.infoHash, v1Hash(name));
    t.is(m.infoHashBuffer.toString('hex'), v1Hash(name));
    t.is(m.name, e.name);
    t.is(m.pieceLength, e.pieceLength);
    t.is(m.pieceCount, e.pieceCount);
    t.is(m.pieces.length, e.pieceCount);
    t.is(m.length, e.length);
    t.is(m.private, e.private);
    t.is(m.comment ?? '', e.comment);
    t.is(m.createdBy ?? '', e.createdBy);
    t.deepEqual(
      m.files.map((f) => ({ path: f.path, length: f.length, offset: f.offset, padding: f.padding })),
      e.files,
    );
    t.is(m.multiFile, e.files.length > 1);
    // libtorrent reorders URLs inside a tier (BEP 12 shuffles them anyway): compare tiers as sets.
    t.deepEqual(m.announce.map((tier) => [...tier].sort()), e.announce.map((tier) => [...tier].sort()));
    t.deepEqual(m.urlList, e.urlList);
  });

  test(`${name}: the info hash is the SHA-1 of the info bytes as they stand in the file`, (t) => {
    const file = load(name);
    const m = parseTorrent(file);
    t.is(createHash('sha1').update(m.infoBuffer).digest('hex'), m.infoHash);
    const at = file.indexOf(Buffer.concat([Buffer.from('4:info'), m.infoBuffer]));
    t.true(at > 0, 'infoBuffer is a verbatim slice of the file');
  });

  test(`${name}: every piece hash matches the payload`, (t) => {
    const m = parseTorrent(load(name));
    const data = Buffer.concat(
      m.files.map((f) => {
        if (f.padding) return Buffer.alloc(f.length);
        return readFileSync(join(PAYLOAD, ...f.pathSegments));
      }),
    );
    t.is(data.length, m.length);
    for (let i = 0; i < m.pieceCount; i++) {
      const piece = data.subarray(i * m.pieceLength, i * m.pieceLength + m.pieceLengthAt(i));
      t.true(createHash('sha1').update(piece).digest().equals(m.pieces[i]!), `piece ${i}`);
    }
  });
}

test('a v2-only torrent is refused with V2_ONLY', (t) => {
  const err = t.throws(() => parseTorrent(load('libtorrent-v2only.torrent')), { instanceOf: MetainfoError });
  t.is(err?.code, 'V2_ONLY');
});

test('the hybrid torrent reads its v1 part: pad files included, v2 keys ignored', (t) => {
  const m = parseTorrent(load('libtorrent-hybrid.torrent'));
  t.true(m.files.some((f) => f.padding && f.attr.includes('p')));
  const info = bencode.decode(m.infoBuffer) as Record<string, unknown>;
  t.truthy(info['file tree'], 'the hashed bytes include the v2 file tree');
});

test('createTorrent on the payload reproduces mktorrent\'s info hashes', async (t) => {
  const single = await createTorrent(join(PAYLOAD, 'single.bin'), { pieceLength: 32768 });
  t.is(single.metainfo.infoHash, v1Hash('mktorrent-single.torrent'));
  const multi = await createTorrent(join(PAYLOAD, 'multi'), { pieceLength: 32768 });
  t.is(multi.metainfo.infoHash, v1Hash('mktorrent-multi.torrent'));
  const priv = await createTorrent(join(PAYLOAD, 'single.bin'), { pieceLength: 32768, private: true, source: 'SWARMHOOK' });
  t.is(priv.metainfo.infoHash, v1Hash('mktorrent-private.torrent'));
  t.is(priv.metainfo.source, 'SWARMHOOK');
});

test('createTorrent on the payload reproduces libtorrent\'s v1 info hash', async (t) => {
  const multi = await createTorrent(join(PAYLOAD, 'multi'), { pieceLength: 16384 });
  t.is(multi.metainfo.infoHash, v1Hash('libtorrent-multi-v1.torrent'));
});

test('pieceLengthAt and lastPieceLength', (t) => {
  const m = parseTorrent(load('mktorrent-single.torrent'));
  t.is(m.pieceLengthAt(0), 32768);
  t.is(m.pieceLengthAt(1), 32768);
  t.is(m.lastPieceLength, 70000 - 2 * 32768);
  t.is(m.pieceLengthAt(2), m.lastPieceLength);
  for (const bad of [-1, 3, 1.5, Number.NaN]) {
    t.is(t.throws(() => m.pieceLengthAt(bad), { instanceOf: MetainfoError })?.code, 'PIECE_INDEX_OUT_OF_RANGE');
  }
});

test('a parsed torrent is frozen', (t) => {
  const m: Metainfo = parseTorrent(load('mktorrent-multi.torrent'));
  t.true(Object.isFrozen(m));
  t.true(Object.isFrozen(m.files));
  t.true(Object.isFrozen(m.files[0]));
  t.true(Object.isFrozen(m.announce));
});

test('encodeTorrent re-writes a parsed torrent with its info hash intact', (t) => {
  const m = parseTorrent(load('libtorrent-hybrid.torrent'));
  const again = parseTorrent(encodeTorrent({ ...m, announce: [['udp://127.0.0.1:1/a'], ['http://127.0.0.1:2/b']], comment: 'new' }));
  t.is(again.infoHash, m.infoHash);
  t.deepEqual(again.announce, [['udp://127.0.0.1:1/a'], ['http://127.0.0.1:2/b']]);
  t.is(again.comment, 'new');
  t.deepEqual(again.files, m.files);
  const same = parseTorrent(encodeTorrent(m));
  t.deepEqual({ ...same, pieceLengthAt: 0 }, { ...m, pieceLengthAt: 0 });
});
