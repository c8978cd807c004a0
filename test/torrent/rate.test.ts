import test from 'ava';
import { RateMeter } from '../../core/torrent/rate.ts';

// A window of 1000 ms in 4 buckets of 250 ms; times are given, never read from the clock.
const T0 = 1_000_000;

test('bytes count over the window, per second, and leave it bucket by bucket', (t) => {
  const meter = new RateMeter(1000, 4);
  t.is(meter.rate(T0), 0);
  meter.add(1000, T0);
  meter.add(500, T0 + 100);
  t.is(meter.rate(T0 + 100), 1500);
  meter.add(2000, T0 + 260);
  t.is(meter.rate(T0 + 260), 3500);
  // The first bucket (T0 .. T0 + 249) is still in the window until T0 + 1000.
  t.is(meter.rate(T0 + 999), 3500);
  t.is(meter.rate(T0 + 1000), 2000);
  t.is(meter.rate(T0 + 1250), 0);
  t.is(meter.total, 3500);
});

test('a bucket reused a whole window later starts from zero', (t) => {
  const meter = new RateMeter(1000, 4);
  meter.add(700, T0);
  // Same ring slot (4 buckets of 250 ms later), a new slice of time.
  meter.add(300, T0 + 1000);
  t.is(meter.rate(T0 + 1000), 300);
  // Many windows later, nothing of the old bytes remains.
  t.is(meter.rate(T0 + 10_000), 0);
  meter.add(50, T0 + 10_000);
  t.is(meter.rate(T0 + 10_000), 50);
  t.is(meter.total, 1050);
});

test('a window with a fractional bucket length (5000 ms in 3)', (t) => {
  const meter = new RateMeter(5000, 3);
  meter.add(5000, T0);
  t.is(meter.rate(T0), 1000);
  t.is(meter.rate(T0 + 5000), 0);
});
