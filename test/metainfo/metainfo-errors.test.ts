// Hostile and broken .torrent files: each is refused with its own code, and
// nothing but a MetainfoError ever comes out.
import { readFileSync } from 'node:fs';
import { CodedError } from '../../core/errors.ts';
import test, { type ExecutionContext } from 'ava';
import bencode from 'bencode';
import {
  MAX_DEPTH,
  MetainfoError,
  parseInfoDictionary,
  parseTorrent,
  scanBencode,
  type MetainfoErrorCode,
} from '../../core/metainfo/index.ts';

type Value = Parameters<typeof bencode.encode>[0];

const hashes = (n: number): Buffer => Buffer.alloc(20 * n, 0xab);
const baseInfo = { name: 'x', 'piece length': 16384, length: 100, pieces: hashes(1) };
const torrent = (info: Value, outer: Record<string, Value> = {}): Buffer => Buffer.from(bencode.encode({ ...outer, info }));
const multi = (files: Value[], extra: Record<string, Value> = {}): Buffer =>
  torrent({ name: 'top', 'piece length': 16384, files, pieces: hashes(1), ...extra });
const file = (path: string[], length = 10): Value => ({ length, path });

function refuses(t: ExecutionContext, input: Uint8Array | string, code: MetainfoErrorCode, why?: string): void {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'latin1') : input;
  const err = t.throws(() => parseTorrent(bytes), { instanceOf: MetainfoError }, why);
  t.is(err?.code, code, `${why ?? ''} ${err?.message ?? ''}`);
}

test('the valid base torrent parses (so each case below fails for its own reason)', (t) => {
  t.is(parseTorrent(torrent(baseInfo)).length, 100);
  t.is(parseTorrent(multi([file(['a']), file(['b', 'c'])])).files.length, 2);
});

test('NOT_BENCODE: garbage, empty, truncated, malformed numbers and strings', (t) => {
  refuses(t, '', 'NOT_BENCODE', 'empty');
  refuses(t, 'hello world', 'NOT_BENCODE', 'text');
  refuses(t, 'd4:info', 'NOT_BENCODE', 'truncated');
  refuses(t, 'l-3:e', 'NOT_BENCODE', 'negative string length (loops forever in the bencode package)');
  refuses(t, 'di1.5ee', 'NOT_BENCODE', 'float');
  refuses(t, 'd1:aiee', 'NOT_BENCODE', 'integer without digits');
  refuses(t, 'd1:ai-ee', 'NOT_BENCODE', 'minus without digits');
  refuses(t, 'd1:ai12', 'NOT_BENCODE', 'unterminated integer');
  refuses(t, 'd1:a999999:abce', 'NOT_BENCODE', 'string longer than the input');
  refuses(t, 'd1:a99999999999999999999:abce', 'NOT_BENCODE', 'string length beyond any size');
  refuses(t, 'd1:a3xabce', 'NOT_BENCODE', 'no colon after a length');
  refuses(t, 'di1e1:ae', 'NOT_BENCODE', 'integer as a dictionary key');
  refuses(t, 'd1:ae', 'NOT_BENCODE', 'key without value');
  refuses(t, 'x', 'NOT_BENCODE', 'unknown type byte');
});

test('NOT_BENCODE for every strict prefix of every fixture', (t) => {
  const dir = new URL('../fixtures/torrents/', import.meta.url);
  for (const name of ['mktorrent-multi.torrent', 'libtorrent-single.torrent', 'libtorrent-multi-pad.torrent']) {
    const whole = readFileSync(new URL(name, dir));
    for (let cut = 0; cut < whole.length; cut++) {
      const err = t.throws(() => parseTorrent(whole.subarray(0, cut)), { instanceOf: MetainfoError });
      if (err?.code !== 'NOT_BENCODE') t.fail(`${name} cut at ${cut}: ${err?.code}`);
    }
  }
});

