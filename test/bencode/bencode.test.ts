// The shared bencode decoder and encoder (core/bencode), and the three layers
// that use it agreeing on the inputs they used to disagree on.
import test from 'ava';
import bencodePackage from 'bencode';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { bdecode, bencode, BencodeEncodeError, BencodeError, type BencodeDict, type BencodeErrorCode, type BencodeInput, type BencodeValue } from '../../core/bencode/index.ts';
import { MetainfoError, parseTorrent } from '../../core/metainfo/index.ts';
import { bdecode as trackerDecode } from '../../core/tracker/bdecode.ts';
import { decodeExtendedHandshake, WireError } from '../../core/wire/index.ts';
import { decodeMetadataMessage, MetadataError } from '../../plugins/ut-metadata/message.ts';

const b = (s: string): Buffer => Buffer.from(s, 'latin1');

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
    return undefined;
  } catch (err) {
    if (err instanceof BencodeError || err instanceof MetainfoError || err instanceof WireError || err instanceof MetadataError) return err.code;
    throw err;
  }
}

const dict = (v: BencodeValue): BencodeDict => {
  if (typeof v !== 'object' || Array.isArray(v) || Buffer.isBuffer(v)) throw new Error('not a dictionary');
  return v;
};

test('decodes integers, strings, lists and dictionaries; strings are Buffers', (t) => {
  const { value, end } = bdecode(b('d4:listli1ei-2e3:abce4:name4:spame'));
  t.is(end, 34);
  const d = dict(value);
  t.deepEqual(d['list'], [1, -2, b('abc')]);
  t.deepEqual(d['name'], b('spam'));
  t.true(Buffer.isBuffer(d['name']));
});

test('dictionaries have no prototype: "__proto__" and "constructor" are ordinary keys', (t) => {
  const d = dict(bdecode(b('d9:__proto__3:abc11:constructori1ee')).value);
  t.is(Object.getPrototypeOf(d), null);
  t.deepEqual(Object.keys(d), ['__proto__', 'constructor']);
  t.deepEqual(d['__proto__'], b('abc'));
  t.false((d as object) instanceof Uint8Array);
  const nested = dict(dict(bdecode(b('d1:vd9:__proto__3:abcee')).value)['v']!);
  t.is(Object.getPrototypeOf(nested), null);
  t.false((nested as object) instanceof Uint8Array);
  t.is(({} as Record<string, unknown>)['abc'], undefined);
});

test('keys are their raw bytes: "\\xff" and "ff" are different keys, in every layer', (t) => {
  const input = b('d2:ffi1e1:\xffi2ee');
  const d = dict(bdecode(input).value);
  t.deepEqual(Object.keys(d), ['ff', '\u00ff']);
  t.is(d['ff'], 1);
  t.is(d['\u00ff'], 2);
  const viaTracker = trackerDecode(input) as BencodeDict;
  t.is(viaTracker['ff'], 1);
  t.is(viaTracker['\u00ff'], 2);
  // Encoding gives the same bytes back.
  t.deepEqual(bencode(d as BencodeInput), input);
});

// The three decoders of before disagreed on these; now one decoder answers,
// each layer mapping its error to its own code.
const DISAGREEMENTS: { input: string; strict: string | undefined; accepting: string | undefined; metainfo: string; wire: string; tracker: string | undefined }[] = [
  { input: 'd4:infoi03ee', strict: 'BENCODE_LEADING_ZERO', accepting: undefined, metainfo: 'BAD_TYPE', wire: 'OK', tracker: undefined },
  { input: 'd4:infoi-0ee', strict: 'BENCODE_NEGATIVE_ZERO', accepting: undefined, metainfo: 'BAD_TYPE', wire: 'OK', tracker: undefined },
  { input: 'd1:ai1e1:ai2ee', strict: 'BENCODE_DUPLICATE_KEY', accepting: 'BENCODE_DUPLICATE_KEY', metainfo: 'DUPLICATE_KEY', wire: 'BAD_EXTENDED', tracker: 'BENCODE_DUPLICATE_KEY' },
  { input: 'd2:ffi1e1:\xffi2e2:ffi3ee', strict: 'BENCODE_DUPLICATE_KEY', accepting: 'BENCODE_DUPLICATE_KEY', metainfo: 'DUPLICATE_KEY', wire: 'BAD_EXTENDED', tracker: 'BENCODE_DUPLICATE_KEY' },
  { input: 'd1:bi1e1:ai2ee', strict: 'BENCODE_UNSORTED_KEYS', accepting: undefined, metainfo: 'MISSING_KEY', wire: 'OK', tracker: undefined },
  { input: 'de' + 'x', strict: 'BENCODE_TRAILING_DATA', accepting: 'BENCODE_TRAILING_DATA', metainfo: 'MISSING_KEY', wire: 'BAD_EXTENDED', tracker: 'BENCODE_TRAILING_DATA' },
];

