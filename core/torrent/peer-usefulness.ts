// Which connected peer is worth the least, for two decisions of the swarm:
// whom a new connection replaces when the torrent is full, and who has been
// idle too long to keep (libtorrent's inactivity_timeout). Like libtorrent's
// choice of a peer to disconnect, a peer nobody is interested in goes before
// one that wants or offers something, and among equals the one that has gone
// longest without a block. Peers exchanging data are never chosen.
import type { Peer } from '../types.ts';

/** A peer that sent or received a block this recently is kept, whatever else it does. */
export const PROTECT_AFTER_BLOCK_MS = 60_000;

/** What the swarm knows of one connection's activity. */
export interface PeerActivity<P extends Peer> {
  readonly peer: P;
  /** Requests outstanding either way (ours to it, its to us). */
  readonly busy: boolean;
  /** When it joined the swarm. */
  readonly joinedAt: number;
  /** When a block last went either way; undefined while none did. */
  readonly lastBlockAt: number | undefined;
}

/** Since when the peer has exchanged nothing: its last block, or its arrival. */
function quietSince(activity: PeerActivity<Peer>): number {
  return activity.lastBlockAt ?? activity.joinedAt;
}

/** A peer to let go, and why, in words for peer_disconnect. */
export interface PeerToDrop<P extends Peer> {
  readonly peer: P;
  readonly reason: string;
}

/** 0 when neither side is interested, 1 when one is, 2 when both are. */
function interestOf(peer: Peer): number {
  return (peer.amInterested ? 1 : 0) + (peer.peerInterested ? 1 : 0);
}

function describe(activity: PeerActivity<Peer>, now: number): string {
  const p = activity.peer;
  const interest =
    p.amInterested && p.peerInterested ? 'both sides interested'
    : p.amInterested ? 'only we are interested'
    : p.peerInterested ? 'only it is interested'
    : 'neither side interested';
  return `${interest}, no block for ${Math.round((now - quietSince(activity)) / 1000)} s`;
}

/**
 * True when the peer is exchanging data: a request outstanding either way or
 * a block lately. A newcomer gets no grace period: under a flood of new
 * connections every slot would be new, and none could ever be replaced; the
 * newest are the last chosen anyway.
 */
export function isExchangingData(activity: PeerActivity<Peer>, now: number): boolean {
  return activity.busy || (activity.lastBlockAt !== undefined && now - activity.lastBlockAt < PROTECT_AFTER_BLOCK_MS);
}

/**
 * The peer a new connection should replace in a full torrent (`why`, for the
 * reason given, says whose limit is reached): the one with
 * the least interest either way, then the longest without a block. Undefined
 * when every peer is exchanging data (then the newcomer is refused).
 */
export function leastUsefulPeer<P extends Peer>(peers: Iterable<PeerActivity<P>>, now: number, why = 'the torrent is full'): PeerToDrop<P> | undefined {
  let best: PeerActivity<P> | undefined;
  for (const a of peers) {
    if (isExchangingData(a, now)) continue;
    if (best === undefined) {
      best = a;
      continue;
    }
    const byInterest = interestOf(a.peer) - interestOf(best.peer);
    if (byInterest < 0 || (byInterest === 0 && quietSince(a) < quietSince(best))) best = a;
  }
  if (best === undefined) return undefined;
  return { peer: best.peer, reason: `replaced by a new connection: ${why} and this peer was the least useful (${describe(best, now)})` };
}

/**
 * True when neither side has been interested and no block has gone either way
 * for idleMs (libtorrent's inactivity_timeout): the connection only holds a slot.
 */
export function isIdle(activity: PeerActivity<Peer>, now: number, idleMs: number): boolean {
  const p = activity.peer;
  return !p.amInterested && !p.peerInterested && !activity.busy && now - quietSince(activity) >= idleMs;
}

/** The reason an idle peer is dropped. */
export function idleReason(activity: PeerActivity<Peer>, now: number): string {
  return `idle timeout (neither side interested, no block for ${Math.round((now - quietSince(activity)) / 1000)} s)`;
}
