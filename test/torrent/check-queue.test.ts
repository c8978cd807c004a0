// The client's queue of file checks (core/torrent/check-queue.ts): a few at a
// time, in the order asked, and a failed check frees its slot; small checks
// have a wider lane of their own.
import test from 'ava';
import { CheckQueue, SMALL_CHECK_BYTES } from '../../core/torrent/check-queue.ts';

test('at most `limit` checks run at once, the others start in the order they were queued; a failure frees its slot', async (t) => {
  const queue = new CheckQueue({ large: 2 });
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
  const queue = new CheckQueue({ large: 1 });
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

test('small checks (at most SMALL_CHECK_BYTES) run in a lane of their own: a full large lane does not hold them, nor they it', async (t) => {
  const queue = new CheckQueue({ large: 1, small: 2 });
  const started: string[] = [];
  const finish = new Map<string, () => void>();
  const check = (id: string) => () => {
    started.push(id);
    return new Promise<void>((resolve) => finish.set(id, resolve));
  };
  const ran: string[] = [];
  const all = [
    queue.run(check('large 1')),
    queue.run(check('large 2'), SMALL_CHECK_BYTES + 1),
    queue.run(check('small 1'), 100),
    queue.run(check('small 2'), SMALL_CHECK_BYTES),
    queue.run(check('small 3'), 0),
  ];
  await new Promise((resolve) => setImmediate(resolve));
  t.deepEqual(started, ['large 1', 'small 1', 'small 2'], 'one large and two small at once; the size defaults to large');
  t.is(queue.waiting, 2);
  queue.afterChecks(() => ran.push('after'));
  finish.get('small 1')!();
  await new Promise((resolve) => setImmediate(resolve));
  t.deepEqual(started, ['large 1', 'small 1', 'small 2', 'small 3'], 'a small slot goes to the next small check only');
  for (const id of ['small 2', 'small 3']) finish.get(id)!();
  await new Promise((resolve) => setImmediate(resolve));
  t.deepEqual(ran, [], 'a large check still runs: the deferred work waits');
  finish.get('large 1')!();
  await new Promise((resolve) => setImmediate(resolve));
  t.deepEqual(started.at(-1), 'large 2');
  finish.get('large 2')!();
  await Promise.all(all);
  t.deepEqual(ran, ['after']);
});
