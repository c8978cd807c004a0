import test from 'ava';
import fc from 'fast-check';
import { bdecode, BdecodeError, isDict } from '../../core/tracker/bdecode.ts';
import { bencode } from '../helpers/fake-tracker.ts';

test('decodes integers, strings, lists and dictionaries', (t) => {
  const v = bdecode(Buffer.from('d3:agei-42e4:listli1e3:abce4:name4:spame'));
  t.true(isDict(v));
  if (!isDict(v)) return;
  t.is(v['age'], -42);
  t.deepEqual(v['list'], [1, Buffer.from('abc')]);
  t.deepEqual(v['name'], Buffer.from('spam'));
});

test('binary dictionary keys survive as latin1 strings', (t) => {
  const key = Buffer.from([0x00, 0xff, 0x80, 0x7f, 0x41]);
  const v = bdecode(bencode({ [key.toString('latin1')]: 1 }));
  t.true(isDict(v) && v[key.toString('latin1')] === 1);
});

test('a negative string length fails instead of looping forever', (t) => {
  for (const s of ['l-3:e', 'l-4:e', 'd1:a-1:e', '-1:']) {
    t.throws(() => bdecode(Buffer.from(s)), { instanceOf: BdecodeError }, s);
  }
});

test('rejects what is not bencode, over the limits, or ambiguous', (t) => {
  const bad = [
    '', 'i', 'ie', 'i-e', 'i1', 'i1.5e', 'i999999999999999999999e', '5:abc', 'l', 'd', 'd1:ae', 'di1ei2ee', 'd1:ai1e1:ai2ee',
    'x', 'd3:abci1eegarbage', 'lllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllll',
  ];
  for (const s of bad) t.throws(() => bdecode(Buffer.from(s)), { instanceOf: BdecodeError }, JSON.stringify(s));
});

// Tracker replies, .torrent files and peers' messages all go through core/bencode
// and take non-canonical numbers and key order as libtorrent takes them.
test('non-canonical numbers and key order decode, as in metainfo and on the wire', (t) => {
  t.is(bdecode(Buffer.from('i03e')), 3);
  t.is(bdecode(Buffer.from('i-0e')), 0);
  t.deepEqual(bdecode(Buffer.from('03:abc')), Buffer.from('abc'));
  t.is(bdecode(Buffer.from('i99999999999999999999e')), 99999999999999999999n, 'beyond 2^53: exact, as a bigint');
  const v = bdecode(Buffer.from('d1:bi1e1:ai2ee'));
  t.true(isDict(v) && v['a'] === 2 && v['b'] === 1);
});

test('trailing white space after the value is tolerated', (t) => {
  t.is(bdecode(Buffer.from('i5e\r\n')), 5);
});

test('the error names the offset', (t) => {
  const err = t.throws(() => bdecode(Buffer.from('d3:abci1e3:xyz')), { instanceOf: BdecodeError });
  t.is(err?.offset, 14);
});

test('any byte string decodes or throws BdecodeError, and re-encodes to itself when valid', (t) => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      try {
        bdecode(bytes);
      } catch (err) {
        return err instanceof BdecodeError;
      }
      return true;
    }),
    { numRuns: 3000 },
  );
  const value = fc.letrec((tie) => ({
    v: fc.oneof(
      { depthSize: 'small' },
      fc.integer(),
      fc.uint8Array({ maxLength: 20 }).map((a) => Buffer.from(a)),
      fc.array(tie('v'), { maxLength: 4 }),
      fc.dictionary(fc.string({ maxLength: 6 }), tie('v'), { maxKeys: 4 }),
    ),
  })).v;
  fc.assert(
    fc.property(value, (v) => {
      const encoded = bencode(v as Parameters<typeof bencode>[0]);
      const decoded = bdecode(encoded);
      return bencode(decodedToBencodable(decoded)).equals(encoded);
    }),
    { numRuns: 500 },
  );
  t.pass();
});

type Plain = number | Buffer | Plain[] | { [k: string]: Plain };
function decodedToBencodable(v: ReturnType<typeof bdecode>): Plain {
  if (typeof v === 'bigint') throw new Error(`fc.integer() gave ${v}, beyond 2^53`);
  if (typeof v === 'number' || Buffer.isBuffer(v)) return v;
  if (Array.isArray(v)) return v.map(decodedToBencodable);
  const out: { [k: string]: Plain } = {};
  for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = decodedToBencodable(x);
  return out;
}