test('one answer for every input the old decoders disagreed on', (t) => {
  for (const c of DISAGREEMENTS) {
    const input = b(c.input);
    const what = JSON.stringify(c.input);
    t.is(codeOf(() => bdecode(input)), c.strict, `${what} strict`);
    t.is(codeOf(() => bdecode(input, { nonCanonical: 'accept' })), c.accepting, `${what} accepting`);
    // .torrent files ignore trailing bytes, as libtorrent does; the rest is the decoder's answer.
    t.is(codeOf(() => parseTorrent(input)), c.metainfo, `${what} metainfo`);
    t.is(codeOf(() => decodeExtendedHandshake(input)) ?? 'OK', c.wire, `${what} wire`);
    t.is(codeOf(() => trackerDecode(input)), c.tracker, `${what} tracker`);
  }
});

test('i1ex: trailing bytes are refused unless the caller asks for a prefix', (t) => {
  const err = t.throws(() => bdecode(b('i1ex')), { instanceOf: BencodeError });
  t.is(err?.code, 'BENCODE_TRAILING_DATA');
  t.is(err?.offset, 3);
  const prefix = bdecode(b('i1ex'), { prefix: true });
  t.is(prefix.value, 1);
  t.is(prefix.end, 3);
  // ut_metadata data: the piece's raw bytes follow the dictionary.
  const data = decodeMetadataMessage(b('d8:msg_typei1e5:piecei0e10:total_sizei3eexyz'));
  t.deepEqual(data, { type: 'data', piece: 0, totalSize: 3, data: b('xyz') });
});

test('each malformation has its code and the offset where the input stopped making sense', (t) => {
  const cases: [string, BencodeErrorCode, number][] = [
    ['', 'BENCODE_TRUNCATED', 0],
    ['d3:abci1e3:xyz', 'BENCODE_TRUNCATED', 14],
    ['5:abc', 'BENCODE_TRUNCATED', 0],
    ['i12', 'BENCODE_TRUNCATED', 3],
    ['x', 'BENCODE_UNEXPECTED_BYTE', 0],
    ['l-3:e', 'BENCODE_UNEXPECTED_BYTE', 1],
    ['ie', 'BENCODE_BAD_NUMBER', 1],
    ['i-e', 'BENCODE_BAD_NUMBER', 2],
    ['i1.5e', 'BENCODE_BAD_NUMBER', 2],
    ['3xabc', 'BENCODE_BAD_NUMBER', 1],
    ['i123456789012345678901e', 'BENCODE_INTEGER_OVERFLOW', 0],
    ['i03e', 'BENCODE_LEADING_ZERO', 1],
    ['03:abc', 'BENCODE_LEADING_ZERO', 0],
    ['i-0e', 'BENCODE_NEGATIVE_ZERO', 0],
    ['di1ei2ee', 'BENCODE_KEY_NOT_STRING', 1],
    ['d1:ae', 'BENCODE_MISSING_VALUE', 4],
    ['d1:ai1e1:ai2ee', 'BENCODE_DUPLICATE_KEY', 7],
    ['d1:bi1e1:ai2ee', 'BENCODE_UNSORTED_KEYS', 7],
    ['i1ei2e', 'BENCODE_TRAILING_DATA', 3],
  ];
  for (const [input, code, offset] of cases) {
    const err = t.throws(() => bdecode(b(input)), { instanceOf: BencodeError }, input);
    t.is(err?.code, code, input);
    t.is(err?.offset, offset, input);
  }
});

