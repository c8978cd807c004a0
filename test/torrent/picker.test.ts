import test from 'ava';
import { BLOCK_SIZE, PiecePicker, type PickerPeer } from '../../core/torrent/picker.ts';

const peerWith = (pieces: number[]): PickerPeer => {
  const set = new Set(pieces);
  return { hasPiece: (i) => set.has(i) };
};

test('picks the rarest piece the peer has, and finishes partial pieces first', (t) => {
  const picker = new PiecePicker({ pieceCount: 4, pieceLength: 2 * BLOCK_SIZE, totalLength: 8 * BLOCK_SIZE });
  const a = peerWith([0, 1, 2, 3]);
  const b = peerWith([0, 1, 2]);
  for (const i of [0, 1, 2, 3]) picker.peerHas(i);
  for (const i of [0, 1, 2]) picker.peerHas(i);
  const first = picker.pick(a, 1, 0);
  t.deepEqual(first, [{ index: 3, begin: 0, length: BLOCK_SIZE }], 'piece 3 is the rarest');
  const next = picker.pick(a, 1, 0);
  t.deepEqual(next, [{ index: 3, begin: BLOCK_SIZE, length: BLOCK_SIZE }], 'then the rest of the partial piece');
  const forB = picker.pick(b, 2, 0);
  t.is(forB.length, 2);
  t.is(forB[0].index, forB[1].index, 'b gets both blocks of one new piece');
});

test('random ties spread peers over different pieces', (t) => {
  const picker = new PiecePicker({ pieceCount: 64, pieceLength: BLOCK_SIZE, totalLength: 64 * BLOCK_SIZE });
  const all = peerWith([...Array(64).keys()]);
  for (let i = 0; i < 64; i++) picker.peerHas(i);
  const firsts = new Set<number>();
  for (let k = 0; k < 20; k++) firsts.add(picker.pick(all, 1, 0)[0].index);
  t.true(firsts.size > 10);
});

test('short last piece and last block lengths', (t) => {
  const total = 2 * BLOCK_SIZE * 2 + 5000;
  const picker = new PiecePicker({ pieceCount: 3, pieceLength: 2 * BLOCK_SIZE, totalLength: total });
  t.is(picker.pieceSize(2), 5000);
  t.is(picker.blockCount(2), 1);
  const p = peerWith([2]);
  picker.peerHas(2);
  t.deepEqual(picker.pick(p, 5, 0), [{ index: 2, begin: 0, length: 5000 }]);
  t.deepEqual(picker.received(p, 2, 0, 5000), []);
  t.true(picker.pieceDone(2));
  t.is(picker.received(p, 2, 0, 5000), undefined, 'a duplicate is not accepted twice');
  t.is(picker.received(p, 0, 0, BLOCK_SIZE), undefined, 'a block nobody asked for is refused');
});

test('endgame asks a second peer for outstanding blocks, and cancels report who else was asked', (t) => {
  const picker = new PiecePicker({ pieceCount: 1, pieceLength: 2 * BLOCK_SIZE, totalLength: 2 * BLOCK_SIZE });
  const a = peerWith([0]);
  const b = peerWith([0]);
  picker.peerHas(0);
  picker.peerHas(0);
  t.is(picker.pick(a, 10, 0).length, 2);
  t.true(picker.endgame);
  const dup = picker.pick(b, 10, 0);
  t.is(dup.length, 2, 'b is asked for the same blocks');
  t.deepEqual(picker.received(b, 0, 0, BLOCK_SIZE), [a], 'a should be sent a cancel');
});

test('a peer that leaves gives its blocks back; expiry frees stale requests; file selection', (t) => {
  const picker = new PiecePicker({ pieceCount: 3, pieceLength: BLOCK_SIZE, totalLength: 3 * BLOCK_SIZE });
  const a = peerWith([0, 1, 2]);
  for (const i of [0, 1, 2]) picker.peerHas(i);
  picker.setWanted(1, false);
  const got = picker.pick(a, 10, 0);
  t.deepEqual(got.map((r) => r.index).sort(), [0, 2], 'an unwanted piece is not requested');
  picker.peerGone(a);
  t.is(picker.pick(a, 10, 1).length, 2, 'freed blocks are picked again');
  t.is(picker.expire(60_000, 30_000).length, 2);
  picker.markHave(0);
  picker.markHave(2);
  t.true(picker.complete);
  t.is(picker.wantedLeft, 0);
});

test('endgame duplicates wait until the first request is endgameAfterMs old', (t) => {
  const picker = new PiecePicker({ pieceCount: 1, pieceLength: 2 * BLOCK_SIZE, totalLength: 2 * BLOCK_SIZE });
  const a = peerWith([0]);
  const b = peerWith([0]);
  picker.peerHas(0);
  picker.peerHas(0);
  t.is(picker.pick(a, 10, 1000).length, 2);
  t.deepEqual(picker.pick(b, 10, 1500, 1000), [], 'a fast first peer is not doubled at once');
  t.is(picker.pick(b, 10, 2000, 1000).length, 2, 'a slow one is');
});

test('a piece lost on disk is missing and wanted again (markMissing), an unwanted one only missing', (t) => {
  const picker = new PiecePicker({ pieceCount: 3, pieceLength: BLOCK_SIZE, totalLength: 3 * BLOCK_SIZE });
  picker.setWanted(2, false);
  for (const i of [0, 1, 2]) picker.markHave(i);
  t.true(picker.complete);
  picker.markMissing(1);
  picker.markMissing(1);
  picker.markMissing(2);
  t.false(picker.complete);
  t.is(picker.haveCount, 1);
  t.is(picker.wantedLeft, 1, 'counted once; the unwanted piece is not wanted back');
  t.deepEqual(picker.pick(peerWith([0, 1, 2]), 4, 0), [{ index: 1, begin: 0, length: BLOCK_SIZE }]);
  picker.markHave(1);
  t.true(picker.complete);
});
