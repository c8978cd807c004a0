// A set of keys that holds at most `max` of them: adding one more forgets the
// one added (or re-added) longest ago. For what remote peers can make us
// remember (addresses and how to dial them), which must stay bounded.
export class RecentKeys {
  readonly #keys = new Set<string>();
  readonly #max: number;

  constructor(max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`RecentKeys needs a maximum of at least 1, not ${max}`);
    this.#max = max;
  }

  get size(): number {
    return this.#keys.size;
  }

  has(key: string): boolean {
    return this.#keys.has(key);
  }

  /** Adds key as the newest; true when it was not there before. */
  add(key: string): boolean {
    const fresh = !this.#keys.delete(key);
    this.#keys.add(key);
    // A Set iterates in insertion order: the first key is the oldest.
    if (this.#keys.size > this.#max) this.#keys.delete(this.#keys.values().next().value as string);
    return fresh;
  }

  delete(key: string): boolean {
    return this.#keys.delete(key);
  }
}
