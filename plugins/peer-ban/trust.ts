// Trust scores per address, for when blocks cannot tell who sent bad data:
// each failed piece an address took part in costs it points, each passed
// piece earns some back (up to a ceiling, so that a long honest history does
// not buy unlimited corrupt pieces). Evidence that an address was innocent
// in a failure gives its points back.
import { resolvePeerBanOptions } from './options.ts';

export interface TrustOptions {
  /** Points lost per failed piece taken part in. */
  readonly penalty: number;
  /** Points gained per passed piece taken part in. */
  readonly reward: number;
  /** Highest score. */
  readonly max: number;
  /** Most addresses remembered. */
  readonly maxEntries: number;
}

export interface TrustRecord {
  readonly score: number;
  /** Failed pieces the address took part in. */
  readonly failed: number;
  /** Passed pieces the address took part in. */
  readonly passed: number;
  /** Failed pieces in which evidence later showed its blocks were good. */
  readonly cleared: number;
}

interface MutableRecord {
  score: number;
  failed: number;
  passed: number;
  cleared: number;
}

export class TrustTable {
  readonly #options: TrustOptions;
  // Map order is the order addresses were last seen in.
  readonly #byIp = new Map<string, MutableRecord>();

  constructor(options: Partial<TrustOptions> = {}) {
    // Unset values are the plugin's defaults (its schema's).
    const d = resolvePeerBanOptions();
    this.#options = { penalty: d.trustPenalty, reward: d.trustReward, max: d.trustMax, maxEntries: d.maxTrackedPeers, ...options };
  }

  get size(): number {
    return this.#byIp.size;
  }

  get(ip: string): TrustRecord | undefined {
    const r = this.#byIp.get(ip);
    return r === undefined ? undefined : { ...r };
  }

  /** The address took part in a piece that failed. */
  failed(ip: string): TrustRecord {
    const r = this.#touch(ip);
    r.failed++;
    r.score -= this.#options.penalty;
    return { ...r };
  }

  /** The address took part in a piece that passed. */
  passed(ip: string): TrustRecord {
    const r = this.#touch(ip);
    r.passed++;
    r.score = Math.min(this.#options.max, r.score + this.#options.reward);
    return { ...r };
  }

  /** The address was innocent in `failures` failed pieces it was charged for: give the points back. */
  refund(ip: string, failures: number): void {
    const r = this.#byIp.get(ip);
    if (r === undefined) return;
    r.score = Math.min(this.#options.max, r.score + failures * this.#options.penalty);
    r.cleared = Math.min(r.failed, r.cleared + failures);
  }

  #touch(ip: string): MutableRecord {
    let r = this.#byIp.get(ip);
    if (r !== undefined) {
      this.#byIp.delete(ip);
    } else {
      r = { score: 0, failed: 0, passed: 0, cleared: 0 };
      this.#evict();
    }
    this.#byIp.set(ip, r);
    return r;
  }

  /** Makes room for one: forgets the longest-unseen address that is not under suspicion, else the longest-unseen. */
  #evict(): void {
    if (this.#byIp.size < this.#options.maxEntries) return;
    for (const [ip, r] of this.#byIp) {
      if (r.score >= 0) {
        this.#byIp.delete(ip);
        return;
      }
    }
    const [oldest] = this.#byIp.keys();
    if (oldest !== undefined) this.#byIp.delete(oldest);
  }
}
