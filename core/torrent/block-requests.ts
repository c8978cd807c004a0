// Our requests for blocks: how many each peer has in flight, topping them
// up from the picker, and what a choke, a reject, an answer or a timeout
// does to them.
import type { SwarmPeer } from './contracts.ts';
import { BLOCK_SIZE, type PiecePicker } from './picker.ts';
import type { RateMeter } from './rate.ts';

/** In endgame, a block is asked of a second peer once the first has had it this long. */
export const ENDGAME_AFTER_MS = 1000;

/**
 * A fast peer that chokes us rejects what it will not send (BEP 6), right
 * behind the choke. What it neither sent nor rejected this long after the
 * choke is cancelled and asked of others, rather than waiting for the
 * request timeout (30 s).
 */
export const CHOKED_GRACE_MS = 1000;

/** What the swarm keeps of a peer for its requests. */
export interface RequestRecord {
  /** Our requests to this peer that are not answered yet. */
  inflight: number;
  /** When a fast peer choked us, while it does (see CHOKED_GRACE_MS). */
  chokedAt: number | undefined;
  /** Blocks from it, for the depth of its queue. */
  readonly down: RateMeter;
}

/** What the requests need of their torrent. */
export interface RequestHost {
  readonly picker: PiecePicker<SwarmPeer>;
  /** The torrent downloads (requests are sent only then). */
  downloading(): boolean;
  /** A connected peer's record; undefined for one gone. */
  recordOf(peer: SwarmPeer): RequestRecord | undefined;
  /**
   * The download rate limit's share of one peer in bytes per second (the
   * tightest of the torrent's and the client's, over its peers); 0 when
   * unlimited.
   */
  downloadLimitPerPeer?(): number;
}

/** Under a rate limit, requests in flight cover this long of a peer's share, so that none waits long enough to time out. */
const LIMITED_QUEUE_MS = 2000;

/**
 * Enough requests in flight to cover about half a second at the current
 * rate, but no more than the peer holds (its `reqq`: libtorrent rejects the
 * requests past its max_allowed_in_request_queue, 2000 in 2.0 but 500 in
 * 1.2, and a rejected block is asked again only at the next tick), and no
 * more than a rate limit lets arrive in LIMITED_QUEUE_MS.
 */
function queueDepth(record: RequestRecord, reqq: number | undefined, limitPerPeer: number): number {
  const rate = record.down.rate();
  const depth = Math.min(reqq ?? Infinity, Math.max(32, Math.min(1000, Math.ceil((rate * 0.5) / BLOCK_SIZE))));
  if (limitPerPeer <= 0) return depth;
  return Math.min(depth, Math.max(2, Math.ceil((limitPerPeer * LIMITED_QUEUE_MS) / 1000 / BLOCK_SIZE)));
}

function answered(record: RequestRecord | undefined): void {
  if (record !== undefined && record.inflight > 0) record.inflight--;
}

export class BlockRequests {
  readonly #host: RequestHost;

  constructor(host: RequestHost) {
    this.#host = host;
  }

  /** Tops up the peer's requests, when it unchokes us and we are interested. */
  fill(peer: SwarmPeer): void {
    const host = this.#host;
    if (!host.downloading()) return;
    if (peer.peerChoking || !peer.amInterested) return;
    const record = host.recordOf(peer);
    if (record === undefined) return;
    const depth = queueDepth(record, peer.extendedHandshake?.reqq, host.downloadLimitPerPeer?.() ?? 0);
    const want = depth - record.inflight;
    // Top up in batches of an eighth of the queue: fewer, fuller writes, still a deep pipeline (a short paced queue: half of it).
    if (want <= 0 || (record.inflight > 0 && want < Math.min(Math.max(8, depth >> 3), Math.max(1, depth >> 1)))) return;
    const requests = host.picker.pick(peer, want, Date.now(), ENDGAME_AFTER_MS);
    if (requests.length === 0) return;
    record.inflight += requests.length;
    // The connection corks writes within a tick, so these leave as one write.
    for (const r of requests) peer.request(r.index, r.begin, r.length);
  }

  /**
   * The peer choked us. Without the fast extension that voids every request
   * to it; with it they stay valid until rejected or answered, for
   * CHOKED_GRACE_MS (see abandonChoked).
   */
  choked(peer: SwarmPeer, record: RequestRecord, now: number): void {
    if (peer.supportsFast) {
      record.chokedAt = now;
      return;
    }
    this.#host.picker.peerGone(peer);
    record.inflight = 0;
  }

  unchoked(record: RequestRecord): void {
    record.chokedAt = undefined;
  }

  /**
   * Cancels the requests a fast peer still holds CHOKED_GRACE_MS after it
   * choked us: it will not serve them (a compliant one rejected them; the
   * cancel stops a late answer). True when any was freed for other peers.
   */
  abandonChoked(peer: SwarmPeer, record: RequestRecord, now: number): boolean {
    const since = record.chokedAt;
    if (since === undefined || now - since < CHOKED_GRACE_MS) return false;
    record.chokedAt = undefined;
    if (!peer.peerChoking || record.inflight === 0) return false;
    for (const r of this.#host.picker.peerGone(peer)) peer.cancel(r.index, r.begin, r.length);
    record.inflight = 0;
    return true;
  }

  rejected(peer: SwarmPeer, record: RequestRecord, index: number, begin: number): void {
    const picker = this.#host.picker;
    answered(record);
    // A reject while choking us only voids the request (BEP 6); one while unchoked refuses the block.
    const voided = peer.peerChoking ? picker.cancelled(peer, index, begin) : picker.rejected(peer, index, begin, Date.now());
    // Its piece on parole is given up at a reject: its other requests of that piece go too.
    for (const r of voided) {
      answered(record);
      peer.cancel(r.index, r.begin, r.length);
    }
    // Not refilled at once: a peer that lost the piece (or whose queue is full)
    // would be asked for other blocks it cannot send in a tight loop of
    // request/reject; the next tick asks again, once a second.
  }

  /**
   * A block arrived. False when we did not ask for it (or it is a duplicate
   * or the wrong size): drop it. Otherwise the peers it was also asked of in
   * endgame are sent a cancel.
   */
  received(peer: SwarmPeer, record: RequestRecord, index: number, begin: number, length: number): boolean {
    const alsoAsked = this.#host.picker.received(peer, index, begin, length);
    if (alsoAsked === undefined) return false;
    answered(record);
    for (const other of alsoAsked) {
      other.cancel(index, begin, length);
      answered(this.#host.recordOf(other));
    }
    return true;
  }

  /** Cancels the requests unanswered for timeoutMs; the picker gives their blocks to others. */
  expire(now: number, timeoutMs: number): void {
    const host = this.#host;
    for (const { peer, request } of host.picker.expire(now, timeoutMs)) {
      const record = host.recordOf(peer);
      if (record === undefined) continue;
      answered(record);
      peer.cancel(request.index, request.begin, request.length);
    }
  }
}
