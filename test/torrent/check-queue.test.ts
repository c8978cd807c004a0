// The client's queue of file checks (core/torrent/check-queue.ts): a few at a
// time, in the order asked, and a failed check frees its slot.
import test from 'ava';
import { CheckQueue } from '../../core/torrent/check-queue.ts';

test('at most `limit` checks run at once, the others start in the order they were queued; a failure frees its slot', async (t) => {
  const queue = new CheckQueue(2);
  let running = 0;
  let most = 0;
  const started: number[] = [];
  const finish: (() => void)[] = [];
  const check = (id: number, fails = false) => () => {
    started.push(id);
    most = Math.max(most, ++running);
    return new Promise<number>((resolve, reject) => {
      finish[id] = () => {
        running--;
        if (fails) reject(new Error(`check ${id} failed`));
        else resolve(id);
      };
    });
  };
  const results = [queue.run(check(0)), queue.run(check(1, true)), queue.run(check(2)), queue.run(check(3))];
  const settled = Promise.allSettled(results);
  await new Promise((resolve) => setImmediate(resolve));
  t.deepEqual(started, [0, 1]);
  t.is(queue.waiting, 2);
  finish[1]!();
  await new Promise((resolve) => setImmediate(resolve));
  t.deepEqual(started, [0, 1, 2], 'the failed check gave its slot to the next in line');
  finish[0]!();
  await new Promise((resolve) => setImmediate(resolve));
  t.deepEqual(started, [0, 1, 2, 3]);
  finish[2]!();
  finish[3]!();
  const outcomes = await settled;
  t.deepEqual(outcomes.map((o) => o.status), ['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
  t.is(most, 2);
  t.is(queue.waiting, 0);
});

test('afterChecks runs its work at once when no check runs, else once every running and waiting check is done', async (t) => {
  const queue = new CheckQueue(1);
  const ran: string[] = [];
  queue.afterChecks(() => ran.push('idle'));
  t.deepEqual(ran, ['idle'], 'nothing checks: the work runs at once');
  const finish: (() => void)[] = [];
  const check = (id: number) => () => new Promise<void>((resolve) => (finish[id] = resolve));
  const checks = [queue.run(check(0)), queue.run(check(1))];
  await new Promise((resolve) => setImmediate(resolve));
  queue.afterChecks(() => ran.push('after both'));
  finish[0]!();
  await new Promise((resolve) => setImmediate(resolve));
  t.deepEqual(ran, ['idle'], 'a check still runs');
  finish[1]!();
  await Promise.all(checks);
  t.deepEqual(ran, ['idle', 'after both']);
});
