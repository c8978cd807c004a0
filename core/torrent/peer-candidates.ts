// Addresses a torrent may dial: each remembered once (at most `maxKnown`),
// queued until dialled, and queued again when its connection ends, after a
// wait that grows with its failures in a row: Transmission's reconnect
// schedule (peer-mgr.cc). A peer that sent piece data lately is dialled again
// after 5 s; otherwise after 0 s, 10 s, 2 min, 15 min, 30 min, 1 h, then 2 h.
// Without it a download whose only peer dropped once would never go on.
import type { Address } from '../types.ts';

/** How a connection to a candidate ended. */
export type ConnectionEnd =
  /** It was exchanging piece data lately: a hiccup, dial again soon. */
  | 'transferring'
  /** It ended without piece data lately, or never connected: one more failure. */
  | 'failed'
  /** Not dialled: its address had no room (its IP's share of connections was taken). Tried again later, no failure counted. */
  | 'no-room'
  /** Not worth dialling again until requeueAll (both of us are seeds). */
  | 'done';

/** How a dial of ours came to nothing: it failed, or its address had no room (see ConnectionEnd). */
export type DialFailure = Extract<ConnectionEnd, 'failed' | 'no-room'>;

/** Seconds before the next dial after n failures in a row (Transmission's getReconnectIntervalSecs). */
const RETRY_SECONDS = [0, 10, 120, 900, 1800, 3600, 7200] as const;
const TRANSFERRING_RETRY_MS = 5000;
/** A dial with no room for its address now: soon again, as the room may free at any time. */
const NO_ROOM_RETRY_MS = 5000;

interface Candidate {
  readonly address: Address;
  fails: number;
  /** Not dialled before this time (ms). */
  retryAt: number;
  queued: boolean;
}

export class PeerCandidates {
  readonly #known = new Map<string, Candidate>();
  #queue: Candidate[] = [];
  readonly #maxKnown: number;

  constructor(maxKnown: number) {
    this.#maxKnown = maxKnown;
  }

  /** Queues the addresses not offered before; beyond maxKnown, new ones are ignored (as libtorrent's full peer list). */
  add(addresses: readonly Address[]): void {
    for (const address of addresses) {
      const key = keyOf(address);
      if (this.#known.has(key) || this.#known.size >= this.#maxKnown) continue;
      const candidate: Candidate = { address, fails: 0, retryAt: 0, queued: true };
      this.#known.set(key, candidate);
      this.#queue.push(candidate);
    }
  }

  /** Queues every address ever offered again, to be dialled now (after a pause, a check, or on needing pieces again). */
  requeueAll(): void {
    this.#queue = [...this.#known.values()];
    for (const c of this.#queue) {
      c.queued = true;
      c.retryAt = 0;
    }
  }

  /** Puts an address taken with next() back at the head of the queue (it could not be dialled yet). */
  putBack(address: Address): void {
    const candidate = this.#known.get(keyOf(address));
    if (candidate === undefined || candidate.queued) return;
    candidate.queued = true;
    this.#queue.unshift(candidate);
  }

  /** The next address whose wait is over, if any. */
  next(now = Date.now()): Address | undefined {
    const i = this.#queue.findIndex((c) => c.retryAt <= now);
    if (i < 0) return undefined;
    const [candidate] = this.#queue.splice(i, 1);
    candidate!.queued = false;
    return candidate!.address;
  }

  /**
   * Dials the addresses whose wait is over while `hasRoom()` holds. One the
   * dialer has no room for now (`dial` false: half-open connections full) goes
   * back to the head of the queue and ends the round: offered again at the
   * next tick.
   */
  dialDue(hasRoom: () => boolean, dial: (address: Address) => boolean, now = Date.now()): void {
    while (hasRoom()) {
      const address = this.next(now);
      if (address === undefined) return;
      if (dial(address)) continue;
      this.putBack(address);
      return;
    }
  }

  /** A connection to an address we dialled ended (or the dial failed): when to dial it again. Unknown addresses are ignored. */
  ended(address: Address, how: ConnectionEnd, now = Date.now()): void {
    const candidate = this.#known.get(keyOf(address));
    if (candidate === undefined || candidate.queued) return;
    if (how === 'done') return;
    if (how === 'transferring') {
      candidate.fails = 0;
      candidate.retryAt = now + TRANSFERRING_RETRY_MS;
    } else if (how === 'no-room') {
      candidate.retryAt = now + NO_ROOM_RETRY_MS;
    } else {
      candidate.fails++;
      candidate.retryAt = now + RETRY_SECONDS[Math.min(candidate.fails, RETRY_SECONDS.length - 1)]! * 1000;
    }
    candidate.queued = true;
    this.#queue.push(candidate);
  }

  /** Addresses queued, whether their wait is over or not. */
  get pending(): number {
    return this.#queue.length;
  }

  /** Every address ever offered. */
  get known(): Address[] {
    return [...this.#known.values()].map((c) => c.address);
  }
}

function keyOf(address: Address): string {
  return `${address.ip}|${address.port}`;
}
