// Pieces we told peers we had and then lost on disk (their file was truncated
// or deleted). A HAVE cannot be taken back in BitTorrent: the peers told keep
// believing it, while peers that connect later get a bitfield without the
// piece. When the piece is had again, only those later peers need a HAVE (a
// second HAVE would make a peer count our copy twice). Peers are told apart
// by the order they attached in.

export class WithdrawnPieces {
  #attached = 0;
  /** Piece index -> how many peers had attached when it was withdrawn. */
  readonly #withdrawnAt = new Map<number, number>();

  /** A peer attached: its number, for mustTell. */
  attach(): number {
    return ++this.#attached;
  }

  /** A piece had (and so advertised to every peer attached) is lost. */
  withdraw(index: number): void {
    this.#withdrawnAt.set(index, this.#attached);
  }

  /**
   * Piece `index` is had now: which peers (by their attach number) must be
   * sent a HAVE for it. All of them, unless it was withdrawn: then those that
   * attached since.
   */
  had(index: number): (peerNumber: number) => boolean {
    const at = this.#withdrawnAt.get(index);
    this.#withdrawnAt.delete(index);
    return at === undefined ? () => true : (peerNumber) => peerNumber > at;
  }
}