test('bytes after the top-level dictionary are ignored, as libtorrent ignores them', (t) => {
  const bytes = torrent(baseInfo);
  t.is(parseTorrent(Buffer.concat([bytes, Buffer.from('\ntrailing')])).infoHash, parseTorrent(bytes).infoHash);
});

test('TOO_DEEP: 100000 nested lists are refused before decoding, without a stack overflow', (t) => {
  refuses(t, 'l'.repeat(100000) + 'e'.repeat(100000), 'TOO_DEEP');
  refuses(t, `d4:info${'l'.repeat(100000)}`, 'TOO_DEEP', 'deep and truncated');
  refuses(t, `d4:infod1:x${'d1:x'.repeat(100000)}`, 'TOO_DEEP', 'nested dictionaries');
  const nested = (depth: number): Buffer => Buffer.from('l'.repeat(depth) + 'e'.repeat(depth));
  t.notThrows(() => scanBencode(nested(MAX_DEPTH)));
  t.is(t.throws(() => scanBencode(nested(MAX_DEPTH + 1)), { instanceOf: MetainfoError })?.code, 'TOO_DEEP');
});

test('DUPLICATE_KEY: two "info" dictionaries (which one is hashed would be ambiguous)', (t) => {
  const info = Buffer.from(bencode.encode(baseInfo));
  refuses(t, Buffer.concat([Buffer.from('d4:info'), info, Buffer.from('4:info'), info, Buffer.from('e')]), 'DUPLICATE_KEY');
  refuses(t, 'd4:infod4:name1:x4:name1:yee', 'DUPLICATE_KEY', 'inside info');
});

test('BAD_TYPE: wrong types where a structure is required', (t) => {
  refuses(t, 'le', 'BAD_TYPE', 'top level is a list');
  refuses(t, 'i3e', 'BAD_TYPE', 'top level is an integer');
  refuses(t, torrent('not a dict'), 'BAD_TYPE', 'info is a string');
  refuses(t, torrent([baseInfo]), 'BAD_TYPE', 'info is a list');
  refuses(t, torrent({ ...baseInfo, name: 5 }), 'BAD_TYPE', 'name is an integer');
  refuses(t, torrent({ ...baseInfo, pieces: 20 }), 'BAD_TYPE', 'pieces is an integer');
  refuses(t, multi([{ length: 1, path: 'a/b' }]), 'BAD_TYPE', 'path is a string');
  refuses(t, multi([{ length: 1, path: [1] }]), 'BAD_TYPE', 'path component is an integer');
});

test('MISSING_KEY: each required key', (t) => {
  refuses(t, bencode.encode({ announce: 'http://127.0.0.1/' }), 'MISSING_KEY', 'info');
  for (const key of ['name', 'piece length', 'pieces', 'length'] as const) {
    const info: Record<string, Value> = { ...baseInfo };
    delete info[key];
    refuses(t, torrent(info), 'MISSING_KEY', key);
  }
  refuses(t, multi([{ path: ['a'] }]), 'MISSING_KEY', 'file length');
  refuses(t, multi([{ length: 1 }]), 'MISSING_KEY', 'file path');
});

test('BAD_PIECES_LENGTH and PIECES_MISMATCH', (t) => {
  refuses(t, torrent({ ...baseInfo, pieces: Buffer.alloc(19) }), 'BAD_PIECES_LENGTH');
  refuses(t, torrent({ ...baseInfo, pieces: Buffer.alloc(41) }), 'BAD_PIECES_LENGTH');
  refuses(t, torrent({ ...baseInfo, pieces: hashes(2) }), 'PIECES_MISMATCH', 'one piece of data, two hashes');
  refuses(t, torrent({ ...baseInfo, pieces: Buffer.alloc(0) }), 'PIECES_MISMATCH', 'no hash');
  refuses(t, torrent({ ...baseInfo, length: 16385, pieces: hashes(1) }), 'PIECES_MISMATCH', 'one byte over a piece');
  t.is(parseTorrent(torrent({ ...baseInfo, length: 16385, pieces: hashes(2) })).lastPieceLength, 1);
  t.is(parseTorrent(torrent({ ...baseInfo, length: 32768, pieces: hashes(2) })).lastPieceLength, 16384);
});

