// TaskSlots (core/torrent/task-slots.ts): at most `limit` tasks at once, the
// rest in the order they came; a failed task frees its slot.
import test from 'ava';
import { TaskSlots } from '../../core/torrent/task-slots.ts';

test('at most `limit` tasks run at once, in the order they came; a failure frees its slot', async (t) => {
  const slots = new TaskSlots(2);
  const started: number[] = [];
  const finish: ((ok: boolean) => void)[] = [];
  const task = (id: number) => () => {
    started.push(id);
    return new Promise<number>((resolve, reject) => (finish[id] = (ok) => (ok ? resolve(id) : reject(new Error(`task ${id}`)))));
  };
  const all = Promise.allSettled([0, 1, 2, 3].map((id) => slots.run(task(id))));
  await new Promise((resolve) => setImmediate(resolve));
  t.deepEqual(started, [0, 1]);
  t.is(slots.running, 2);
  t.is(slots.waiting, 2);
  finish[1]!(false);
  await new Promise((resolve) => setImmediate(resolve));
  t.deepEqual(started, [0, 1, 2], 'the failed task gave its slot to the next in line');
  for (const id of [0, 2]) finish[id]!(true);
  await new Promise((resolve) => setImmediate(resolve));
  finish[3]!(true);
  t.deepEqual((await all).map((o) => o.status), ['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
  t.is(slots.running, 0);
  t.is(slots.waiting, 0);
});

test('a limit that is not a positive integer is refused', (t) => {
  for (const limit of [0, -1, 1.5, Number.NaN]) t.throws(() => new TaskSlots(limit), { instanceOf: RangeError });
});
