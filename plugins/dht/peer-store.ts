// Peers announced to us (announce_peer), by info hash, for get_peers
// replies. Bounded per info hash and in total, and each entry expires 30
// minutes after its last announce (BEP 5 peers re-announce every 15-30).
import type { PeerAddress } from './compact.ts';

export const PEER_TTL_MS = 30 * 60_000;

export class PeerStore {
  readonly #byHash = new Map<string, Map<string, { peer: PeerAddress; at: number }>>();
  readonly #perHash: number;
  readonly #total: number;
  #size = 0;
  #expiredAt = Number.NEGATIVE_INFINITY;

  constructor(options: { maxPeersPerTorrent: number; maxStoredPeers: number }) {
    this.#perHash = options.maxPeersPerTorrent;
    this.#total = options.maxStoredPeers;
  }

  get size(): number {
    return this.#size;
  }

  /** Stores or refreshes a peer; false when a cap refuses it. */
  add(infoHash: string, peer: PeerAddress, now: number): boolean {
    this.expire(now);
    let peers = this.#byHash.get(infoHash);
    const key = `${peer.ip}:${peer.port}`;
    const known = peers?.get(key);
    if (known !== undefined) {
      known.at = now;
      return true;
    }
    if (this.#size >= this.#total) return false;
    if (peers === undefined) this.#byHash.set(infoHash, (peers = new Map()));
    if (peers.size >= this.#perHash) {
      // The oldest announce gives way: a full swarm keeps its freshest peers.
      const oldest = peers.keys().next().value;
      if (oldest !== undefined) peers.delete(oldest);
      this.#size--;
    }
    peers.set(key, { peer, at: now });
    this.#size++;
    return true;
  }

  /** Up to n peers of the info hash, in random order. */
  get(infoHash: string, n: number, now: number): PeerAddress[] {
    this.expire(now);
    const peers = [...(this.#byHash.get(infoHash)?.values() ?? [])].map((e) => e.peer);
    for (let i = peers.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [peers[i], peers[j]] = [peers[j]!, peers[i]!];
    }
    return peers.slice(0, n);
  }

  /** Drops expired peers; a full pass at most once a second, so a flood of announces costs no more. */
  expire(now: number): void {
    if (now - this.#expiredAt < 1000 && now >= this.#expiredAt) return;
    this.#expiredAt = now;
    for (const [hash, peers] of this.#byHash) {
      for (const [key, entry] of peers) {
        if (now - entry.at >= PEER_TTL_MS) {
          peers.delete(key);
          this.#size--;
        }
      }
      if (peers.size === 0) this.#byHash.delete(hash);
    }
  }
}
