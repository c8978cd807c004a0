// Serving one torrent's peers: each peer's queue of requests, the bytes its
// blocks hold while read and queued in its socket, and the client's shared
// send budget. A block is read only once its bytes are taken from the peer's
// share (maxSendBuffer) and from the send budget; they come back when the
// socket has handed the block to the kernel. So a peer that does not read
// holds at most maxSendBuffer, all of them at most the budget, and at most
// one disk read per peer is pending, besides one piece read ahead into the
// storage's read cache (bounded in bytes).
import type { EventSink } from '../hooks.ts';
import type { BlockLease } from '../storage/piece-cache.ts';
import type { Torrent } from '../types.ts';
import { BlockCopies } from './block-copies.ts';
import type { SwarmPeer } from './contracts.ts';
import type { SendBudget } from './send-budget.ts';

/** A block larger than this is refused (BEP 3 peers ask for 16 KiB). */
export const MAX_REQUEST_LENGTH = 128 * 1024;

/** What serving needs of its torrent. */
export interface UploadHost {
  /** The torrent invalid_request names. */
  readonly torrent: Torrent;
  readonly sink: EventSink;
  readonly pieceCount: number;
  pieceSize(index: number): number;
  /** We have piece `index` (verified, not withdrawn). */
  has(index: number): boolean;
  /** A block to send, valid until released (its memory is then reused). */
  read(index: number, begin: number, length: number): Promise<BlockLease>;
  /** The block at once when its piece is cached (no turn of the event loop); undefined otherwise. */
  cached(index: number, begin: number, length: number): BlockLease | undefined;
  /** Starts reading a piece the peer will ask for next. */
  readAhead(index: number): void;
  /** Reading a piece failed: true when the torrent recovers (a file of ours), false when the error is the torrent's end. */
  readFailed(index: number, error: Error): boolean;
  /** An error the torrent cannot serve past (it stops). */
  fail(error: Error): void;
  /** A block went to the peer's socket: count its bytes. */
  uploaded(peer: SwarmPeer, length: number): void;
}

export interface UploadLimits {
  /** A peer's requests held before serving (limits.maxQueuedRequestsPerPeer); more are refused. */
  readonly maxQueuedRequests: number;
  /** Bytes of blocks read for one peer and not yet taken by its socket before we stop reading for it (limits.maxSendBufferPerPeer). */
  readonly maxSendBuffer: number;
  /** The client's budget of block bytes held for sending, shared with its other swarms (limits.maxSendBufferTotal). */
  readonly sendBudget: SendBudget;
  /**
   * The upload rate limit (the torrent's and the client's buckets). A block
   * is held until the gate is out of debt; the peer's stream counts the
   * bytes as they are written (headers and every other message too).
   */
  readonly uploadRate?: UploadRateGate;
}

/** What serving needs of the upload rate limit (core/net/rate-limiter.ts RateGate). */
export interface UploadRateGate {
  ready(): boolean;
  wait(wake: () => void): void;
  cancel(wake: () => void): void;
}

interface Request {
  readonly index: number;
  readonly begin: number;
  readonly length: number;
}

/** One peer's side of serving. */
interface UploadQueue {
  /** Its requests to us, in order; at most maxQueuedRequests. */
  readonly requests: Request[];
  serving: boolean;
  /** Requests refused (queue full, choked, invalid) since its queue was last served down to half. */
  refused: number;
  /** Bytes of its blocks being read or waiting in its socket, taken from the send budget. */
  queuedBytes: number;
  /** Detached: what it held went back to the budget; late flushes change nothing. */
  gone: boolean;
  /** Resumes serving it when the send budget has room again. */
  readonly wake: () => void;
  /** The piece of the block served last: entering another, the next one is read ahead. */
  lastIndex: number;
}

/**
 * A block that will wait in a slow peer's socket is copied out of the cached
 * piece it is a view of (into a pooled copy): waiting, the view would keep
 * the whole piece (up to 16 MiB) in memory. A peer that keeps up gets the
 * view itself.
 */
function unpinned(lease: BlockLease, backlogged: boolean, copies: BlockCopies): BlockLease {
  const block = lease.data;
  if (!backlogged || block.buffer.byteLength <= block.length * 2) return lease;
  const copy = copies.copy(block);
  lease.release();
  return copy;
}

