// The plugin's own order of a torrent's trackers (BEP 12): each tier shuffled
// once, when the plugin first sees it, and a tracker that answers moved to the
// front of its tier. The engine hands the trackers over in the metainfo's
// order; this order lives here, in the plugin, not in the engine.
import type { TrackerCandidate } from '../../core/index.ts';

/** A shuffled copy (Fisher-Yates). */
export function shuffle<T>(items: readonly T[], random: () => number = Math.random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export class TrackerOrder {
  /** Rank of each URL within its tier, lower first: new URLs count up from 0, promotions down from -1 (the latest in front). */
  readonly #rank = new Map<string, number>();
  #back = 0;
  #front = 0;
  readonly #shuffle: boolean;
  readonly #random: () => number;

  constructor(options: { readonly shuffleTiers?: boolean; readonly random?: () => number } = {}) {
    this.#shuffle = options.shuffleTiers !== false;
    this.#random = options.random ?? Math.random;
  }

  /**
   * The candidates tier by tier (tiers keep their order), each tier in this
   * order. URLs seen for the first time are ranked behind the known ones of
   * their tier, shuffled among themselves when shuffling is on.
   */
  arrange(candidates: readonly TrackerCandidate[]): TrackerCandidate[] {
    const unranked = new Map<number, string[]>();
    for (const c of candidates) {
      if (this.#rank.has(c.url)) continue;
      const tier = unranked.get(c.tier);
      if (tier === undefined) unranked.set(c.tier, [c.url]);
      else tier.push(c.url);
    }
    for (const urls of unranked.values()) {
      const order = this.#shuffle ? shuffle(urls, this.#random) : urls;
      for (const url of order) this.#rank.set(url, this.#back++);
    }
    const rank = (c: TrackerCandidate): number => this.#rank.get(c.url)!;
    return [...candidates].sort((a, b) => a.tier - b.tier || rank(a) - rank(b));
  }

  /** The tracker answered: it goes to the front of its tier. */
  promote(url: string): void {
    this.#rank.set(url, --this.#front);
  }
}
