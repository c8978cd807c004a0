// Addresses a torrent may dial: each remembered once, queued until dialled.
import type { Address } from '../types.ts';

export class PeerCandidates {
  readonly #known = new Map<string, Address>();
  #queue: Address[] = [];

  /** Queues the addresses not offered before. */
  add(addresses: readonly Address[]): void {
    for (const a of addresses) {
      const key = `${a.ip}|${a.port}`;
      if (this.#known.has(key)) continue;
      this.#known.set(key, a);
      this.#queue.push(a);
    }
  }

  /** Queues every address ever offered again (after a pause or an error). */
  requeueAll(): void {
    this.#queue = [...this.#known.values()];
  }

  /** Puts an address taken with next() back at the head of the queue (it could not be dialled yet). */
  putBack(address: Address): void {
    this.#queue.unshift(address);
  }

  /** The next address to dial, if any. */
  next(): Address | undefined {
    return this.#queue.shift();
  }

  get pending(): number {
    return this.#queue.length;
  }

  /** Every address ever offered. */
  get known(): Address[] {
    return [...this.#known.values()];
  }
}
