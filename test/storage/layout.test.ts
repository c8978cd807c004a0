import test from 'ava';
import fc from 'fast-check';
import { StorageLayout, type StorageLayoutInput } from '../../core/storage/layout.ts';
import { StorageError } from '../../core/storage/errors.ts';

const hashes = (n: number): Buffer[] => Array.from({ length: n }, () => Buffer.alloc(20));

function layoutOf(pieceLength: number, lengths: number[]): StorageLayout {
  const length = lengths.reduce((a, b) => a + b, 0);
  return new StorageLayout({
    pieceLength,
    length,
    files: lengths.map((l, i) => ({ path: `dir/sub/f${i}`, length: l })),
    pieces: hashes(Math.ceil(length / pieceLength)),
  });
}

test('a piece spanning three files maps onto each of them in order', (t) => {
  // piece 1 = bytes 10..19: f0[10..11], f1[0..4], f2[0..2]
  const layout = layoutOf(10, [12, 5, 3, 10]);
  t.deepEqual(layout.segments(1, 0, 10), [
    { file: 0, fileOffset: 10, length: 2, rangeOffset: 0 },
    { file: 1, fileOffset: 0, length: 5, rangeOffset: 2 },
    { file: 2, fileOffset: 0, length: 3, rangeOffset: 7 },
  ]);
  t.deepEqual(layout.filesOfPiece(1), [0, 1, 2]);
  t.deepEqual(layout.segments(1, 1, 7), [
    { file: 0, fileOffset: 11, length: 1, rangeOffset: 0 },
    { file: 1, fileOffset: 0, length: 5, rangeOffset: 1 },
    { file: 2, fileOffset: 0, length: 1, rangeOffset: 6 },
  ]);
});

test('zero-length files at the start, middle and end hold no bytes', (t) => {
  const layout = layoutOf(4, [0, 3, 0, 0, 3, 0]);
  t.is(layout.pieceCount, 2);
  t.deepEqual(layout.segments(0, 0, 4), [
    { file: 1, fileOffset: 0, length: 3, rangeOffset: 0 },
    { file: 4, fileOffset: 0, length: 1, rangeOffset: 3 },
  ]);
  t.deepEqual(layout.segments(1, 0, 2), [{ file: 4, fileOffset: 1, length: 2, rangeOffset: 0 }]);
  t.is(layout.piecesOfFile(0), undefined);
  t.is(layout.piecesOfFile(2), undefined);
  t.is(layout.piecesOfFile(5), undefined);
  t.deepEqual(layout.piecesOfFile(1), { first: 0, last: 0 });
  t.deepEqual(layout.piecesOfFile(4), { first: 0, last: 1 });
  t.deepEqual(layout.files.map((f) => f.offset), [0, 0, 3, 3, 3, 6]);
});

test('the last piece is short and reads past it are refused', (t) => {
  const layout = layoutOf(16, [20, 10]);
  t.is(layout.pieceCount, 2);
  t.is(layout.pieceSize(0), 16);
  t.is(layout.pieceSize(1), 14);
  t.deepEqual(layout.segments(1, 0, 14), [
    { file: 0, fileOffset: 16, length: 4, rangeOffset: 0 },
    { file: 1, fileOffset: 0, length: 10, rangeOffset: 4 },
  ]);
  const err = t.throws(() => layout.segments(1, 10, 5), { instanceOf: StorageError });
  t.is(err?.code, 'OUT_OF_RANGE');
  t.is(t.throws(() => layout.segments(2, 0, 1), { instanceOf: StorageError })?.code, 'OUT_OF_RANGE');
  t.is(t.throws(() => layout.segments(0, -1, 1), { instanceOf: StorageError })?.code, 'OUT_OF_RANGE');
  t.deepEqual(layout.segments(0, 3, 0), []);
});

test('nested folders keep their paths and file offsets', (t) => {
  const layout = new StorageLayout({
    pieceLength: 8,
    length: 24,
    files: [
      { path: 'a/b/c/one.bin', length: 8 },
      { path: 'a/two.bin', length: 8 },
      { path: 'z/three.bin', length: 8 },
    ],
    pieces: hashes(3),
  });
  t.deepEqual(
    layout.files.map((f) => [f.index, f.path, f.offset]),
    [
      [0, 'a/b/c/one.bin', 0],
      [1, 'a/two.bin', 8],
      [2, 'z/three.bin', 16],
    ],
  );
  t.deepEqual(layout.piecesOfFile(2), { first: 2, last: 2 });
});

