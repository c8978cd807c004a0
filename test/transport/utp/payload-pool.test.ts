import test from 'ava';
import { PayloadPool } from '../../../core/transport/utp/payload-pool.ts';
import { HEADER_LENGTH } from '../../../core/transport/utp/packet.ts';

test('take hands out distinct slots, each its own memory: a header room then a packetSize payload, the payload a view of the datagram', (t) => {
  const pool = new PayloadPool(1400, 64);
  const taken = Array.from({ length: 40 }, () => pool.take());
  for (const s of taken) {
    t.is(s.datagram.length, HEADER_LENGTH + 1400);
    t.is(s.payload.length, 1400);
    t.is(s.payload.buffer, s.datagram.buffer);
    t.is(s.payload.byteOffset, s.datagram.byteOffset + HEADER_LENGTH);
  }
  // Writing each with its own byte shows no two overlap.
  taken.forEach((s, i) => s.datagram.fill(i));
  taken.forEach((s, i) => t.true(s.datagram.every((x) => x === i)));
  t.is(new Set(taken.map((s) => s.datagram.buffer)).size, taken.length);
});

test('a slot given back is handed out again before any new one', (t) => {
  const pool = new PayloadPool(1000, 64);
  const first = pool.take();
  t.is(pool.pooled, 0);
  pool.give(first);
  t.is(pool.pooled, 1);
  t.is(pool.take(), first);
  t.is(pool.pooled, 0);
});

test('the free list is bounded, and a slot of another packet size is not kept', (t) => {
  const pool = new PayloadPool(100, 40);
  const taken = Array.from({ length: 200 }, () => pool.take());
  for (const s of taken) pool.give(s);
  t.is(pool.pooled, 40);
  pool.give(new PayloadPool(99, 40).take());
  t.is(pool.pooled, 40);
});
