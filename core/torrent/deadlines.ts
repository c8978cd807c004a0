// The deadlines of a torrent's readers (file streams) merged into the
// picker's: several readers may want the same piece, and a piece keeps the
// earliest deadline any reader gave it until no reader wants it any more.
// Bookkeeping only: the picker requests, the readers wait.

/** Where the merged deadlines go (the picker). */
export interface DeadlineTarget {
  setDeadline(index: number, at: number): void;
  clearDeadline(index: number): void;
}

/** One reader's deadlines: replaced as it moves on, cleared when it ends. */
export interface ReaderDeadlines {
  /** The pieces this reader waits for now and when each is due (ms); pieces it gave before and not now are released. */
  set(deadlines: ReadonlyMap<number, number>): void;
  clear(): void;
}

export class PieceDeadlines {
  readonly #target: DeadlineTarget;
  readonly #changed: () => void;
  /** Per piece: each reader's deadline for it. */
  readonly #byPiece = new Map<number, Map<object, number>>();

  /** `changed` runs after a reader's deadlines changed (to request at once). */
  constructor(target: DeadlineTarget, changed: () => void) {
    this.#target = target;
    this.#changed = changed;
  }

  /** Pieces some reader waits for. */
  get size(): number {
    return this.#byPiece.size;
  }

  reader(): ReaderDeadlines {
    const key = {};
    let mine: ReadonlyMap<number, number> = new Map();
    return {
      set: (deadlines) => {
        for (const index of mine.keys()) if (!deadlines.has(index)) this.#release(key, index);
        for (const [index, at] of deadlines) this.#hold(key, index, at);
        mine = new Map(deadlines);
        this.#changed();
      },
      clear: () => {
        if (mine.size === 0) return;
        for (const index of mine.keys()) this.#release(key, index);
        mine = new Map();
      },
    };
  }

  #hold(reader: object, index: number, at: number): void {
    let readers = this.#byPiece.get(index);
    if (readers === undefined) this.#byPiece.set(index, (readers = new Map()));
    readers.set(reader, at);
    this.#apply(index, readers);
  }

  #release(reader: object, index: number): void {
    const readers = this.#byPiece.get(index);
    if (readers === undefined || !readers.delete(reader)) return;
    if (readers.size === 0) {
      this.#byPiece.delete(index);
      this.#target.clearDeadline(index);
    } else this.#apply(index, readers);
  }

  #apply(index: number, readers: Map<object, number>): void {
    let earliest = Infinity;
    for (const at of readers.values()) earliest = Math.min(earliest, at);
    this.#target.setDeadline(index, earliest);
  }
}
