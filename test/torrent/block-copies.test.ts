// Pooled copies of blocks for backlogged peers (core/torrent/block-copies.ts).
import test from 'ava';
import { BlockCopies } from '../../core/torrent/block-copies.ts';

test('a 16 KiB copy holds the block, goes back to the pool once released (once), and is reused', (t) => {
  const copies = new BlockCopies();
  const piece = Buffer.alloc(64 * 1024, 7);
  piece.fill(9, 16384, 32768);
  const first = copies.copy(piece.subarray(16384, 32768));
  t.deepEqual(first.data, Buffer.alloc(16384, 9));
  t.not(first.data.buffer, piece.buffer, 'a copy, not a view of the piece');
  piece.fill(1);
  t.deepEqual(first.data, Buffer.alloc(16384, 9), 'independent of the piece');
  first.release();
  first.release();
  t.is(copies.pooled, 1, 'given back once');
  const second = copies.copy(piece.subarray(0, 16384));
  t.is(second.data, first.data, 'the pooled buffer is reused');
  t.deepEqual(second.data, Buffer.alloc(16384, 1));
  t.is(copies.pooled, 0);
});

test('copies of other sizes are not pooled; the pool keeps at most 64', (t) => {
  const copies = new BlockCopies();
  const odd = copies.copy(Buffer.alloc(1000, 3));
  t.deepEqual(odd.data, Buffer.alloc(1000, 3));
  odd.release();
  t.is(copies.pooled, 0);
  const many = Array.from({ length: 100 }, () => copies.copy(Buffer.alloc(16384)));
  for (const c of many) c.release();
  t.is(copies.pooled, 64);
});
