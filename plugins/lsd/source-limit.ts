// Datagrams per second from one source address, in a bounded table: a host
// flooding the multicast group costs a counter, not the torrents' time.
/** Sources tracked at once; when full the table is cleared (a flood of spoofed addresses then costs one reset per second at most). */
export const MAX_TRACKED_SOURCES = 1024;

export class SourceLimit {
  readonly #perSecond: number;
  readonly #counts = new Map<string, number>();
  #windowStart = 0;

  constructor(perSecond: number) {
    this.#perSecond = perSecond;
  }

  /** Counts a datagram from `source`; false when the source is over its budget for this second. */
  take(source: string, now: number): boolean {
    if (now - this.#windowStart >= 1000) {
      this.#counts.clear();
      this.#windowStart = now;
    }
    if (!this.#counts.has(source) && this.#counts.size >= MAX_TRACKED_SOURCES) this.#counts.clear();
    const count = (this.#counts.get(source) ?? 0) + 1;
    this.#counts.set(source, count);
    return count <= this.#perSecond;
  }
}
