// The client's one clock (core/torrent/session-clock.ts): one timer ticks
// every torrent, spreads their every-N-seconds work over the N seconds, and
// stops when no torrent listens.
import test from 'ava';
import { SessionClock } from '../../core/torrent/session-clock.ts';
import { until } from '../helpers/until.ts';

test('one timer calls every listener each second with the same count; a removed listener is not called again', async (t) => {
  const clock = new SessionClock();
  const a: number[] = [];
  const b: number[] = [];
  const stopA = clock.add((s) => a.push(s));
  const stopB = clock.add((s) => {
    b.push(s);
    // A listener removing another during the round: the other is skipped from then on.
    if (s === 2) stopA();
  });
  t.is(clock.size, 2);
  await until('three ticks', 15_000, () => (b.length >= 3 ? true : undefined));
  stopB();
  t.is(clock.size, 0);
  t.deepEqual(a, [1, 2], 'called before the other removed it in the second round, not after');
  t.deepEqual(b.slice(0, 3), [1, 2, 3]);
});

test('phases are handed out in turn, so work every N seconds is spread over the N ticks', (t) => {
  const clock = new SessionClock();
  t.deepEqual(Array.from({ length: 12 }, () => clock.phase(10)), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
});

test('a clock of another period (stats, resume saves) ticks every listener at that period on one timer', async (t) => {
  const clock = new SessionClock(20);
  t.is(clock.periodMs, 20);
  const seen: number[][] = [[], [], []];
  const stops = seen.map((ticks) => clock.add((n) => ticks.push(n)));
  await until('five ticks of every listener', 15_000, () => (seen.every((s) => s.length >= 5) ? true : undefined));
  for (const stop of stops) stop();
  t.is(clock.size, 0);
  const counts = seen.map((s) => s.slice(0, 5));
  t.deepEqual(counts, [[1, 2, 3, 4, 5], [1, 2, 3, 4, 5], [1, 2, 3, 4, 5]], 'every listener sees the same ticks');
});