test('the pieces a file covers, and the wanted pieces of a selection', (t) => {
  const layout = layoutOf(10, [5, 30, 0, 6, 9]); // 50 bytes, 5 pieces
  t.deepEqual(layout.piecesOfFile(0), { first: 0, last: 0 });
  t.deepEqual(layout.piecesOfFile(1), { first: 0, last: 3 });
  t.deepEqual(layout.piecesOfFile(3), { first: 3, last: 4 });
  t.deepEqual(layout.piecesOfFile(4), { first: 4, last: 4 });
  t.deepEqual([...layout.wantedPieces((i) => i === 3)], [0, 0, 0, 1, 1]);
  t.deepEqual([...layout.wantedPieces((i) => i === 0)], [1, 0, 0, 0, 0]);
  t.deepEqual([...layout.wantedPieces(() => false)], [0, 0, 0, 0, 0]);
});

test('inconsistent input is refused with INVALID_LAYOUT', (t) => {
  const base: StorageLayoutInput = { pieceLength: 4, length: 8, files: [{ path: 'a', length: 8 }], pieces: hashes(2) };
  const bad: StorageLayoutInput[] = [
    { ...base, length: 9 },
    { ...base, pieces: hashes(3) },
    { ...base, pieces: [Buffer.alloc(20), Buffer.alloc(19)] },
    { ...base, pieceLength: 0 },
    { ...base, files: [{ path: 'a', length: -1 }, { path: 'b', length: 9 }] },
  ];
  for (const input of bad) {
    t.is(t.throws(() => new StorageLayout(input), { instanceOf: StorageError })?.code, 'INVALID_LAYOUT');
  }
});

test('property: blocks written through the mapping read back as the concatenated data', (t) => {
  const arb = fc
    .record({
      lengths: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 40 })), { minLength: 1, maxLength: 8 }),
      pieceLength: fc.integer({ min: 1, max: 32 }),
      blockLength: fc.integer({ min: 1, max: 16 }),
      seed: fc.integer(),
    })
    .filter((r) => r.lengths.some((l) => l > 0));
  t.notThrows(() =>
  fc.assert(
    fc.property(arb, ({ lengths, pieceLength, blockLength, seed }) => {
      const layout = layoutOf(pieceLength, lengths);
      const data = Buffer.from(Array.from({ length: layout.length }, (_, i) => (i * 31 + seed) & 0xff));
      const files = lengths.map((l) => Buffer.alloc(l, 0xee));
      // Write every piece block by block through the mapping into the file buffers.
      for (let p = 0; p < layout.pieceCount; p++) {
        const size = layout.pieceSize(p);
        for (let begin = 0; begin < size; begin += blockLength) {
          const len = Math.min(blockLength, size - begin);
          const block = data.subarray(p * pieceLength + begin, p * pieceLength + begin + len);
          let covered = 0;
          for (const s of layout.segments(p, begin, len)) {
            if (s.rangeOffset !== covered || s.length <= 0) return false;
            block.copy(files[s.file], s.fileOffset, s.rangeOffset, s.rangeOffset + s.length);
            covered += s.length;
          }
          if (covered !== len) return false;
        }
      }
      if (!Buffer.concat(files).equals(data)) return false;
      // Read every piece back through the mapping.
      for (let p = 0; p < layout.pieceCount; p++) {
        const size = layout.pieceSize(p);
        const out = Buffer.alloc(size);
        for (const s of layout.segments(p, 0, size)) files[s.file].copy(out, s.rangeOffset, s.fileOffset, s.fileOffset + s.length);
        if (!out.equals(data.subarray(p * pieceLength, p * pieceLength + size))) return false;
      }
      return true;
    }),
    { numRuns: 300 },
  ),
  );
});

test('property: piecesOfFile agrees with the segments of each piece', (t) => {
  t.notThrows(() =>
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 8 }).filter((ls) => ls.some((l) => l > 0)),
      fc.integer({ min: 1, max: 20 }),
      (lengths, pieceLength) => {
        const layout = layoutOf(pieceLength, lengths);
        for (const file of layout.files) {
          const range = layout.piecesOfFile(file.index);
          for (let p = 0; p < layout.pieceCount; p++) {
            const holds = layout.filesOfPiece(p).includes(file.index);
            const inRange = range !== undefined && p >= range.first && p <= range.last;
            if (holds !== inRange) return false;
          }
        }
        return true;
      },
    ),
  ),
  );
});

test('hashMatches compares a digest in place with the piece hash, and refuses a piece out of range', (t) => {
  const pieces = [Buffer.alloc(20, 1), Buffer.alloc(20, 2)];
  const layout = new StorageLayout({ pieceLength: 4, length: 8, files: [{ path: 'a', length: 8 }], pieces });
  const digests = Buffer.concat([Buffer.alloc(3), pieces[1]!, pieces[0]!]);
  t.true(layout.hashMatches(1, digests, 3));
  t.true(layout.hashMatches(0, digests, 23));
  t.false(layout.hashMatches(0, digests, 3));
  const oneByteOff = Buffer.from(pieces[1]!);
  oneByteOff[19] ^= 1;
  t.false(layout.hashMatches(1, oneByteOff, 0));
  t.throws(() => layout.hashMatches(2, digests, 0), { instanceOf: StorageError });
});
