import test from 'ava';
import { InvalidPieces, RemotePieces } from '../../core/peer/index.ts';

/** The bitfield bytes of `count` pieces with `had` set. */
function bits(count: number, had: readonly number[]): Buffer {
  const out = Buffer.alloc(Math.ceil(count / 8));
  for (const i of had) out[i >>> 3] = out[i >>> 3]! | (0x80 >>> (i & 7));
  return out;
}

/** Remote pieces of a torrent whose piece count is known. */
function known(count: number): RemotePieces {
  const pieces = new RemotePieces();
  if (pieces.settle(count) !== undefined) throw new Error('nothing announced yet cannot be invalid');
  return pieces;
}

test('a bitfield is passed on as it is and answers has()', (t) => {
  const pieces = known(10);
  t.is(pieces.receiveBitfield(bits(10, [1, 9])), 'as-is');
  t.true(pieces.has(1));
  t.true(pieces.has(9));
  t.false(pieces.has(2));
  t.false(pieces.isSeed);
  t.deepEqual([...pieces.bitfield!.indexes()], [1, 9]);
});

test('a have for a piece the remote has already changes nothing', (t) => {
  const pieces = known(10);
  pieces.receiveBitfield(bits(10, [1]));
  t.is(pieces.have(3), 'as-is');
  t.deepEqual(pieces.have(3), [], 'the second have for 3 is not passed on');
  t.deepEqual(pieces.have(1), [], 'a have for a piece of the bitfield is not passed on');
  t.deepEqual([...pieces.bitfield!.indexes()], [1, 3]);
});

test('a repeated have before the piece count is known is passed on once too', (t) => {
  const pieces = new RemotePieces();
  t.is(pieces.have(5), 'as-is');
  t.deepEqual(pieces.have(5), []);
  t.true(pieces.has(5));
  t.is(pieces.settle(8), undefined);
  t.deepEqual([...pieces.bitfield!.indexes()], [5]);
  t.deepEqual(pieces.have(5), [], 'nor after the count is known');
});

test('a later bitfield is passed on as haves of the pieces it adds', (t) => {
  const pieces = known(10);
  pieces.receiveBitfield(bits(10, [1, 2]));
  t.deepEqual(pieces.receiveBitfield(bits(10, [2, 4, 7])), [4, 7]);
  t.deepEqual([...pieces.bitfield!.indexes()], [1, 2, 4, 7]);
});

test('a later have-all adds the missing pieces; a later have-none changes nothing', (t) => {
  const pieces = known(4);
  t.is(pieces.receiveAllOrNone(false), 'as-is');
  t.deepEqual(pieces.receiveAllOrNone(false), []);
  pieces.have(1);
  t.deepEqual(pieces.receiveAllOrNone(true), [0, 2, 3]);
  t.true(pieces.isSeed);
});

test('haves before the bitfield are kept', (t) => {
  const pieces = known(4);
  pieces.have(0);
  t.is(pieces.receiveBitfield(bits(4, [3])), 'as-is');
  t.deepEqual([...pieces.bitfield!.indexes()], [0, 3]);
});

test('a bitfield of the wrong size is invalid', (t) => {
  const news = known(10).receiveBitfield(Buffer.alloc(3));
  t.true(news instanceof InvalidPieces);
  t.is((news as InvalidPieces).code, 'BAD_BITFIELD');
});

test('before the piece count: a bitfield and haves merge, and settle() checks them', (t) => {
  const pieces = new RemotePieces();
  t.is(pieces.receiveBitfield(bits(16, [0])), 'as-is');
  pieces.have(9);
  t.deepEqual(pieces.receiveBitfield(bits(16, [2])), [], 'a later bitfield is merged, not passed on');
  t.true(pieces.has(9));
  t.false(pieces.settled);
  t.is(pieces.settle(16), undefined);
  t.deepEqual([...pieces.bitfield!.indexes()], [0, 2, 9]);
});

test('settle() refuses a have beyond the count and a bitfield of the wrong size', (t) => {
  const beyond = new RemotePieces();
  beyond.have(20);
  t.is(beyond.settle(10)?.code, 'BAD_INDEX');
  const wrongSize = new RemotePieces();
  wrongSize.receiveBitfield(Buffer.alloc(4));
  t.is(wrongSize.settle(10)?.code, 'BAD_BITFIELD');
});

test('have-all before the piece count makes a seed once it is known', (t) => {
  const pieces = new RemotePieces();
  t.is(pieces.receiveAllOrNone(true), 'as-is');
  t.true(pieces.isSeed);
  t.true(pieces.has(1000));
  t.is(pieces.settle(7), undefined);
  t.true(pieces.isSeed);
  t.is(pieces.bitfield!.length, 7);
});
