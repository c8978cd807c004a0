// Lookup tables over many possibly overlapping ranges: merged into sorted,
// disjoint segments, each remembering one range that covers it, so that a
// lookup is one binary search (O(log n)) however large the blocklist.

/** Something with an inclusive numeric range; T is number (IPv4) or bigint (IPv6). */
export interface Ranged<T extends number | bigint> {
  readonly lo: T;
  readonly hi: T;
}

/**
 * Disjoint segments built from ranges sorted by start: a range that starts
 * inside the segments so far contributes only the part beyond their end, so
 * each segment's owner really covers the whole segment.
 */
function mergeSorted<T extends number | bigint, R extends Ranged<T>>(
  sorted: readonly R[],
  push: (lo: T, hi: T, owner: R) => void,
  next: (v: T) => T,
): void {
  let end: T | undefined;
  for (const r of sorted) {
    if (end === undefined || r.lo > end) {
      push(r.lo, r.hi, r);
      end = r.hi;
    } else if (r.hi > end) {
      push(next(end), r.hi, r);
      end = r.hi;
    }
  }
}

/**
 * The segment covering value in disjoint segments sorted by start, as an
 * index, or -1: a binary search for the last start at or below value, whose
 * segment covers value if its end is not below it.
 */
function coveringSegment<T extends number | bigint>(starts: ArrayLike<T>, ends: ArrayLike<T>, value: T): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid] <= value) lo = mid + 1;
    else hi = mid - 1;
  }
  return hi >= 0 && ends[hi] >= value ? hi : -1;
}

/** IPv4 table: starts and ends in typed arrays. */
export class Ipv4Table<R extends Ranged<number>> {
  readonly #starts: Uint32Array;
  readonly #ends: Uint32Array;
  readonly #owners: R[];

  constructor(ranges: Iterable<R>) {
    const sorted = [...ranges].sort((a, b) => a.lo - b.lo || b.hi - a.hi);
    const starts: number[] = [];
    const ends: number[] = [];
    const owners: R[] = [];
    mergeSorted<number, R>(
      sorted,
      (lo, hi, owner) => {
        starts.push(lo);
        ends.push(hi);
        owners.push(owner);
      },
      (v) => v + 1,
    );
    this.#starts = Uint32Array.from(starts);
    this.#ends = Uint32Array.from(ends);
    this.#owners = owners;
  }

  /** Number of disjoint segments. */
  get segments(): number {
    return this.#owners.length;
  }

  /** The range covering value, if any. */
  find(value: number): R | undefined {
    const i = coveringSegment(this.#starts, this.#ends, value);
    return i >= 0 ? this.#owners[i] : undefined;
  }
}

/** IPv6 table: 128-bit values as bigint. Lists are mostly IPv4; this one is small in practice. */
export class Ipv6Table<R extends Ranged<bigint>> {
  readonly #starts: bigint[] = [];
  readonly #ends: bigint[] = [];
  readonly #owners: R[] = [];

  constructor(ranges: Iterable<R>) {
    const sorted = [...ranges].sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : a.hi > b.hi ? -1 : a.hi < b.hi ? 1 : 0));
    mergeSorted<bigint, R>(
      sorted,
      (lo, hi, owner) => {
        this.#starts.push(lo);
        this.#ends.push(hi);
        this.#owners.push(owner);
      },
      (v) => v + 1n,
    );
  }

  get segments(): number {
    return this.#owners.length;
  }

  find(value: bigint): R | undefined {
    const i = coveringSegment(this.#starts, this.#ends, value);
    return i >= 0 ? this.#owners[i] : undefined;
  }
}
