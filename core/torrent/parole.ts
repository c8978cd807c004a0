// Parole plumbing: after a peer connects or a piece it sent a block of is
// verified, the parole_peer policy hook says whether it downloads only whole
// pieces of its own (the picker's exclusive mode), so that a corrupt piece
// names its sender alone.
import type { BlockSource, ParoleCandidate, PolicyHooks } from '../hooks.ts';
import type { Torrent } from '../types.ts';
import type { SwarmPeer } from './contracts.ts';

/** The picker's side of parole. */
export interface ParolePicker {
  readonly exclusiveCount: number;
  isExclusive(peer: SwarmPeer): boolean;
  setExclusive(peer: SwarmPeer, exclusive: boolean): void;
}

export class Parole {
  readonly #hooks: PolicyHooks;
  readonly #picker: ParolePicker;
  readonly #torrent: Torrent;

  constructor(hooks: PolicyHooks, picker: ParolePicker, torrent: Torrent) {
    this.#hooks = hooks;
    this.#picker = picker;
    this.#torrent = torrent;
  }

  /** Asks parole_peer about one peer (unasked when nobody taps it and the peer is not on parole). */
  ask(peer: SwarmPeer, after: ParoleCandidate['after'], index: number | undefined): void {
    if (this.#hooks.parole_peer.taps.length === 0 && !this.#picker.isExclusive(peer)) return;
    const onParole = this.#hooks.parole_peer.call({ torrent: this.#torrent, peer, after, index }) === true;
    this.#picker.setExclusive(peer, onParole);
  }

  /** After a verified piece: asks parole_peer about every connected peer whose address sent a block of it. */
  review(peers: Iterable<SwarmPeer>, after: 'piece_passed' | 'piece_failed', index: number, blocks: readonly BlockSource[]): void {
    if (this.#hooks.parole_peer.taps.length === 0 && this.#picker.exclusiveCount === 0) return;
    const senders = new Set<string>();
    for (const b of blocks) if (b.ip !== undefined) senders.add(b.ip);
    for (const peer of peers) if (senders.has(peer.ip)) this.ask(peer, after, index);
  }
}