test('UNSAFE_PATH: traversal, absolute, empty, NUL and separators', (t) => {
  const cases: [string[], string][] = [
    [['..', 'etc', 'passwd'], 'parent'],
    [['a', '..', '..', 'b'], 'parent inside'],
    [['.', 'a'], 'current folder'],
    [['a', '.'], 'trailing current folder'],
    [['/etc', 'passwd'], 'absolute'],
    [['', 'etc'], 'empty first component (absolute when joined)'],
    [['a', '', 'b'], 'empty component'],
    [['a/b'], 'slash inside'],
    [['..\\..\\windows'], 'backslash inside'],
    [['C:', 'x'], 'windows drive'],
    [['C:x'], 'windows drive-relative'],
    [['a\0b'], 'NUL'],
  ];
  for (const [path, why] of cases) refuses(t, multi([file(path)]), 'UNSAFE_PATH', why);
  refuses(t, multi([file([])]), 'UNSAFE_PATH', 'empty path list');
  for (const name of ['..', '.', '', 'a/b', '/abs', 'a\\b', 'x\0']) {
    refuses(t, torrent({ ...baseInfo, name }), 'UNSAFE_PATH', `single-file name ${JSON.stringify(name)}`);
    refuses(t, multi([file(['a'])], { name }), 'UNSAFE_PATH', `folder name ${JSON.stringify(name)}`);
  }
  refuses(t, multi([{ length: 1, path: ['ok'], 'path.utf-8': ['..', 'x'] }]), 'UNSAFE_PATH', 'path.utf-8 is used, so it is checked');
  refuses(t, torrent({ ...baseInfo, 'name.utf-8': '../x' }), 'UNSAFE_PATH', 'name.utf-8 is used, so it is checked');
});

test('DUPLICATE_PATH: the same path twice, or a file that is also a folder', (t) => {
  refuses(t, multi([file(['a']), file(['a'])]), 'DUPLICATE_PATH', 'same path');
  refuses(t, multi([file(['d', 'x']), file(['d', 'x'])]), 'DUPLICATE_PATH', 'same nested path');
  refuses(t, multi([file(['a']), file(['a', 'b'])]), 'DUPLICATE_PATH', 'file then folder');
  refuses(t, multi([file(['a', 'b', 'c']), file(['a', 'b'])]), 'DUPLICATE_PATH', 'folder then file');
  refuses(t, multi([file(['a', 'b'], 0), file(['a', 'b'], 0), file(['c'])]), 'DUPLICATE_PATH', 'zero-length files too');
  t.is(parseTorrent(multi([file(['a']), file(['ab']), file(['a b', 'a'])])).files.length, 3, 'prefixes of names are fine');
});

test('BAD_LENGTH: negative, not integer, beyond 2^53, total beyond 2^50', (t) => {
  refuses(t, torrent({ ...baseInfo, length: -1 }), 'BAD_LENGTH', 'negative');
  refuses(t, torrent({ ...baseInfo, length: '100' }), 'BAD_LENGTH', 'a string');
  refuses(t, torrent({ ...baseInfo, length: [100] }), 'BAD_LENGTH', 'a list');
  refuses(t, 'd4:infod6:lengthi99999999999999999999e4:name1:x12:piece lengthi16384e6:pieces20:aaaaaaaaaaaaaaaaaaaaee', 'BAD_LENGTH', 'beyond 2^53');
  refuses(t, 'd4:infod6:lengthi9007199254740993e4:name1:x12:piece lengthi16384e6:pieces20:aaaaaaaaaaaaaaaaaaaaee', 'BAD_LENGTH', '2^53 + 1');
  refuses(t, multi([file(['a'], -5)]), 'BAD_LENGTH', 'negative file length');
  refuses(t, multi([file(['a'], 2 ** 50 + 1)]), 'BAD_LENGTH', 'one file beyond 2^50');
  refuses(t, multi([file(['a'], 2 ** 49 + 1), file(['b'], 2 ** 49 + 1)]), 'BAD_LENGTH', 'total beyond 2^50');
});

