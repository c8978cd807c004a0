// Per-address query budget: an address sending more than `perSecond` queries
// in a second is ignored for `penaltyMs`. Bounded: at most `maxAddresses`
// addresses are tracked (the oldest forgotten first).
export class QueryRateLimit {
  readonly #perSecond: number;
  readonly #penaltyMs: number;
  readonly #maxAddresses: number;
  readonly #windows = new Map<string, { start: number; count: number; blockedUntil: number }>();

  constructor(options: { perSecond: number; penaltyMs?: number; maxAddresses?: number }) {
    this.#perSecond = options.perSecond;
    this.#penaltyMs = options.penaltyMs ?? 60_000;
    this.#maxAddresses = options.maxAddresses ?? 10_000;
  }

  /** 'ok', 'over' (this query crossed the limit: report once) or 'ignored' (still in its penalty). */
  admit(ip: string, now: number): 'ok' | 'over' | 'ignored' {
    let w = this.#windows.get(ip);
    if (w !== undefined && now < w.blockedUntil) return 'ignored';
    if (w === undefined || now - w.start >= 1000) {
      if (w === undefined && this.#windows.size >= this.#maxAddresses) {
        const oldest = this.#windows.keys().next().value;
        if (oldest !== undefined) this.#windows.delete(oldest);
      }
      w = { start: now, count: 0, blockedUntil: 0 };
      this.#windows.delete(ip);
      this.#windows.set(ip, w);
    }
    if (++w.count <= this.#perSecond) return 'ok';
    w.blockedUntil = now + this.#penaltyMs;
    return 'over';
  }
}
