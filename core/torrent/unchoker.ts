// Who we upload to: the choose_unchoke policy hook or the default choice
// (choker.ts) picks the unchoke set every RECHOKE_INTERVAL_MS, and sooner
// when a peer's interest changes; this applies it (choke, unchoke) and keeps
// the optimistic slot of the default choice.
import type { PolicyHooks } from '../hooks.ts';
import type { Peer, Torrent } from '../types.ts';
import { chooseByRate, chooseOptimistic, OPTIMISTIC_INTERVAL_MS } from './choker.ts';
import type { SwarmPeer } from './contracts.ts';

/** What the unchoker needs of its torrent. */
export interface UnchokeHost {
  readonly torrent: Torrent;
  readonly hooks: PolicyHooks;
  /** Regular unchoke slots (limits.maxUploadSlots). */
  readonly slots: number;
  /** The connected peers. */
  peers(): readonly SwarmPeer[];
  isConnected(peer: Peer): peer is SwarmPeer;
  seeding(): boolean;
  /** Upload rate to the peer while seeding, download rate from it otherwise; 0 for a peer not connected. */
  rateOf(peer: Peer, seeding: boolean): number;
  /** We choked the peer: what it asked for is refused. */
  choked(peer: SwarmPeer): void;
}

export class Unchoker {
  readonly #host: UnchokeHost;
  #unchoked = new Set<SwarmPeer>();
  #optimistic: SwarmPeer | undefined;
  #lastOptimistic = 0;

  constructor(host: UnchokeHost) {
    this.#host = host;
  }

  /** With a slot free, rechoke now rather than at the next round, through the same policy hook. */
  interested(peer: SwarmPeer): void {
    if (!this.#unchoked.has(peer) && this.#unchoked.size <= this.#host.slots) this.rechoke();
  }

  notInterested(peer: SwarmPeer): void {
    if (this.#unchoked.has(peer)) this.rechoke();
  }

  /**
   * The peer left. True when it held a slot: the caller rechokes at once, or
   * the slot stays empty until the next round (up to RECHOKE_INTERVAL_MS),
   * which in a swarm is where finished downloaders left the others waiting.
   */
  forget(peer: SwarmPeer): boolean {
    const held = this.#unchoked.delete(peer);
    if (this.#optimistic === peer) this.#optimistic = undefined;
    return held;
  }

  rechoke(): void {
    const host = this.#host;
    const peers = host.peers();
    const seeding = host.seeding();
    const rateOf = (p: Peer): number => host.rateOf(p, seeding);
    const decided = host.hooks.choose_unchoke.call({ torrent: host.torrent, peers, slots: host.slots, seeding, rateOf });
    const chosen = decided ?? chooseByRate({ peers, slots: host.slots, rateOf });
    const next = new Set(chosen.filter((p): p is SwarmPeer => host.isConnected(p)));
    // A policy's answer is the whole unchoke set; the optimistic slot belongs to the default choice.
    if (decided === undefined) {
      const now = Date.now();
      const current = this.#optimistic;
      // Empty (its peer left), or promoted to a regular slot (it would hold two): another peer gets it now.
      const stale = current === undefined || !host.isConnected(current) || !current.peerInterested || next.has(current);
      if (stale || now - this.#lastOptimistic >= OPTIMISTIC_INTERVAL_MS) {
        this.#optimistic = chooseOptimistic(peers, next);
        if (this.#optimistic !== undefined) this.#lastOptimistic = now;
      }
      if (this.#optimistic !== undefined) next.add(this.#optimistic);
    }
    for (const p of peers) {
      const wasUnchoked = this.#unchoked.has(p);
      if (next.has(p) && !wasUnchoked) p.unchoke();
      if (!next.has(p) && wasUnchoked) {
        p.choke();
        host.choked(p);
      }
    }
    this.#unchoked = next;
  }
}
