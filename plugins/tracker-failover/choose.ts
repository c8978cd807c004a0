// The BEP 12 choice: walk the tiers in order; in each, the trackers not
// backing off, in the tier's order (the last one that answered first). Take
// the first of them (or all, announceToAllTrackers) and stop at the first
// tier that gave one (or go on through every tier, announceToAllTiers). A
// tier whose every tracker is backing off is skipped: that is the failover.
import type { TrackerCandidate } from '../../core/index.ts';
import type { TrackerFailoverOptions } from './options.ts';

/** Absent means false, as in the schema. */
export type ChoiceOptions = Pick<TrackerFailoverOptions, 'announceToAllTiers' | 'announceToAllTrackers'>;

/** Candidates grouped by tier, keeping their order. */
export function groupByTier(trackers: readonly TrackerCandidate[]): TrackerCandidate[][] {
  const tiers = new Map<number, TrackerCandidate[]>();
  for (const t of trackers) {
    const tier = tiers.get(t.tier);
    if (tier === undefined) tiers.set(t.tier, [t]);
    else tier.push(t);
  }
  return [...tiers.values()];
}

/** The URLs to announce to now. */
export function chooseTrackers(trackers: readonly TrackerCandidate[], now: number, options: ChoiceOptions = {}): string[] {
  const out: string[] = [];
  for (const tier of groupByTier(trackers)) {
    const ready = tier.filter((t) => t.retryAt <= now);
    if (ready.length === 0) continue;
    if (options.announceToAllTrackers === true) out.push(...ready.map((t) => t.url));
    else out.push(ready[0]!.url);
    if (options.announceToAllTiers !== true) break;
  }
  return out;
}
