import test from 'ava';
import { WithdrawnPieces } from '../../core/torrent/withdrawn-pieces.ts';

test('a piece had again is advertised only to peers attached since it was withdrawn', (t) => {
  const withdrawn = new WithdrawnPieces();
  const before = withdrawn.attach();
  withdrawn.withdraw(7);
  const during = withdrawn.attach();
  const mustTell = withdrawn.had(7);
  t.false(mustTell(before), 'told at connect time; a second HAVE would count our copy twice');
  t.true(mustTell(during), 'its bitfield lacked the piece');
  t.true(withdrawn.had(7)(before), 'once had again, the piece is like any other');
  t.true(withdrawn.had(3)(before), 'a piece never withdrawn is new to everyone');
});

test('withdrawn twice: peers told by the HAVE after the first loss are not told again', (t) => {
  const withdrawn = new WithdrawnPieces();
  withdrawn.withdraw(1);
  const first = withdrawn.attach();
  t.true(withdrawn.had(1)(first));
  const second = withdrawn.attach();
  withdrawn.withdraw(1);
  const third = withdrawn.attach();
  const mustTell = withdrawn.had(1);
  t.deepEqual([first, second, third].map(mustTell), [false, false, true]);
});
