// The pieces nobody works on yet, kept in order of availability, so that a
// rarest-first pick looks at the rarest pieces first instead of scanning every
// piece of the torrent. A scan per new piece made a download O(pieces²): with
// two seeds, 65536 pieces cost 12 s of picking. Pure bookkeeping.
//
// `order` holds the open pieces sorted by availability: bucket a (the pieces
// with availability a) is order[first[a] .. first[a + 1]). A piece changes
// bucket by swapping with a bucket's edge and moving that edge, so a change of
// availability costs O(1), and adding or removing a piece O(buckets).

export class OpenPieces {
  /** Connected peers having each piece; the picker owns it and tells us of changes to open pieces. */
  readonly #availability: Uint32Array;
  readonly #order: Int32Array;
  /** Position of each piece in order; -1 when it is not open. */
  readonly #pos: Int32Array;
  /** first[a]: where bucket a starts; the last entry is the number of open pieces. */
  readonly #first: number[] = [0, 0];

  constructor(availability: Uint32Array) {
    this.#availability = availability;
    this.#order = new Int32Array(availability.length);
    this.#pos = new Int32Array(availability.length).fill(-1);
  }

  get size(): number {
    return this.#first[this.#first.length - 1];
  }

  has(index: number): boolean {
    return this.#pos[index] !== -1;
  }

  add(index: number): void {
    if (this.#pos[index] !== -1) return;
    const a = this.#availability[index];
    this.#grow(a);
    const first = this.#first;
    const top = first.length - 1;
    // In at the end (the highest bucket), then down bucket by bucket.
    let at = first[top]++;
    this.#place(index, at);
    for (let b = top - 1; b > a; b--) {
      this.#swap(at, first[b]);
      at = first[b]++;
    }
  }

  remove(index: number): void {
    let at = this.#pos[index];
    if (at === -1) return;
    const first = this.#first;
    // Up bucket by bucket to the end, then out.
    for (let b = this.#availability[index] + 1; b < first.length; b++) {
      const last = --first[b];
      this.#swap(at, last);
      at = last;
    }
    this.#pos[index] = -1;
  }

  /** The piece's availability went up by one (call after changing it). */
  raised(index: number): void {
    const at = this.#pos[index];
    if (at === -1) return;
    const a = this.#availability[index];
    this.#grow(a);
    // From the end of bucket a - 1 to the start of bucket a.
    const edge = --this.#first[a];
    this.#swap(at, edge);
  }

  /** The piece's availability went down by one (call after changing it). */
  lowered(index: number): void {
    const at = this.#pos[index];
    if (at === -1) return;
    const a = this.#availability[index];
    // From the start of bucket a + 1 to the end of bucket a.
    const edge = this.#first[a + 1]++;
    this.#swap(at, edge);
  }

  /**
   * The least available open piece the peer has, random among equals
   * (`random` in [0, 1)); -1 when there is none. With `unavailableLast`, pieces
   * nobody has (availability 0) are looked at last: a connected peer counts in
   * the availability of every piece it has, so for a peer they never match.
   */
  rarest(peer: { hasPiece(index: number): boolean }, random: () => number, unavailableLast: boolean): number {
    const first = this.#first;
    const buckets = first.length - 1;
    for (let k = 0; k < buckets; k++) {
      const b = !unavailableLast ? k : k + 1 < buckets ? k + 1 : 0;
      const from = first[b];
      const n = first[b + 1] - from;
      if (n === 0) continue;
      const start = Math.floor(random() * n);
      for (let j = 0; j < n; j++) {
        const index = this.#order[from + ((start + j) % n)];
        if (peer.hasPiece(index)) return index;
      }
    }
    return -1;
  }

  /** Makes room for bucket a: adds empty buckets at the top. */
  #grow(a: number): void {
    const first = this.#first;
    while (first.length < a + 2) first.push(first[first.length - 1]);
  }

  #place(index: number, at: number): void {
    this.#order[at] = index;
    this.#pos[index] = at;
  }

  #swap(x: number, y: number): void {
    if (x === y) return;
    const px = this.#order[x];
    const py = this.#order[y];
    this.#place(px, y);
    this.#place(py, x);
  }
}
