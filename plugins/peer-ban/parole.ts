// Parole (the idea of libtorrent's parole mode): every address that sent a
// block of a piece that failed its hash check is on parole until a piece it
// sent alone settles it. While on parole the engine gives its peers whole
// pieces of their own (the parole_peer policy hook), so the next hash check
// judges that address alone: a piece it sent alone passes, and it is cleared;
// one fails, and it is convicted.
//
// Pure bookkeeping over addresses and piece indexes: no client.

/** What one failed piece changed. */
export interface ParoleFailure {
  /** The address on parole that sent every block of the piece: the corrupt data was its own. */
  readonly convicted: string | undefined;
  /** Why, for the ban's reason. */
  readonly reason: string | undefined;
}

export class ParoleBoard {
  // ip -> the piece whose failure put it on parole. Map order is the order addresses went on parole in.
  readonly #since = new Map<string, number>();
  readonly #maxEntries: number;

  constructor(maxEntries: number) {
    this.#maxEntries = maxEntries;
  }

  get size(): number {
    return this.#since.size;
  }

  has(ip: string): boolean {
    return this.#since.has(ip);
  }

  /** The piece whose failure put the address on parole. */
  sinceOf(ip: string): number | undefined {
    return this.#since.get(ip);
  }

  /**
   * A piece failed. Its sole sender, when on parole, is convicted; every other
   * address that sent a block of it goes on parole (or stays).
   */
  recordFailure(index: number, involved: readonly string[], soleSender: string | undefined): ParoleFailure {
    const since = soleSender === undefined ? undefined : this.#since.get(soleSender);
    if (soleSender !== undefined && since !== undefined) {
      return {
        convicted: soleSender,
        reason: `on parole since piece ${since} failed its hash check, it alone sent piece ${index}, which failed too`,
      };
    }
    for (const ip of involved) {
      if (this.#since.has(ip)) continue;
      if (this.#since.size >= this.#maxEntries) this.#since.delete(this.#since.keys().next().value!);
      this.#since.set(ip, index);
    }
    return { convicted: undefined, reason: undefined };
  }

  /** A piece passed: its sole sender, when on parole, is cleared. Returns whether it was. */
  recordPass(soleSender: string | undefined): boolean {
    return soleSender !== undefined && this.#since.delete(soleSender);
  }

  release(ip: string): void {
    this.#since.delete(ip);
  }

  clear(): void {
    this.#since.clear();
  }
}
