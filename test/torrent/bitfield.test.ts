import test from 'ava';
import fc from 'fast-check';
import { BitField, BitFieldError, bitfieldByteLength } from '../../core/bitfield.ts';

test('bits are numbered from the high bit of byte 0', (t) => {
  const f = new BitField(10);
  f.set(0);
  f.set(9);
  t.deepEqual([...f.toBuffer()], [0x80, 0x40]);
  t.true(f.get(0));
  t.false(f.get(1));
  t.true(f.get(9));
  t.is(f.count(), 2);
  t.deepEqual([...f.indexes()], [0, 9]);
});

test('set, clear, count, isFull, isEmpty', (t) => {
  const f = new BitField(3);
  t.true(f.isEmpty());
  f.set(0);
  f.set(0);
  t.is(f.count(), 1);
  f.set(1);
  f.set(2);
  t.true(f.isFull());
  f.set(1, false);
  f.set(1, false);
  t.is(f.count(), 2);
  t.false(f.isFull());
  f.clearAll();
  t.true(f.isEmpty());
  t.throws(() => f.set(3), { instanceOf: RangeError });
  t.throws(() => f.set(-1), { instanceOf: RangeError });
  t.false(f.get(3));
  t.false(f.get(-1));
});

test('full() leaves the spare bits clear', (t) => {
  const f = BitField.full(13);
  t.deepEqual([...f.toBuffer()], [0xff, 0xf8]);
  t.true(f.isFull());
  t.is(BitField.full(16).toBuffer().length, 2);
  t.is(BitField.full(0).count(), 0);
});

test('fromBuffer refuses a wrong size and spare bits', (t) => {
  const wrongSize = t.throws(() => BitField.fromBuffer(Buffer.from([0xff]), 9), { instanceOf: BitFieldError });
  t.is(wrongSize?.code, 'BAD_BITFIELD_LENGTH');
  t.is(t.throws(() => BitField.fromBuffer(Buffer.from([0xff, 0, 0]), 9), { instanceOf: BitFieldError })?.code, 'BAD_BITFIELD_LENGTH');
  t.is(t.throws(() => BitField.fromBuffer(Buffer.from([0xff, 0x40]), 9), { instanceOf: BitFieldError })?.code, 'SPARE_BITS_SET');
  const ok = BitField.fromBuffer(Buffer.from([0xff, 0x80]), 9);
  t.is(ok.count(), 9);
  t.true(ok.isFull());
});

test('fromBuffer copies its input', (t) => {
  const input = Buffer.from([0x80]);
  const f = BitField.fromBuffer(input, 8);
  input[0] = 0;
  t.true(f.get(0));
  const c = f.clone();
  f.set(0, false);
  t.true(c.get(0));
});

test('wire form round trip and count agree with the bits (property)', (t) => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 200 }).chain((n) => fc.tuple(fc.constant(n), fc.array(fc.nat({ max: n - 1 })))), ([n, indexes]) => {
      const f = new BitField(n);
      for (const i of indexes) f.set(i);
      const g = BitField.fromBuffer(f.toBuffer(), n);
      const unique = [...new Set(indexes)].sort((a, b) => a - b);
      t.is(g.count(), unique.length);
      t.deepEqual([...g.indexes()], unique);
      t.is(f.toBuffer().length, bitfieldByteLength(n));
    }),
  );
});
