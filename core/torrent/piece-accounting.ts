// What a torrent's picker says of its pieces, summed up for the Torrent's
// getters and the bitfield we send (file-priorities.ts says which pieces are wanted).
import { BitField } from '../bitfield.ts';

/** The picker's per-piece view these sums read. */
export interface PieceView {
  readonly pieceCount: number;
  /** 1 for a piece we have (verified). */
  readonly have: Uint8Array;
  /** 1 for a piece of a file we download. */
  readonly wanted: Uint8Array;
  pieceSize(index: number): number;
}

/** Fraction of wanted bytes verified, 0..1. */
export function wantedProgress(pieces: PieceView): number {
  let wanted = 0;
  let had = 0;
  for (let i = 0; i < pieces.pieceCount; i++) {
    if (pieces.wanted[i] === 0) continue;
    const size = pieces.pieceSize(i);
    wanted += size;
    if (pieces.have[i] === 1) had += size;
  }
  return wanted === 0 ? 1 : had / wanted;
}

/** Bytes of wanted pieces still missing. */
export function wantedBytesLeft(pieces: PieceView): number {
  let left = 0;
  for (let i = 0; i < pieces.pieceCount; i++) {
    if (pieces.wanted[i] === 1 && pieces.have[i] === 0) left += pieces.pieceSize(i);
  }
  return left;
}

/** The pieces we have, as a bitfield message carries them. */
export function haveBitfield(pieces: PieceView): BitField {
  const bits = new BitField(pieces.pieceCount);
  for (let i = 0; i < pieces.pieceCount; i++) if (pieces.have[i] === 1) bits.set(i);
  return bits;
}
