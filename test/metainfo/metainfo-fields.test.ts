// How optional and variant fields of a .torrent are read.
import test from 'ava';
import bencode from 'bencode';
import { parseTorrent } from '../../core/metainfo/index.ts';

type Value = Parameters<typeof bencode.encode>[0];

const hashes = (n: number): Buffer => Buffer.alloc(20 * n, 0xcd);
const baseInfo = { name: 'x', 'piece length': 16384, length: 100, pieces: hashes(1) };
const torrent = (info: Value, outer: Record<string, Value> = {}): Buffer => Buffer.from(bencode.encode({ ...outer, info }));

test('single-file: one file whose path is the name', (t) => {
  const m = parseTorrent(torrent(baseInfo));
  t.false(m.multiFile);
  t.deepEqual(m.files, [{ path: 'x', pathSegments: ['x'], length: 100, offset: 0, padding: false, attr: '' }]);
  t.deepEqual(m.announce, []);
  t.deepEqual(m.urlList, []);
  t.false(m.private);
  t.is(m.comment, undefined);
  t.is(m.creationDate, undefined);
});

test('multi-file: paths begin with the name, offsets add up, zero-length files kept', (t) => {
  const m = parseTorrent(
    torrent({
      name: 'top',
      'piece length': 16384,
      files: [
        { length: 10, path: ['a'] },
        { length: 0, path: ['empty'] },
        { length: 20000, path: ['d', 'e', 'f'] },
      ],
      pieces: hashes(2),
    }),
  );
  t.true(m.multiFile);
  t.deepEqual(
    m.files.map((f) => [f.path, f.offset, f.length]),
    [
      ['top/a', 0, 10],
      ['top/empty', 10, 0],
      ['top/d/e/f', 10, 20000],
    ],
  );
  t.deepEqual(m.files[2]!.pathSegments, ['top', 'd', 'e', 'f']);
  t.is(m.length, 20010);
  t.is(m.lastPieceLength, 20010 - 16384);
});

test('a multi-file torrent with one file is still multi-file', (t) => {
  const m = parseTorrent(torrent({ name: 'top', 'piece length': 16384, files: [{ length: 5, path: ['only'] }], pieces: hashes(1) }));
  t.true(m.multiFile);
  t.is(m.files[0]!.path, 'top/only');
});

test('name.utf-8 and path.utf-8 win over name and path when well-formed', (t) => {
  const m = parseTorrent(
    torrent({
      name: Buffer.from([0xe9, 0x74, 0xe9]), // "été" in latin-1
      'name.utf-8': 'été',
      'piece length': 16384,
      files: [
        { length: 1, path: [Buffer.from([0xfc])], 'path.utf-8': ['ü'] },
        { length: 1, path: ['plain'], 'path.utf-8': 'not a list' },
      ],
      pieces: hashes(1),
    }),
  );
  t.is(m.name, 'été');
  t.deepEqual(
    m.files.map((f) => f.path),
    ['été/ü', 'été/plain'],
  );
  const fallback = parseTorrent(torrent({ ...baseInfo, name: 'plain', 'name.utf-8': 42 }));
  t.is(fallback.name, 'plain');
});

test('announce-list gives the tiers; announce is the fallback; duplicates and junk are dropped', (t) => {
  const both = parseTorrent(
    torrent(baseInfo, {
      announce: 'http://127.0.0.1:1/ignored-when-a-list-exists',
      'announce-list': [['http://127.0.0.1:2/a', 'udp://127.0.0.1:3'], [], ['http://127.0.0.1:2/a', 5, 'http://127.0.0.1:4/b'], 'junk'],
    }),
  );
  t.deepEqual(both.announce, [['http://127.0.0.1:2/a', 'udp://127.0.0.1:3'], ['http://127.0.0.1:4/b']]);
  const single = parseTorrent(torrent(baseInfo, { announce: ' http://127.0.0.1:1/announce ' }));
  t.deepEqual(single.announce, [['http://127.0.0.1:1/announce']]);
  const emptyList = parseTorrent(torrent(baseInfo, { announce: 'http://127.0.0.1:1/a', 'announce-list': [[]] }));
  t.deepEqual(emptyList.announce, [['http://127.0.0.1:1/a']]);
});

test('url-list as a string or a list', (t) => {
  t.deepEqual(parseTorrent(torrent(baseInfo, { 'url-list': 'http://127.0.0.1:8/x' })).urlList, ['http://127.0.0.1:8/x']);
  t.deepEqual(
    parseTorrent(torrent(baseInfo, { 'url-list': ['http://127.0.0.1:8/x', '', 'http://127.0.0.1:9/', 'http://127.0.0.1:8/x'] })).urlList,
    ['http://127.0.0.1:8/x', 'http://127.0.0.1:9/'],
  );
  t.deepEqual(parseTorrent(torrent(baseInfo, { 'url-list': 7 })).urlList, []);
});

test('comment, created by, creation date, private, source', (t) => {
  const m = parseTorrent(
    torrent(
      { ...baseInfo, private: 1, source: 'TRK' },
      { comment: 'latin', 'comment.utf-8': 'naïve', 'created by': 'someone', 'creation date': 1700000000 },
    ),
  );
  t.is(m.comment, 'naïve');
  t.is(m.createdBy, 'someone');
  t.is(m.creationDate, 1700000000);
  t.true(m.private);
  t.is(m.source, 'TRK');
  t.false(parseTorrent(torrent({ ...baseInfo, private: 0 })).private);
  t.is(parseTorrent(torrent(baseInfo, { 'creation date': 'yesterday' })).creationDate, undefined);
});

test('BEP 47 padding files are kept, marked, and may share a path', (t) => {
  const m = parseTorrent(
    torrent({
      name: 'p',
      'piece length': 16384,
      files: [
        { length: 100, path: ['a'] },
        { length: 16284, path: ['.pad', '16284'], attr: 'p' },
        { length: 100, path: ['b'], attr: 'x' },
        { length: 16284, path: ['.pad', '16284'], attr: 'p' },
        { length: 100, path: ['c'] },
      ],
      pieces: hashes(3),
    }),
  );
  t.deepEqual(
    m.files.map((f) => [f.path, f.padding, f.attr, f.offset]),
    [
      ['p/a', false, '', 0],
      ['p/.pad/16284', true, 'p', 100],
      ['p/b', false, 'x', 16384],
      ['p/.pad/16284', true, 'p', 16484],
      ['p/c', false, '', 32768],
    ],
  );
});

test('unknown keys are kept in the hashed info bytes', (t) => {
  const withExtra = parseTorrent(torrent({ ...baseInfo, 'x-extension': { nested: [1, 2] } }));
  const without = parseTorrent(torrent(baseInfo));
  t.not(withExtra.infoHash, without.infoHash);
  t.true(withExtra.infoBuffer.includes(Buffer.from('11:x-extension')));
});

test('dictionary keys out of order are accepted and hashed as written', (t) => {
  const info = `d6:lengthi100e12:piece lengthi16384e4:name1:x6:pieces20:${'z'.repeat(20)}e`;
  const m = parseTorrent(Buffer.from(`d4:info${info}e`, 'latin1'));
  t.is(m.infoBuffer.toString('latin1'), info);
  t.is(m.name, 'x');
});
