// The picker's exclusive peers (parole): whole pieces of their own, which no
// other peer sends a block of; pieces they give up are dropped whole.
import test from 'ava';
import { BLOCK_SIZE, PiecePicker, REFUSAL_BACKOFF_MS, type PickerPeer } from '../../core/torrent/picker.ts';

const peerWith = (pieces: number[]): PickerPeer => {
  const set = new Set(pieces);
  return { hasPiece: (i) => set.has(i) };
};

/** A picker of `pieces` pieces of two blocks, every piece had by two peers a and b. */
function twoPeers(pieces: number) {
  const dropped: number[] = [];
  const picker = new PiecePicker({
    pieceCount: pieces,
    pieceLength: 2 * BLOCK_SIZE,
    totalLength: pieces * 2 * BLOCK_SIZE,
    onDrop: (i) => dropped.push(i),
  });
  const all = [...Array(pieces).keys()];
  const a = peerWith(all);
  const b = peerWith(all);
  for (const i of all) {
    picker.peerHas(i);
    picker.peerHas(i);
  }
  return { picker, a, b, dropped };
}

const blocksOf = (requests: readonly { index: number; begin: number }[]) => requests.map((r) => `${r.index}:${r.begin / BLOCK_SIZE}`);

test('an exclusive peer gets whole pieces of its own; other peers get no block of them, and a block of one from another peer is refused', (t) => {
  const { picker, a, b } = twoPeers(2);
  picker.setExclusive(a, true);
  t.true(picker.isExclusive(a));
  const mine = picker.pick(a, 1, 0);
  t.is(mine.length, 1, 'one block of a new piece');
  const piece = mine[0]!.index;
  const forB = picker.pick(b, 10, 0);
  t.deepEqual(forB.map((r) => r.index), [1 - piece, 1 - piece], 'b starts the other piece instead of finishing a\'s');
  t.deepEqual(picker.pick(b, 10, 5000, 0), [], 'nor does b duplicate a\'s requests in endgame');
  t.is(picker.received(b, piece, 0, BLOCK_SIZE), undefined, 'b\'s block of a\'s piece is refused');
  t.deepEqual(picker.pick(a, 10, 0), [{ index: piece, begin: BLOCK_SIZE, length: BLOCK_SIZE }], 'a finishes its own piece');
  t.deepEqual(picker.received(a, piece, 0, BLOCK_SIZE), []);
});

test('an exclusive peer takes no block of a piece others started, and asks no endgame duplicates', (t) => {
  const { picker, a, b } = twoPeers(1);
  t.is(picker.pick(b, 1, 0).length, 1, 'b starts the only piece');
  picker.setExclusive(a, true);
  t.deepEqual(picker.pick(a, 10, 5000, 0), [], 'a waits: the piece has an outstanding request of b');
  t.deepEqual(blocksOf(picker.pick(b, 10, 0)), ['0:1']);
});

test('made ordinary again, a peer\'s pieces keep their blocks and anyone may finish them', (t) => {
  const { picker, a, b, dropped } = twoPeers(1);
  picker.setExclusive(a, true);
  t.is(picker.pick(a, 1, 0).length, 1);
  t.deepEqual(picker.received(a, 0, 0, BLOCK_SIZE), []);
  t.deepEqual(picker.pick(b, 10, 0), []);
  picker.setExclusive(a, false);
  t.false(picker.isExclusive(a));
  t.deepEqual(blocksOf(picker.pick(b, 10, 0)), ['0:1'], 'b finishes it');
  t.deepEqual(dropped, []);
});

test('a piece of its own that an exclusive peer rejects a block of is dropped whole; it does not take it again at once, others do', (t) => {
  const { picker, a, b, dropped } = twoPeers(1);
  picker.setExclusive(a, true);
  t.is(picker.pick(a, 10, 0).length, 2);
  t.deepEqual(picker.received(a, 0, 0, BLOCK_SIZE), []);
  t.deepEqual(picker.rejected(a, 0, BLOCK_SIZE, 100), [], 'no other request of it was outstanding');
  t.deepEqual(dropped, [0], 'its block from a is void');
  t.deepEqual(picker.pick(a, 10, 200), [], 'a does not take it again at once');
  t.is(picker.pick(b, 10, 200).length, 2, 'b downloads it whole');
});

test('a rejected block is not asked of that peer again for REFUSAL_BACKOFF_MS; another peer gets it at once', (t) => {
  const { picker, a, b } = twoPeers(1);
  t.is(picker.pick(a, 10, 0).length, 2);
  picker.rejected(a, 0, BLOCK_SIZE, 100);
  t.deepEqual(picker.pick(a, 10, 200), [], 'not asked again at once');
  t.deepEqual(blocksOf(picker.pick(b, 10, 200, 10_000)), ['0:1']);
  picker.cancelled(b, 0, BLOCK_SIZE);
  t.deepEqual(blocksOf(picker.pick(a, 10, 100 + REFUSAL_BACKOFF_MS)), ['0:1'], 'after the back-off it is');
});

test('an exclusive peer that leaves (or chokes without the fast extension) loses its unfinished pieces', (t) => {
  const { picker, a, b, dropped } = twoPeers(2);
  picker.setExclusive(a, true);
  const asked = picker.pick(a, 3, 0);
  t.is(asked.length, 3);
  const done = asked[0]!.index;
  picker.received(a, done, 0, BLOCK_SIZE);
  picker.received(a, done, BLOCK_SIZE, BLOCK_SIZE);
  t.true(picker.pieceDone(done));
  picker.peerGone(a);
  t.deepEqual(dropped, [1 - done], 'the unfinished piece; the complete one is being verified');
  t.deepEqual(picker.pick(b, 10, 0).map((r) => r.index), [1 - done, 1 - done]);
});

test('a timed-out request of an exclusive peer drops its piece and reports every request of it', (t) => {
  const { picker, a, dropped } = twoPeers(1);
  picker.setExclusive(a, true);
  picker.pick(a, 1, 0);
  picker.pick(a, 1, 20_000);
  const expired = picker.expire(30_000, 30_000);
  t.deepEqual(blocksOf(expired.map((e) => e.request)), ['0:0', '0:1'], 'the younger request too');
  t.deepEqual(dropped, [0]);
  t.deepEqual(picker.pick(a, 10, 30_001), [], 'given up: not at once again');
});

test('with no new piece left, an exclusive peer takes over a started piece nobody is asked for, dropping its blocks', (t) => {
  const { picker, a, b, dropped } = twoPeers(1);
  t.is(picker.pick(b, 10, 0).length, 2);
  picker.received(b, 0, 0, BLOCK_SIZE);
  picker.setExclusive(a, true);
  t.deepEqual(picker.pick(a, 10, 0), [], 'b still has a request outstanding');
  picker.cancelled(b, 0, BLOCK_SIZE);
  t.is(picker.pick(a, 10, 0).length, 2, 'now a downloads it whole');
  t.deepEqual(dropped, [0], 'b\'s block is void');
  t.is(picker.received(b, 0, 0, BLOCK_SIZE), undefined);
});
