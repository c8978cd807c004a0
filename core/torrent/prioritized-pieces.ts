// The open pieces (wanted, missing, nobody works on them) by download
// priority: one availability-ordered set per level, so that a pick takes the
// rarest piece of the highest level a peer has. Pure bookkeeping.
import { OpenPieces } from './open-pieces.ts';

/** Piece priorities as the picker keeps them: 0 is not wanted; PRIORITY_LEVELS the highest. */
export const PRIORITY_LEVELS = 3;
export const NORMAL_PRIORITY = 2;

export class PrioritizedPieces {
  readonly #availability: Uint32Array;
  /** levels[l - 1]: the open pieces of priority l; made when the first piece goes in (most torrents use one level only), dropped when the last goes. */
  readonly #levels: (OpenPieces | undefined)[] = [];
  /** The level each open piece sits in; 0 when it is not open. */
  readonly #levelOf: Uint8Array;

  constructor(availability: Uint32Array) {
    this.#availability = availability;
    this.#levels.length = PRIORITY_LEVELS;
    this.#levelOf = new Uint8Array(availability.length);
  }

  get size(): number {
    let n = 0;
    for (const level of this.#levels) n += level?.size ?? 0;
    return n;
  }

  /** Puts the piece in (or moves it to) `level` (1..PRIORITY_LEVELS). */
  add(index: number, level: number): void {
    const now = this.#levelOf[index];
    if (now === level) return;
    if (now !== 0) this.remove(index);
    (this.#levels[level - 1] ??= new OpenPieces(this.#availability)).add(index);
    this.#levelOf[index] = level;
  }

  remove(index: number): void {
    const now = this.#levelOf[index];
    if (now === 0) return;
    const level = this.#levels[now - 1]!;
    level.remove(index);
    this.#levelOf[index] = 0;
    // A level left empty goes too: a complete torrent keeps no arrays of open pieces.
    if (level.size === 0) this.#levels[now - 1] = undefined;
  }

  raised(index: number): void {
    const now = this.#levelOf[index];
    if (now !== 0) this.#levels[now - 1]!.raised(index);
  }

  lowered(index: number): void {
    const now = this.#levelOf[index];
    if (now !== 0) this.#levels[now - 1]!.lowered(index);
  }

  /** The rarest open piece the peer has in the highest level where it has one; -1 when none. */
  rarest(peer: { hasPiece(index: number): boolean }, random: () => number, unavailableLast: boolean): number {
    for (let l = PRIORITY_LEVELS - 1; l >= 0; l--) {
      const level = this.#levels[l];
      if (level === undefined || level.size === 0) continue;
      const index = level.rarest(peer, random, unavailableLast);
      if (index >= 0) return index;
    }
    return -1;
  }
}
