// Connection slots of a full torrent: which peer a newcomer replaces (the
// choose_peer_to_replace policy hook, by default the least useful peer),
// and which peers have been idle too long to keep.
import type { PolicyHooks } from '../hooks.ts';
import type { Peer, Torrent } from '../types.ts';
import type { SwarmPeer } from './contracts.ts';
import { idleReason, isExchangingData, isIdle, leastUsefulPeer, type PeerActivity, type PeerToDrop } from './peer-usefulness.ts';
import type { RateMeter } from './rate.ts';

/** What the swarm keeps of a peer for the usefulness rules. */
export interface ActivityRecord {
  readonly down: RateMeter;
  readonly up: RateMeter;
  /** Our requests to this peer that are not answered yet. */
  readonly inflight: number;
  readonly joinedAt: number;
  /** When a block last went either way; undefined while none did. */
  lastBlockAt: number | undefined;
  /** Bytes of blocks both ways when lastBlockAt was last brought up to date. */
  blockBytes: number;
}

/** What the usefulness rules need of a peer; notes a block that went either way since last asked. */
export function activityOf(peer: SwarmPeer, record: ActivityRecord, uploadsQueued: boolean, now: number): PeerActivity<SwarmPeer> {
  const blockBytes = record.down.total + record.up.total;
  if (blockBytes !== record.blockBytes) {
    record.blockBytes = blockBytes;
    record.lastBlockAt = now;
  }
  return { peer, busy: record.inflight > 0 || uploadsQueued, joinedAt: record.joinedAt, lastBlockAt: record.lastBlockAt };
}

export interface Replacement {
  readonly hooks: PolicyHooks;
  readonly torrent: Torrent;
  readonly newcomer: SwarmPeer;
  /** The torrent's peers and what they do. */
  readonly activities: ReadonlyMap<SwarmPeer, PeerActivity<SwarmPeer>>;
  /** Whose limit is reached: the torrent's (of maxPeers connections) or the client's. */
  readonly full: 'torrent' | 'client';
  readonly maxPeers: number;
  readonly now: number;
}

/** The peer the newcomer replaces (through choose_peer_to_replace), or why the newcomer is refused. */
export function chooseReplaced(r: Replacement): PeerToDrop<SwarmPeer> | string {
  const { hooks, activities, full, now } = r;
  const limit = full === 'torrent' ? `torrent full (${r.maxPeers} connections` : 'too many connections (the client holds its maximum';
  // Asked only when tapped: the context costs an array and two closures per newcomer under a flood.
  if (hooks.choose_peer_to_replace.taps.length > 0) {
    const known = (p: Peer): PeerActivity<SwarmPeer> | undefined => activities.get(p as SwarmPeer);
    const decided = hooks.choose_peer_to_replace.call({
      torrent: r.torrent,
      newcomer: r.newcomer,
      peers: [...activities.keys()],
      full,
      quietMsOf: (p) => {
        const a = known(p);
        return a === undefined ? 0 : now - (a.lastBlockAt ?? a.joinedAt);
      },
      exchangingData: (p) => {
        const a = known(p);
        return a !== undefined && isExchangingData(a, now);
      },
    });
    if (decided === null) return `${limit}, and a plugin's choose_peer_to_replace refused to replace any)`;
    // An answer that is not one of the torrent's peers counts as no answer.
    const chosen = decided === undefined ? undefined : known(decided);
    if (chosen !== undefined) return { peer: chosen.peer, reason: `replaced by a new connection: ${limit}), chosen by a plugin's choose_peer_to_replace` };
  }
  const why = full === 'torrent' ? 'the torrent is full' : 'the client holds its maximum of connections';
  return leastUsefulPeer(activities.values(), now, why) ?? `${limit}, none idle enough to replace)`;
}

/** Disconnects the peers that have been idle for idleMs (nobody interested, no block either way). */
export function dropIdle(activities: Iterable<PeerActivity<SwarmPeer>>, idleMs: number, now: number): void {
  for (const activity of activities) {
    if (isIdle(activity, now, idleMs)) activity.peer.disconnect(idleReason(activity, now));
  }
}
