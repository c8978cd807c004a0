// Pieces being assembled from peers' blocks: the piece's memory (from the
// store, which the hasher can use without copying) and who sent each block,
// for piece_hash_* and the parole and ban rules.
import type { BlockSource } from '../hooks.ts';
import type { PieceStore, SwarmPeer } from './contracts.ts';
import { BLOCK_SIZE } from './picker.ts';

/** A piece's bytes and where they came from. */
export interface Assembly {
  readonly data: Buffer;
  readonly senders: (SwarmPeer | undefined)[];
  /** The web seed's URL when one sent the whole piece. */
  readonly webSeed?: string;
}

const BOUNCE = Buffer.allocUnsafeSlow(BLOCK_SIZE);

/**
 * Copies a block into a piece's shared memory. V8 copies into shared memory
 * word by word only when the source is word-aligned, else byte by byte;
 * blocks are views into socket reads at odd offsets, so they go through an
 * aligned buffer first. set() rather than copy(), and the bounce itself, were
 * chosen by a one-off measurement on Node 20 that no bench repeats.
 */
function copyIntoShared(block: Buffer, target: Buffer, at: number): void {
  if ((block.byteOffset & 7) === 0 || block.length > BOUNCE.length) {
    target.set(block, at);
    return;
  }
  BOUNCE.set(block);
  target.set(BOUNCE.subarray(0, block.length), at);
}

export class PieceAssemblies {
  readonly #store: Pick<PieceStore, 'allocatePiece' | 'releasePiece'>;
  readonly #pieces = new Map<number, Assembly>();

  constructor(store: Pick<PieceStore, 'allocatePiece' | 'releasePiece'>) {
    this.#store = store;
  }

  /** Blocks of piece `index` are arriving. */
  has(index: number): boolean {
    return this.#pieces.has(index);
  }

  /** Copies a block the picker accepted into its piece. */
  add(index: number, begin: number, block: Buffer, sender: SwarmPeer): void {
    let assembly = this.#pieces.get(index);
    if (assembly === undefined) {
      assembly = { data: this.#store.allocatePiece(index), senders: [] };
      this.#pieces.set(index, assembly);
    }
    copyIntoShared(block, assembly.data, begin);
    assembly.senders[begin / BLOCK_SIZE] = sender;
  }

  /** The whole piece, no longer assembled here: give its memory back with release() once done with it. */
  take(index: number): Assembly | undefined {
    const assembly = this.#pieces.get(index);
    if (assembly !== undefined) this.#pieces.delete(index);
    return assembly;
  }

  /** Frees a piece's memory for the next piece. */
  release(assembly: Assembly): void {
    this.#store.releasePiece?.(assembly.data);
  }

  /** Forgets a started piece (its blocks are void) and frees its memory. */
  drop(index: number): void {
    const assembly = this.take(index);
    if (assembly !== undefined) this.release(assembly);
  }

  /** Forgets every started piece (without freeing: the torrent stopped); their indexes. */
  clear(): number[] {
    const indexes = [...this.#pieces.keys()];
    this.#pieces.clear();
    return indexes;
  }
}

/** Who sent each block of a piece, as piece_hash_* reports it. */
export function blockSources(assembly: Assembly, blockCount: number, blockLength: (block: number) => number): BlockSource[] {
  const out: BlockSource[] = [];
  for (let b = 0; b < blockCount; b++) {
    const peer = assembly.senders[b];
    out.push({ begin: b * BLOCK_SIZE, length: blockLength(b), peer, ip: peer?.ip ?? assembly.webSeed });
  }
  return out;
}
