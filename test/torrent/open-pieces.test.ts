// The picker's availability-ordered open set, against a plain model: after any
// sequence of changes it holds exactly the model's pieces, and its rarest
// piece for a peer is one of least availability among those the peer has.
// Then the picker built on it: rarest first, endgame, at scale.
import test from 'ava';
import fc from 'fast-check';
import { OpenPieces } from '../../core/torrent/open-pieces.ts';
import { BLOCK_SIZE, PiecePicker, type PickerPeer } from '../../core/torrent/picker.ts';

type Op =
  | { kind: 'add' | 'remove' | 'raise' | 'lower'; index: number }
  | { kind: 'rarest'; pieces: number[]; unavailableLast: boolean; random: number };

const N = 24;
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constantFrom('add' as const, 'remove' as const, 'raise' as const, 'lower' as const), index: fc.nat(N - 1) }),
  fc.record({ kind: fc.constant('rarest' as const), pieces: fc.uniqueArray(fc.nat(N - 1)), unavailableLast: fc.boolean(), random: fc.double({ min: 0, max: 0.999, noNaN: true }) }),
);

test('the open set holds what the model holds, and its rarest piece has the least availability', (t) => {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
      const availability = new Uint32Array(N);
      const open = new OpenPieces(availability);
      const model = new Set<number>();
      for (const o of ops) {
        switch (o.kind) {
          case 'add':
            open.add(o.index);
            model.add(o.index);
            break;
          case 'remove':
            open.remove(o.index);
            model.delete(o.index);
            break;
          case 'raise':
            availability[o.index]++;
            open.raised(o.index);
            break;
          case 'lower':
            if (availability[o.index] === 0) break;
            availability[o.index]--;
            open.lowered(o.index);
            break;
          case 'rarest': {
            const has = new Set(o.pieces);
            const got = open.rarest({ hasPiece: (i) => has.has(i) }, () => o.random, o.unavailableLast);
            const candidates = [...model].filter((i) => has.has(i));
            if (candidates.length === 0) {
              if (got !== -1) return false;
              break;
            }
            if (!model.has(got) || !has.has(got)) return false;
            // Availability 0 counts as the highest when looked at last.
            const rank = (i: number): number => (o.unavailableLast && availability[i] === 0 ? Infinity : availability[i]);
            if (rank(got) !== Math.min(...candidates.map(rank))) return false;
            break;
          }
        }
        if (open.size !== model.size) return false;
        for (let i = 0; i < N; i++) if (open.has(i) !== model.has(i)) return false;
      }
      return true;
    }),
    { numRuns: 300 },
  );
  t.pass();
});

const peerWith = (pieces: Iterable<number>): PickerPeer => {
  const set = new Set(pieces);
  return { hasPiece: (i) => set.has(i) };
};

test('the picker starts the rarest piece a peer has, skips had, started, reserved and unwanted pieces, and knows its endgame', (t) => {
  fc.assert(
    fc.property(
      fc.array(fc.uniqueArray(fc.nat(N - 1), { minLength: 1 }), { minLength: 1, maxLength: 4 }),
      fc.array(
        fc.oneof(
          fc.record({ kind: fc.constant('pick' as const), peer: fc.nat(3) }),
          fc.record({ kind: fc.constantFrom('have' as const, 'reset' as const, 'unwant' as const, 'want' as const, 'release' as const), index: fc.nat(N - 1) }),
          fc.record({ kind: fc.constantFrom('reserve' as const, 'leave' as const), peer: fc.nat(3) }),
        ),
        { maxLength: 120 },
      ),
      (holdings, ops) => {
        const picker = new PiecePicker({ pieceCount: N, pieceLength: 2 * BLOCK_SIZE, totalLength: N * 2 * BLOCK_SIZE });
        const peers = holdings.map((h) => ({ pieces: new Set(h), peer: peerWith(h), here: true }));
        for (const p of peers) for (const i of p.pieces) picker.peerHas(i);
        // The model: what the picker should consider open.
        const have = new Set<number>();
        const unwanted = new Set<number>();
        const started = new Set<number>();
        const reserved = new Set<number>();
        const isOpen = (i: number): boolean => !have.has(i) && !unwanted.has(i) && !started.has(i) && !reserved.has(i);
        for (const o of ops) {
          if ('peer' in o && o.kind === 'reserve') {
            const index = picker.reservePiece();
            const open = [...Array(N).keys()].filter(isOpen);
            if (index === -1 ? open.length > 0 : !isOpen(index) || picker.availability[index] !== Math.min(...open.map((i) => picker.availability[i]))) return false;
            if (index >= 0) reserved.add(index);
          } else if ('peer' in o) {
            const p = peers[o.peer % peers.length];
            if (!p.here) continue;
            if (o.kind === 'leave') {
              p.here = false;
              for (const i of p.pieces) picker.peerLost(i);
              picker.peerGone(p.peer);
              continue;
            }
            const openItHas = [...p.pieces].filter(isOpen);
            const least = Math.min(...openItHas.map((i) => picker.availability[i]));
            // One block: a partial piece the peer has first, else the rarest open one.
            const partialItHas = [...started].some((i) => p.pieces.has(i));
            const got = picker.pick(p.peer, 1, 0);
            if (got.length === 1 && !started.has(got[0].index) && !partialItHas) {
              if (!openItHas.includes(got[0].index) || picker.availability[got[0].index] !== least) return false;
            }
            if (got.length === 0 && openItHas.length > 0) return false;
            for (const r of got) started.add(r.index);
          } else if (o.kind === 'have') {
            picker.markHave(o.index);
            have.add(o.index);
            started.delete(o.index);
            reserved.delete(o.index);
          } else if (o.kind === 'reset' || o.kind === 'release') {
            // Mostly a piece that is started or reserved, which is when these matter.
            const busy = [...(o.kind === 'reset' ? [...started, ...reserved] : reserved)];
            const index = busy.length > 0 && o.index % 4 !== 0 ? busy[o.index % busy.length] : o.index;
            if (o.kind === 'reset') picker.resetPiece(index);
            else picker.releasePiece(index);
            if (o.kind === 'reset') started.delete(index);
            reserved.delete(index);
          } else {
            picker.setWanted(o.index, o.kind === 'want');
            if (o.kind === 'want') unwanted.delete(o.index);
            else unwanted.add(o.index);
          }
          const openCount = [...Array(N).keys()].filter(isOpen).length;
          if (picker.openCount !== openCount) return false;
          if (openCount > 0 && picker.endgame) return false;
        }
        return true;
      },
    ),
    { numRuns: 300 },
  );
  t.pass();
});

test('downloading 65536 pieces from two seeds asks about each piece about once, not a scan per new piece', (t) => {
  // The old scan per new piece made this about 2^31 steps (12 s); the open set makes it linear.
  const n = 65536;
  const picker = new PiecePicker({ pieceCount: n, pieceLength: BLOCK_SIZE, totalLength: n * BLOCK_SIZE });
  for (let i = 0; i < n; i++) {
    picker.peerHas(i);
    picker.peerHas(i);
  }
  let steps = 0;
  const counting: PickerPeer = {
    hasPiece: () => {
      steps++;
      return true;
    },
  };
  while (!picker.complete) {
    const got = picker.pick(counting, 64, 0);
    for (const r of got) {
      picker.received(counting, r.index, r.begin, r.length);
      if (picker.pieceDone(r.index)) picker.markHave(r.index);
    }
  }
  // Each new piece asks the peer about one piece (the first open one in the rarest bucket).
  t.true(steps <= 2 * n, `${steps} hasPiece calls for ${n} pieces`);
  t.true(picker.endgame);
});