test('non-canonical input decodes when accepted: i03e is 3, i-0e is 0, keys keep their order', (t) => {
  const accept = { nonCanonical: 'accept' } as const;
  t.is(bdecode(b('i03e'), accept).value, 3);
  t.is(Object.is(bdecode(b('i-0e'), accept).value, 0), true);
  t.deepEqual(bdecode(b('03:abc'), accept).value, b('abc'));
  t.deepEqual(Object.keys(dict(bdecode(b('d1:bi1e1:ai2ee'), accept).value)), ['b', 'a']);
});

test('integers: exact numbers up to 2^53, exact bigints beyond, 20 digits at most', (t) => {
  t.is(bdecode(b('i9007199254740991e')).value, Number.MAX_SAFE_INTEGER);
  t.is(bdecode(b('i-9007199254740991e')).value, -Number.MAX_SAFE_INTEGER);
  t.is(bdecode(b('i9007199254740993e')).value, 9007199254740993n);
  t.is(bdecode(b('i-18446744073709551616e')).value, -18446744073709551616n);
  t.is(codeOf(() => bdecode(b('i123456789012345678901e'))), 'BENCODE_INTEGER_OVERFLOW');
});

test('limits: depth, tokens, input length and string length, each with its code', (t) => {
  const nested = (depth: number): Buffer => b('l'.repeat(depth) + 'e'.repeat(depth));
  t.notThrows(() => bdecode(nested(10), { maxDepth: 10 }));
  t.is(codeOf(() => bdecode(nested(11), { maxDepth: 10 })), 'BENCODE_DEPTH');
  t.is(codeOf(() => bdecode(nested(101))), 'BENCODE_DEPTH', 'default depth 100');
  // Iterative: a million levels do not touch the call stack.
  t.is(codeOf(() => bdecode(nested(1_000_000), { maxDepth: 2_000_000 })), undefined);

  t.notThrows(() => bdecode(b('li1ei2ei3ee'), { maxTokens: 4 }));
  t.is(codeOf(() => bdecode(b('li1ei2ei3ee'), { maxTokens: 3 })), 'BENCODE_TOO_MANY_TOKENS');
  t.is(codeOf(() => bdecode(b('d1:ai1ee'), { maxTokens: 2 })), 'BENCODE_TOO_MANY_TOKENS', 'keys count');

  t.notThrows(() => bdecode(b('3:abc'), { maxInputLength: 5 }));
  t.is(codeOf(() => bdecode(b('3:abc'), { maxInputLength: 4 })), 'BENCODE_INPUT_TOO_LONG');
  t.notThrows(() => bdecode(b('3:abc'), { maxStringLength: 3 }));
  t.is(codeOf(() => bdecode(b('3:abc'), { maxStringLength: 2 })), 'BENCODE_STRING_TOO_LONG');
  t.is(codeOf(() => bdecode(b('99999999999999999999:abc'))), 'BENCODE_TRUNCATED', 'a length beyond any input');
});

test('byte spans of lists, dictionaries and strings; the info hash comes from the raw info bytes', (t) => {
  const input = b('d1:ali1e2:xye4:infod1:bi03e1:ai1eee');
  const decoded = bdecode(input, { nonCanonical: 'accept' });
  const d = dict(decoded.value);
  t.deepEqual(decoded.spanOf(d), { start: 0, end: input.length });
  t.deepEqual(decoded.spanOf(d['a']), { start: 4, end: 13 });
  t.deepEqual(decoded.spanOf((d['a'] as BencodeValue[])[1]), { start: 8, end: 12 });
  const info = decoded.spanOf(d['info'])!;
  t.is(input.toString('latin1', info.start, info.end), 'd1:bi03e1:ai1ee', 'non-canonical bytes as they stand');
  t.is(decoded.spanOf(1), undefined);
  for (const name of readdirSync(new URL('../fixtures/torrents/', import.meta.url)).filter((n) => n.endsWith('.torrent') && !n.includes('v2only'))) {
    const file = readFileSync(new URL(`../fixtures/torrents/${name}`, import.meta.url));
    const whole = bdecode(file, { nonCanonical: 'accept' });
    const span = whole.spanOf(dict(whole.value)['info'])!;
    t.is(createHash('sha1').update(file.subarray(span.start, span.end)).digest('hex'), parseTorrent(file).infoHash, name);
  }
});

