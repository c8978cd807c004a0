// RecentKeys: the bounded set behind the engine's dial notes (limits.maxDialNotes).
import test from 'ava';
import fc from 'fast-check';
import { RecentKeys } from '../../core/net/recent-keys.ts';

test('holds at most its maximum, forgetting the key added longest ago; re-adding makes a key the newest', (t) => {
  const keys = new RecentKeys(3);
  t.true(keys.add('a'));
  t.true(keys.add('b'));
  t.true(keys.add('c'));
  t.false(keys.add('a'));
  t.true(keys.add('d'));
  t.is(keys.size, 3);
  t.false(keys.has('b'));
  t.deepEqual(['a', 'c', 'd'].map((k) => keys.has(k)), [true, true, true]);
  t.true(keys.delete('c'));
  t.false(keys.has('c'));
});

test('never holds more than its maximum, whatever is added (property)', (t) => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 20 }), fc.array(fc.string({ maxLength: 3 }), { maxLength: 200 }), (max, added) => {
      const keys = new RecentKeys(max);
      for (const key of added) keys.add(key);
      const newest = [...new Set(added.reverse())].slice(0, max);
      return keys.size === Math.min(max, newest.length) && newest.every((k) => keys.has(k));
    }),
  );
  t.throws(() => new RecentKeys(0), { instanceOf: RangeError });
});
