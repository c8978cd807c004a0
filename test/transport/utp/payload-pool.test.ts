import test from 'ava';
import { PayloadPool } from '../../../core/transport/utp/payload-pool.ts';

test('take hands out distinct buffers of the packet size, cut from shared slabs', (t) => {
  const pool = new PayloadPool(1400, 64);
  const taken = Array.from({ length: 40 }, () => pool.take());
  for (const b of taken) t.is(b.length, 1400);
  // Writing each with its own byte shows no two overlap.
  taken.forEach((b, i) => b.fill(i));
  taken.forEach((b, i) => t.true(b.every((x) => x === i)));
  t.true(new Set(taken.map((b) => b.buffer)).size < taken.length);
});

test('a buffer given back is handed out again before any new one', (t) => {
  const pool = new PayloadPool(1000, 64);
  const first = pool.take();
  const free = pool.pooled;
  pool.give(first);
  t.is(pool.pooled, free + 1);
  t.is(pool.take(), first);
});

test('the free list is bounded, and a buffer of another size is not kept', (t) => {
  const pool = new PayloadPool(100, 40);
  const taken = Array.from({ length: 200 }, () => pool.take());
  for (const b of taken) pool.give(b);
  t.is(pool.pooled, 40);
  const before = pool.pooled;
  pool.give(Buffer.alloc(99));
  t.is(pool.pooled, before);
});