test('every strict prefix of every fixture torrent is BENCODE_TRUNCATED; the whole decodes and re-encodes to itself', (t) => {
  for (const name of readdirSync(new URL('../fixtures/torrents/', import.meta.url)).filter((n) => n.endsWith('.torrent'))) {
    const file = readFileSync(new URL(`../fixtures/torrents/${name}`, import.meta.url));
    t.deepEqual(bencode(bdecode(file).value as BencodeInput), file, `${name} is canonical`);
    for (let cut = 0; cut < file.length; cut++) {
      const code = codeOf(() => bdecode(file.subarray(0, cut)));
      if (code !== 'BENCODE_TRUNCATED') t.fail(`${name} cut at ${cut}: ${code}`);
    }
  }
  t.pass();
});

test('the encoder writes keys in byte order and canonical integers; it refuses what bencode cannot hold', (t) => {
  t.deepEqual(bencode({ b: 1, a: [b('x'), 'é', -5n, 0], '\u00ff': 2, ff: 3, skipped: undefined }), b('d1:al1:x2:\xc3\xa9i-5ei0ee1:bi1e2:ffi3e1:\xffi2ee'));
  t.deepEqual(bencode(-0), b('i0e'));
  for (const bad of [1.5, Number.NaN, 2 ** 53, { '\u20ac': 1 }] as BencodeInput[]) {
    t.is(t.throws(() => bencode(bad), { instanceOf: BencodeEncodeError })?.code, 'BENCODE_NOT_ENCODABLE');
  }
  const cycle: { self?: unknown } = {};
  cycle.self = cycle;
  t.is(t.throws(() => bencode(cycle as BencodeInput), { instanceOf: BencodeEncodeError })?.code, 'BENCODE_NOT_ENCODABLE');
  t.is(t.throws(() => bencode(true as unknown as BencodeInput), { instanceOf: BencodeEncodeError })?.code, 'BENCODE_NOT_ENCODABLE');
});

test('the encoder writes what the bencode package writes, and the decoder reads it back (property)', (t) => {
  const value: fc.Arbitrary<BencodeInput> = fc.letrec((tie) => ({
    v: fc.oneof(
      { depthSize: 'small' },
      fc.maxSafeInteger(),
      fc.string({ maxLength: 8 }),
      fc.uint8Array({ maxLength: 12 }).map((a) => Buffer.from(a)),
      fc.array(tie('v'), { maxLength: 4 }),
      fc.dictionary(fc.string({ maxLength: 6 }), tie('v'), { maxKeys: 4 }),
    ),
  })).v as fc.Arbitrary<BencodeInput>;
  fc.assert(
    fc.property(value, (v) => {
      const ours = bencode(v);
      t.deepEqual(ours, Buffer.from(bencodePackage.encode(v as Parameters<typeof bencodePackage.encode>[0])));
      t.deepEqual(bencode(bdecode(ours).value as BencodeInput), ours);
    }),
    { numRuns: 500 },
  );
});

test('any byte string decodes or throws a BencodeError, in both modes (property)', (t) => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), fc.boolean(), (bytes, accept) => {
      try {
        bdecode(bytes, { nonCanonical: accept ? 'accept' : 'refuse', prefix: !accept });
      } catch (err) {
        return err instanceof BencodeError;
      }
      return true;
    }),
    { numRuns: 3000 },
  );
  t.pass();
});