test('BAD_PIECE_LENGTH: zero, negative, not an integer, absurd', (t) => {
  for (const pieceLength of [0, -16384, 2 ** 40, 2 ** 28 + 1, '16384', 2 ** 60]) {
    refuses(t, torrent({ ...baseInfo, 'piece length': pieceLength }), 'BAD_PIECE_LENGTH', `piece length ${String(pieceLength)}`);
  }
  t.is(parseTorrent(torrent({ ...baseInfo, 'piece length': 100 })).pieceLength, 100, 'not a power of two is allowed');
});

test('BAD_FILES, EMPTY_TORRENT', (t) => {
  refuses(t, multi([file(['a'])], { length: 10 }), 'BAD_FILES', 'both length and files');
  refuses(t, multi([]), 'BAD_FILES', 'empty file list');
  refuses(t, torrent({ ...baseInfo, length: undefined, files: 'a' }), 'BAD_FILES', 'files is a string');
  refuses(t, multi(['a']), 'BAD_FILES', 'file entry is a string');
  refuses(t, torrent({ ...baseInfo, length: 0, pieces: Buffer.alloc(0) }), 'EMPTY_TORRENT', 'zero-length single file');
  refuses(t, multi([file(['a'], 0), file(['b'], 0)], { pieces: Buffer.alloc(0) }), 'EMPTY_TORRENT', 'only empty files');
});

test('a "__proto__" key neither pollutes nor fools the parser', (t) => {
  // The bencode package assigns it through the prototype setter, so the info
  // dictionary's prototype becomes the decoded value.
  const sneaky = Buffer.from(
    `d4:infod9:__proto__d6:lengthi100e4:name1:x12:piece lengthi16384e6:pieces20:${'a'.repeat(20)}eee`,
    'latin1',
  );
  refuses(t, sneaky, 'MISSING_KEY', 'keys behind __proto__ are not read');
  const polluting = Buffer.from(`d9:__proto__d7:pollutei1ee4:info${Buffer.from(bencode.encode(baseInfo)).toString('latin1')}e`, 'latin1');
  t.is(parseTorrent(polluting).length, 100);
  t.is(({} as Record<string, unknown>)['pollute'], undefined);
  const proto = Buffer.from(`d4:infod9:__proto__3:abcee`, 'latin1');
  refuses(t, proto, 'MISSING_KEY', 'a dictionary whose prototype is a byte string is still a dictionary');
});

test('parseInfoDictionary takes bare info bytes (ut_metadata) and refuses stray bytes', (t) => {
  const info = Buffer.from(bencode.encode(baseInfo));
  const m = parseInfoDictionary(info, { announce: [['udp://127.0.0.1:1']] });
  t.is(m.infoHash, parseTorrent(torrent(baseInfo)).infoHash);
  t.deepEqual(m.announce, [['udp://127.0.0.1:1']]);
  t.is(t.throws(() => parseInfoDictionary(Buffer.concat([info, Buffer.from('x')])), { instanceOf: MetainfoError })?.code, 'NOT_BENCODE');
  t.is(t.throws(() => parseInfoDictionary(Buffer.from('le')), { instanceOf: MetainfoError })?.code, 'BAD_TYPE');
});

test('MetainfoError is a CodedError named MetainfoError', (t) => {
  const err = t.throws(() => parseTorrent(Buffer.from('x')), { instanceOf: CodedError });
  t.is(err?.name, 'MetainfoError');
  t.true(err instanceof MetainfoError);
});
