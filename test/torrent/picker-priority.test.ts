// Piece priorities (from file priorities) and deadlines (from file streams)
// in the picker: pure bookkeeping, no sockets.
import test from 'ava';
import { BLOCK_SIZE, PiecePicker, type PickerPeer } from '../../core/torrent/picker.ts';
import { PieceDeadlines } from '../../core/torrent/deadlines.ts';
import { filesOfPiece, piecePriority, piecesOfFile, priorityLevel } from '../../core/torrent/file-priorities.ts';

const seed: PickerPeer = { hasPiece: () => true };

function picker(pieceCount: number): PiecePicker {
  const p = new PiecePicker({ pieceCount, pieceLength: BLOCK_SIZE, totalLength: pieceCount * BLOCK_SIZE });
  for (let i = 0; i < pieceCount; i++) p.peerHas(i);
  return p;
}

/** The pieces picked one block at a time (a piece is one block here). */
function order(p: PiecePicker, n: number, now = 0): number[] {
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    const r = p.pick(seed, 1, now);
    if (r.length === 0) break;
    out.push(r[0]!.index);
    p.received(seed, r[0]!.index, 0, BLOCK_SIZE);
    p.markHave(r[0]!.index);
  }
  return out;
}

test('higher priorities are started first, then rarest first within a priority; 0 is never picked', (t) => {
  const p = picker(9);
  for (const i of [0, 1, 2]) p.setPriority(i, 1);
  for (const i of [6, 7, 8]) p.setPriority(i, 3);
  p.setPriority(4, 0);
  // Piece 3 is rarer than 5 (both normal): it goes first among them.
  p.peerHas(5);
  const picked = order(p, 9);
  t.deepEqual(picked.slice(0, 3).sort(), [6, 7, 8]);
  t.deepEqual(picked.slice(3, 5), [3, 5]);
  t.deepEqual(picked.slice(5).sort(), [0, 1, 2]);
  t.false(picked.includes(4));
  t.true(p.complete);
  t.throws(() => p.setPriority(0, 4), { instanceOf: RangeError });
});

test('a piece no longer wanted gets no new requests, even when started; wanted again, it is finished', (t) => {
  const p = new PiecePicker({ pieceCount: 2, pieceLength: 2 * BLOCK_SIZE, totalLength: 4 * BLOCK_SIZE });
  p.peerHas(0);
  p.peerHas(1);
  p.setPriority(1, 0);
  const first = p.pick(seed, 1, 0);
  t.is(first[0]!.index, 0);
  p.setPriority(0, 0);
  t.deepEqual(p.pick(seed, 4, 0), [], 'the started piece is left alone');
  t.true(p.complete, 'nothing is wanted');
  p.setPriority(0, 2);
  t.deepEqual(p.pick(seed, 4, 0), [{ index: 0, begin: BLOCK_SIZE, length: BLOCK_SIZE }]);
});

test('pieces with a deadline are requested before every other, earliest first, even before started pieces', (t) => {
  const p = picker(10);
  const started = p.pick(seed, 1, 0)[0]!.index;
  // The first pick is random among equals: the pieces given deadlines and a priority are others.
  const [early, late, high] = [2, 5, 8, 7].filter((i) => i !== started) as [number, number, number];
  p.setPriority(high, 3);
  p.setDeadline(late, 300);
  p.setDeadline(early, 100);
  p.setDeadline(started, 50);
  const picked = order(p, 3);
  // The started piece's only block is requested already: the deadlines go next, in order, then priority.
  t.deepEqual(picked, [early, late, high]);
  p.clearDeadline(late);
  p.clearDeadline(early);
  t.is(p.deadlineCount, 1);
});

test('a piece past its deadline has its late blocks asked of a second peer; one not yet due does not', (t) => {
  const p = new PiecePicker({ pieceCount: 4, pieceLength: 2 * BLOCK_SIZE, totalLength: 8 * BLOCK_SIZE });
  for (let i = 0; i < 4; i++) {
    p.peerHas(i);
    p.peerHas(i);
  }
  const slow: PickerPeer = { hasPiece: () => true };
  const fast: PickerPeer = { hasPiece: () => true };
  p.setDeadline(1, 5_000);
  t.deepEqual(p.pick(slow, 2, 0).map((r) => r.index), [1, 1]);
  // Due at 5000: at 1000 the fast peer gets other pieces, not piece 1's blocks.
  t.false(p.pick(fast, 2, 1_000).some((r) => r.index === 1));
  // Past the deadline, and asked long enough ago: asked again, once.
  t.deepEqual(p.pick(fast, 8, 6_000).filter((r) => r.index === 1).map((r) => r.begin), [0, BLOCK_SIZE]);
  t.false(p.pick(fast, 8, 7_000).some((r) => r.index === 1));
  // The first copy to arrive wins; the other asker is to be cancelled.
  t.deepEqual(p.received(fast, 1, 0, BLOCK_SIZE), [slow]);
});

test('deadlines of several readers: a piece keeps the earliest until the last reader lets it go', (t) => {
  const set = new Map<number, number>();
  let changes = 0;
  const deadlines = new PieceDeadlines(
    { setDeadline: (i, at) => set.set(i, at), clearDeadline: (i) => set.delete(i) },
    () => changes++,
  );
  const r1 = deadlines.reader();
  const r2 = deadlines.reader();
  r1.set(new Map([[1, 200], [2, 300]]));
  r2.set(new Map([[2, 100], [3, 400]]));
  t.deepEqual([...set].sort(), [[1, 200], [2, 100], [3, 400]]);
  r2.set(new Map([[3, 400]]));
  t.deepEqual([...set].sort(), [[1, 200], [2, 300], [3, 400]], 'piece 2 back to r1\'s deadline');
  r1.clear();
  t.deepEqual([...set], [[3, 400]]);
  r2.clear();
  t.is(set.size, 0);
  t.is(deadlines.size, 0);
  t.is(changes, 3);
});

test('a piece shared by two files has the higher of their priorities; a skipped file never starves its neighbour', (t) => {
  // Pieces of 100 bytes: a = 0..149, b = 150..249 (padding 250..299 wants nothing), c = 300..399; piece 1 is shared by a and b.
  const files = [
    { offset: 0, length: 150 },
    { offset: 150, length: 100 },
    { offset: 250, length: 50, padding: true },
    { offset: 300, length: 100 },
  ];
  t.deepEqual(filesOfPiece(files, 100, 1), [0, 1]);
  t.deepEqual(filesOfPiece(files, 100, 2), [1]);
  t.deepEqual(piecesOfFile(files[0]!, 100), { first: 0, last: 1 });
  t.is(piecesOfFile(files[2]!, 100), undefined);
  const levels = Uint8Array.from([priorityLevel('skip'), priorityLevel('high'), priorityLevel('normal'), priorityLevel('low')]);
  t.deepEqual([0, 1, 2, 3].map((i) => piecePriority(files, levels, 100, i)), [0, 3, 3, 1]);
  levels[1] = priorityLevel('skip');
  t.deepEqual([0, 1, 2, 3].map((i) => piecePriority(files, levels, 100, i)), [0, 0, 0, 1]);
  t.throws(() => priorityLevel('urgent' as 'high'), { instanceOf: RangeError });
});
