import test from 'ava';
import { performance } from 'node:perf_hooks';
import { MessageBudget } from '../../core/message-budget.ts';

test('more than perSecond x window messages within one window are refused', (t) => {
  const budget = new MessageBudget(20, 10_000);
  t.is(budget.limit, 200);
  for (let i = 0; i < 200; i++) t.true(budget.take());
  t.false(budget.take());
});

test('after a full window the count starts again', (t) => {
  // A window that started 11 s ago.
  const budget = new MessageBudget(2, 10_000, performance.now() - 11_000);
  for (let i = 0; i < 20; i++) t.true(budget.take());
  t.true(budget.take(), 'the 21st opens a new window');
  for (let i = 0; i < 19; i++) t.true(budget.take());
  t.false(budget.take(), '21 within the new window');
});
