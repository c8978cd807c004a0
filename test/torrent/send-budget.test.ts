import test from 'ava';
import { SendBudget } from '../../core/torrent/send-budget.ts';

test('take fits within the limit; an unused budget lets one oversized block through', (t) => {
  const budget = new SendBudget(40_000);
  t.true(budget.take(16_384));
  t.true(budget.take(16_384));
  t.false(budget.take(16_384), 'a third would pass the limit');
  t.is(budget.used, 32_768);
  budget.give(32_768);
  t.true(budget.take(100_000), 'nothing held: a block larger than the limit still goes');
  t.false(budget.take(1));
  t.throws(() => new SendBudget(0), { instanceOf: RangeError });
});

test('give wakes the waiting oldest first while a block fits; one that still finds no room waits again without looping', (t) => {
  const budget = new SendBudget(32_768);
  t.true(budget.take(32_768));
  const woken: string[] = [];
  const a = (): void => {
    woken.push('a');
    if (!budget.take(16_384)) budget.wait(a);
  };
  const b = (): void => {
    woken.push('b');
    if (!budget.take(16_384)) budget.wait(b);
  };
  const c = (): void => {
    woken.push('c');
    if (!budget.take(16_384)) budget.wait(c);
  };
  budget.wait(a);
  budget.wait(b);
  budget.wait(c);
  budget.wait(a); // already waiting: keeps its place
  t.is(budget.waiting, 3);
  budget.give(16_384);
  t.deepEqual(woken, ['a'], 'room for one block: one woken');
  budget.cancel(b);
  budget.give(32_768);
  t.deepEqual(woken, ['a', 'c']);
  t.is(budget.waiting, 0);
  t.is(budget.used, 16_384, 'c holds its block');
});
