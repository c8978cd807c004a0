// A parsed torrent's metainfo. A class rather than an object literal so that
// `pieces` is a getter on the prototype: made on first use, while a thousand
// torrents' metainfos share one hidden class (a getter in a literal puts each
// object in dictionary mode, about 800 bytes more apiece).
import { fail } from './errors.ts';
import type { Metainfo, MetainfoFile } from './types.ts';

/** Everything of a Metainfo but what is derived (pieces, pieceLengthAt). */
export type MetainfoFields = Omit<Metainfo, 'pieces' | 'pieceLengthAt'>;

const SHA1_LENGTH = 20;

export class ParsedMetainfo implements Metainfo {
  declare readonly infoHash: string;
  declare readonly infoHashBuffer: Buffer;
  declare readonly infoBuffer: Buffer;
  declare readonly name: string;
  declare readonly pieceLength: number;
  declare readonly pieceHashes: Buffer;
  declare readonly pieceCount: number;
  declare readonly lastPieceLength: number;
  declare readonly length: number;
  declare readonly files: readonly MetainfoFile[];
  declare readonly multiFile: boolean;
  declare readonly announce: readonly (readonly string[])[];
  declare readonly urlList: readonly string[];
  declare readonly private: boolean;
  declare readonly comment?: string;
  declare readonly createdBy?: string;
  declare readonly creationDate?: number;
  declare readonly source?: string;
  #pieces: readonly Buffer[] | undefined;

  /** Takes the fields as they are (optional ones absent when undefined) and freezes itself. */
  constructor(fields: MetainfoFields) {
    Object.assign(this, fields);
    Object.freeze(this);
  }

  get pieces(): readonly Buffer[] {
    const hashes = this.pieceHashes;
    return (this.#pieces ??= Object.freeze(Array.from({ length: this.pieceCount }, (_, i) => hashes.subarray(i * SHA1_LENGTH, (i + 1) * SHA1_LENGTH))));
  }

  pieceLengthAt(index: number): number {
    const count = this.pieceCount;
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      fail('PIECE_INDEX_OUT_OF_RANGE', `piece ${index} is outside 0..${count - 1}`);
    }
    return index === count - 1 ? this.lastPieceLength : this.pieceLength;
  }
}
