// The default unchoke choice: the interested peers with the best rate get the
// regular slots (download rate from them while leeching, upload rate to them
// while seeding), and one more slot rotates optimistically every 30 seconds.
import type { Peer } from '../types.ts';

export const RECHOKE_INTERVAL_MS = 10_000;
export const OPTIMISTIC_INTERVAL_MS = 30_000;

export interface ChokeInput<P extends Peer> {
  readonly peers: readonly P[];
  readonly slots: number;
  readonly rateOf: (peer: P) => number;
}

/** The regular unchoke set: interested peers ranked by rate, best first. */
export function chooseByRate<P extends Peer>({ peers, slots, rateOf }: ChokeInput<P>): P[] {
  // Each rate is read once, not at every comparison: 500 peers cost a sort's worth of rate() calls every rechoke.
  return peers
    .filter((p) => p.peerInterested)
    .map((peer) => ({ peer, rate: rateOf(peer) }))
    .sort((a, b) => b.rate - a.rate)
    .slice(0, slots)
    .map((r) => r.peer);
}

/** A random interested peer not in `unchoked`, or undefined. */
export function chooseOptimistic<P extends Peer>(
  peers: readonly P[],
  unchoked: ReadonlySet<P>,
  random: () => number = Math.random,
): P | undefined {
  const candidates = peers.filter((p) => p.peerInterested && !unchoked.has(p));
  if (candidates.length === 0) return undefined;
  return candidates[Math.floor(random() * candidates.length)];
}