export class Uploads {
  readonly #host: UploadHost;
  readonly #limits: UploadLimits;
  readonly #queues = new Map<SwarmPeer, UploadQueue>();
  readonly #copies = new BlockCopies();

  constructor(host: UploadHost, limits: UploadLimits) {
    this.#host = host;
    this.#limits = limits;
  }

  attach(peer: SwarmPeer): void {
    const queue: UploadQueue = { requests: [], serving: false, refused: 0, queuedBytes: 0, gone: false, wake: () => void this.#serve(peer, queue), lastIndex: -1 };
    this.#queues.set(peer, queue);
  }

  /** The peer is gone: its queue is forgotten and what it held goes back to the budget. */
  detach(peer: SwarmPeer): void {
    const queue = this.#queues.get(peer);
    if (queue === undefined) return;
    this.#queues.delete(peer);
    this.#release(queue);
  }

  /** Every peer is gone (the torrent closes): what they held goes back to the shared budget. */
  detachAll(): void {
    for (const peer of [...this.#queues.keys()]) this.detach(peer);
  }

  /** The peer has requests waiting. */
  busy(peer: SwarmPeer): boolean {
    return (this.#queues.get(peer)?.requests.length ?? 0) > 0;
  }

  /** Bytes of blocks being read for the peers or waiting in their sockets. */
  get queuedBytes(): number {
    let bytes = 0;
    for (const queue of this.#queues.values()) bytes += queue.queuedBytes;
    return bytes;
  }

  request(peer: SwarmPeer, index: number, begin: number, length: number): void {
    const queue = this.#queues.get(peer);
    if (queue === undefined) return;
    const reason = this.#invalidRequest(peer, index, begin, length);
    if (reason !== undefined) {
      this.#host.sink.emit('invalid_request', { torrent: this.#host.torrent, ip: peer.ip, reason });
      this.#refuse(peer, queue, index, begin, length);
      return;
    }
    if (queue.requests.length >= this.#limits.maxQueuedRequests) {
      this.#refuse(peer, queue, index, begin, length);
      return;
    }
    queue.requests.push({ index, begin, length });
    void this.#serve(peer, queue);
  }

  cancel(peer: SwarmPeer, index: number, begin: number, length: number): void {
    const queue = this.#queues.get(peer);
    if (queue === undefined) return;
    const at = queue.requests.findIndex((r) => r.index === index && r.begin === begin && r.length === length);
    if (at >= 0) queue.requests.splice(at, 1);
  }

  /** The peer's socket drained: carry on serving its requests. */
  drain(peer: SwarmPeer): void {
    const queue = this.#queues.get(peer);
    if (queue !== undefined) void this.#serve(peer, queue);
  }

  /** Refuses the requests still queued: we choked the peer (BEP 6: each is rejected, not silently dropped). */
  refuseQueued(peer: SwarmPeer): void {
    const queue = this.#queues.get(peer);
    if (queue === undefined) return;
    const queued = queue.requests.splice(0);
    if (peer.supportsFast) for (const r of queued) peer.reject(r.index, r.begin, r.length);
  }

  /**
   * A request we will not serve: rejected (BEP 6) or dropped. A peer that
   * sends more refused requests than the queue holds, without letting us
   * serve its queue down to half in between, is not a client that honours
   * our reqq or a choke: it is disconnected.
   */
  #refuse(peer: SwarmPeer, queue: UploadQueue, index: number, begin: number, length: number): void {
    if (peer.supportsFast) peer.reject(index, begin, length);
    const max = this.#limits.maxQueuedRequests;
    if (++queue.refused <= max) return;
    peer.fail('REQUEST_QUEUE_FULL', `${queue.refused} requests refused (queue of ${max} full, choked or invalid) without its queue being served down to half`);
  }

  #invalidRequest(peer: SwarmPeer, index: number, begin: number, length: number): string | undefined {
    const host = this.#host;
    if (index >= host.pieceCount) return `piece ${index} out of range (${host.pieceCount} pieces)`;
    if (length === 0 || length > MAX_REQUEST_LENGTH) return `block length ${length} is not between 1 and ${MAX_REQUEST_LENGTH}`;
    if (begin + length > host.pieceSize(index)) return `block ${begin}+${length} lies beyond piece ${index}`;
    if (!host.has(index)) return `we do not have piece ${index}`;
    if (peer.amChoking) return 'request while choked';
    return undefined;
  }

  async #serve(peer: SwarmPeer, queue: UploadQueue): Promise<void> {
    if (queue.serving) return;
    queue.serving = true;
    const host = this.#host;
    const { maxSendBuffer, maxQueuedRequests, sendBudget, uploadRate } = this.#limits;
    // Bytes still in the socket before this run: the peer takes them slower than we read.
    const backlogged = peer.writableLength > 0;
    try {
      while (queue.requests.length > 0 && !queue.gone) {
        if (peer.amChoking) return this.refuseQueued(peer);
        const r = queue.requests[0]!;
        if (!host.has(r.index)) {
          // Withdrawn since it was asked for: its file failed a read.
          queue.requests.shift();
          if (peer.supportsFast) peer.reject(r.index, r.begin, r.length);
          continue;
        }
        if (queue.queuedBytes > 0 && queue.queuedBytes + r.length > maxSendBuffer) return; // a flush resumes
        if (uploadRate !== undefined && !uploadRate.ready()) return uploadRate.wait(queue.wake);
        if (!sendBudget.take(r.length)) return sendBudget.wait(queue.wake);
        queue.requests.shift();
        if (queue.requests.length <= maxQueuedRequests >> 1) queue.refused = 0;
        queue.queuedBytes += r.length;
        if (r.index !== queue.lastIndex) {
          queue.lastIndex = r.index;
          // Its next piece is read from disk while this one's blocks go out.
          const next = queue.requests.find((q) => q.index !== r.index);
          if (next !== undefined && host.has(next.index)) host.readAhead(next.index);
        }
        let lease: BlockLease | undefined;
        try {
          // Storage keeps recently read pieces, so each piece is read from disk once; a cached one is served without a wait.
          lease = host.cached(r.index, r.begin, r.length) ?? (await host.read(r.index, r.begin, r.length));
        } catch (err) {
          // Nothing is sent: the bytes taken for the block go back (a peer gone gave back all it held).
          if (!queue.gone) this.#flushed(peer, queue, r.length);
          if (!host.readFailed(r.index, err as Error)) throw err;
          if (peer.supportsFast && !queue.gone) peer.reject(r.index, r.begin, r.length);
          continue;
        }
        if (queue.gone) {
          lease.release();
          return;
        }
        this.#send(peer, queue, r, lease, backlogged);
      }
    } catch (err) {
      host.fail(err as Error);
    } finally {
      queue.serving = false;
    }
  }

  /**
   * Sends a block (or its copy); the memory is released once the socket has
   * taken it. Only then is it uploaded, as libtorrent counts payload on the
   * write's completion: a block still queued when the connection closes
   * never left, and must not count toward a seed ratio (over uTP a
   * connection's queue drains at its congestion window's pace).
   */
  #send(peer: SwarmPeer, queue: UploadQueue, r: Request, lease: BlockLease, backlogged: boolean): void {
    const sent = unpinned(lease, backlogged, this.#copies);
    peer.piece(r.index, r.begin, sent.data, (err) => {
      sent.release();
      if (err == null) this.#host.uploaded(peer, r.length);
      this.#flushed(peer, queue, r.length);
    });
  }

  /** A block left the peer's socket: its bytes go back, and the peer's next requests can be read. */
  #flushed(peer: SwarmPeer, queue: UploadQueue, length: number): void {
    if (queue.gone) return;
    queue.queuedBytes -= length;
    this.#limits.sendBudget.give(length);
    if (queue.requests.length > 0 && !queue.serving) void this.#serve(peer, queue);
  }

  #release(queue: UploadQueue): void {
    queue.gone = true;
    queue.requests.length = 0;
    this.#limits.sendBudget.cancel(queue.wake);
    this.#limits.uploadRate?.cancel(queue.wake);
    this.#limits.sendBudget.give(queue.queuedBytes);
    queue.queuedBytes = 0;
  }
}
