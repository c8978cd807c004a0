// Which blocks to ask a peer for: pieces with a deadline first (a reader is
// waiting for them, as libtorrent's set_piece_deadline), then partial pieces,
// then the rarest piece the peer has of the highest priority (random among
// equally rare), endgame duplicates at the end. Pure bookkeeping: no
// sockets, no events.
//
// A peer can be made exclusive (parole, as libtorrent calls it: a peer that
// took part in a piece that failed its hash check): it then downloads whole
// pieces of its own, which no other peer sends a block of, so that the hash
// check of such a piece judges that peer alone.
import { NORMAL_PRIORITY, PRIORITY_LEVELS, PrioritizedPieces } from './prioritized-pieces.ts';

export const BLOCK_SIZE = 16 * 1024;

/** A peer that rejected a block is not asked for it again before this long (ms). */
export const REFUSAL_BACKOFF_MS = 1000;

/**
 * A block of a piece past its deadline that was asked of one peer this long
 * ago (ms) is asked of a second one too, as libtorrent does for its
 * time-critical pieces: a slow or stalled peer does not hold up a reader.
 */
export const LATE_BLOCK_MS = 500;

/** What the picker needs to know about a peer: an identity and what it has. */
export interface PickerPeer {
  hasPiece(index: number): boolean;
}

export interface BlockRequest {
  readonly index: number;
  readonly begin: number;
  readonly length: number;
}

interface PieceProgress<P> {
  readonly index: number;
  readonly blockCount: number;
  /** Blocks not yet received. */
  missing: number;
  /** Per block: 0 free, 1 requested, 2 received. */
  readonly state: Uint8Array;
  /** Per block: who was asked (several in endgame). */
  readonly askedOf: (P[] | undefined)[];
  /** Per block: when it was last requested (ms). */
  readonly askedAt: Float64Array;
  /** Free (never or no longer requested) blocks, for a quick "anything left?" test. */
  free: number;
  /** The exclusive peer the whole piece is for; undefined: any peer may send blocks of it. */
  owner: P | undefined;
  /** Per block: the last peer that rejected a request for it, and when (ms). */
  readonly refusedBy: (P | undefined)[];
  readonly refusedAt: Float64Array;
}

/** What a web seed is to the picker: a source that has every piece. */
const HAS_EVERYTHING: PickerPeer = { hasPiece: () => true };

const FREE = 0;
const REQUESTED = 1;
const RECEIVED = 2;

export interface PickerOptions {
  readonly pieceCount: number;
  readonly pieceLength: number;
  readonly totalLength: number;
  readonly random?: () => number;
  /**
   * A started piece was given up and its received blocks are void (its
   * exclusive peer left, choked us, rejected or timed out a request of it):
   * whoever assembles the piece's data drops it.
   */
  readonly onDrop?: (index: number) => void;
  /** A piece became had (markHave) or missing again (markMissing). */
  readonly onHaveChanged?: (index: number, had: boolean) => void;
}

export class PiecePicker<P extends PickerPeer = PickerPeer> {
  readonly pieceCount: number;
  readonly pieceLength: number;
  readonly totalLength: number;
  /** 1 where the piece is verified and stored. */
  readonly have: Uint8Array;
  /** 1 where the piece is wanted (file selection): where its priority is above 0. */
  readonly wanted: Uint8Array;
  /** Per piece: 0 not wanted, 1 low, 2 normal, 3 high (the highest of its files'). */
  readonly priority: Uint8Array;
  /** How many connected peers have each piece. */
  readonly availability: Uint32Array;
  #partialMade: Map<number, PieceProgress<P>> | undefined;
  /** Pieces handed whole to a source that has everything (a web seed). */
  #reservedMade: Set<number> | undefined;
  /** Wanted, missing pieces nobody works on (not started, not reserved), by availability. */
  readonly #open: PrioritizedPieces;
  /** Pieces a reader waits for: when each is due (ms), requested in that order before any other. */
  #deadlinesMade: Map<number, number> | undefined;
  /** #deadlines' pieces by deadline; rebuilt after a change. */
  #deadlineOrder: number[] | undefined;
  readonly #onHaveChanged: ((index: number, had: boolean) => void) | undefined;
  readonly #random: () => number;
  readonly #onDrop: ((index: number) => void) | undefined;
  /** Peers that download only whole pieces of their own. */
  #exclusiveMade: Set<P> | undefined;
  /** Pieces an exclusive peer gave up (it rejected or timed out a request of one of its own): who, and when (ms). */
  #givenUpMade: Map<number, { readonly peer: P; readonly at: number }> | undefined;
  #haveCount = 0;
  #wantedLeft: number;

  constructor(options: PickerOptions) {
    this.pieceCount = options.pieceCount;
    this.pieceLength = options.pieceLength;
    this.totalLength = options.totalLength;
    this.have = new Uint8Array(this.pieceCount);
    this.wanted = new Uint8Array(this.pieceCount).fill(1);
    this.priority = new Uint8Array(this.pieceCount).fill(NORMAL_PRIORITY);
    this.availability = new Uint32Array(this.pieceCount);
    this.#random = options.random ?? Math.random;
    this.#onDrop = options.onDrop;
    this.#onHaveChanged = options.onHaveChanged;
    this.#wantedLeft = this.pieceCount;
    this.#open = new PrioritizedPieces(this.availability);
    for (let i = 0; i < this.pieceCount; i++) this.#open.add(i, NORMAL_PRIORITY);
  }

  // The collections of a download in progress are made on first use: a
  // thousand torrents seeding idle in one client hold none (about 1 KiB each).
  get #partial(): Map<number, PieceProgress<P>> {
    return (this.#partialMade ??= new Map());
  }

  get #reserved(): Set<number> {
    return (this.#reservedMade ??= new Set());
  }

  get #deadlines(): Map<number, number> {
    return (this.#deadlinesMade ??= new Map());
  }

  get #exclusive(): Set<P> {
    return (this.#exclusiveMade ??= new Set());
  }

  get #givenUp(): Map<number, { readonly peer: P; readonly at: number }> {
    return (this.#givenUpMade ??= new Map());
  }

  pieceSize(index: number): number {
    if (index < this.pieceCount - 1) return this.pieceLength;
    return this.totalLength - this.pieceLength * (this.pieceCount - 1);
  }

  blockCount(index: number): number {
    return Math.ceil(this.pieceSize(index) / BLOCK_SIZE);
  }

  blockLength(index: number, block: number): number {
    return Math.min(BLOCK_SIZE, this.pieceSize(index) - block * BLOCK_SIZE);
  }

  get haveCount(): number {
    return this.#haveCount;
  }

  /** Wanted pieces not yet had. */
  get wantedLeft(): number {
    return this.#wantedLeft;
  }

  /** Every wanted piece is had. */
  get complete(): boolean {
    return this.#wantedLeft === 0;
  }

  setWanted(index: number, wanted: boolean): void {
    if (this.wanted[index] === (wanted ? 1 : 0)) return;
    this.setPriority(index, wanted ? NORMAL_PRIORITY : 0);
  }

  /**
   * 0 (not wanted) to PRIORITY_LEVELS: new pieces are started from the
   * highest priority down. A piece no longer wanted gets no new requests;
   * what is asked already may still arrive and is stored.
   */
  setPriority(index: number, priority: number): void {
    if (!Number.isInteger(priority) || priority < 0 || priority > PRIORITY_LEVELS) throw new RangeError(`piece priority ${priority} is not 0-${PRIORITY_LEVELS}`);
    if (this.priority[index] === priority) return;
    const w = priority > 0 ? 1 : 0;
    if (this.wanted[index] !== w && this.have[index] === 0) this.#wantedLeft += w === 1 ? 1 : -1;
    this.wanted[index] = w;
    this.priority[index] = priority;
    this.#reconsider(index);
  }

  /**
   * A reader needs this piece by `at` (ms): a wanted, missing piece with a
   * deadline is requested before every piece without one, the earliest
   * deadline first.
   */
  setDeadline(index: number, at: number): void {
    if (this.#deadlines.get(index) === at) return;
    this.#deadlines.set(index, at);
    this.#deadlineOrder = undefined;
  }

  clearDeadline(index: number): void {
    if (this.#deadlines.delete(index)) this.#deadlineOrder = undefined;
  }

  /** Pieces with a deadline (had ones included until cleared). */
  get deadlineCount(): number {
    return this.#deadlinesMade?.size ?? 0;
  }

  markHave(index: number): void {
    if (this.have[index] === 1) return;
    this.have[index] = 1;
    this.#haveCount++;
    if (this.wanted[index] === 1) this.#wantedLeft--;
    this.#partialMade?.delete(index);
    this.#reservedMade?.delete(index);
    this.#givenUpMade?.delete(index);
    this.#open.remove(index);
    this.#onHaveChanged?.(index, true);
  }

  /** A piece had is lost (its file changed on disk): it is missing, and wanted again if it was wanted. */
  markMissing(index: number): void {
    if (this.have[index] === 0) return;
    this.have[index] = 0;
    this.#haveCount--;
    if (this.wanted[index] === 1) this.#wantedLeft++;
    this.#reconsider(index);
    this.#onHaveChanged?.(index, false);
  }

  /** Forgets a piece (e.g. it failed its hash check): every block is free again. */
  resetPiece(index: number): void {
    this.#partial.delete(index);
    this.#reserved.delete(index);
    this.#reconsider(index);
  }

  /**
   * Hands a whole piece to a source that has every piece (a web seed): a
   * wanted, missing piece no peer has started, the rarest first. Peers do
   * not pick it until releasePiece (or markHave / resetPiece). -1 when none is left.
   */
  reservePiece(): number {
    const index = this.#rarestNew(HAS_EVERYTHING);
    if (index >= 0) {
      this.#reserved.add(index);
      this.#open.remove(index);
    }
    return index;
  }

  /** Gives a reserved piece back: peers and other web seeds may take it again. */
  releasePiece(index: number): void {
    this.#reserved.delete(index);
    this.#reconsider(index);
  }

  get reservedCount(): number {
    return this.#reserved.size;
  }

  peerHas(index: number): void {
    this.availability[index]++;
    this.#open.raised(index);
  }

  peerLost(index: number): void {
    if (this.availability[index] === 0) return;
    this.availability[index]--;
    this.#open.lowered(index);
  }

  /** Is there a piece we want that this peer has? */
  interestedIn(peer: P): boolean {
    for (let i = 0; i < this.pieceCount; i++) {
      if (this.have[i] === 0 && this.wanted[i] === 1 && peer.hasPiece(i)) return true;
    }
    return false;
  }

  /** Wanted, missing pieces nobody works on yet (not started, not reserved). */
  get openCount(): number {
    return this.#open.size;
  }

  get partialCount(): number {
    return this.#partial.size;
  }

  /**
   * Up to `count` block requests for `peer`. In endgame (every missing block
   * already requested), blocks asked of others at least `endgameAfterMs` ago
   * are asked again, so that a slow last peer does not hold up completion
   * while a fast one is not sent the same blocks twice. An exclusive peer gets
   * blocks of its own pieces only, and no endgame duplicates.
   */
  pick(peer: P, count: number, now: number, endgameAfterMs = 0): BlockRequest[] {
    if (this.#exclusive.has(peer)) return this.#pickExclusive(peer, count, now);
    const out: BlockRequest[] = [];
    // 0. Pieces a reader waits for, the most urgent first.
    if (this.#deadlines.size > 0) this.#pickDeadlines(peer, count, now, out);
    // 1. Finish pieces already started (not those of an exclusive peer, nor those no longer wanted).
    for (const progress of this.#partial.values()) {
      if (out.length >= count) return out;
      if (progress.free === 0 || progress.owner !== undefined || this.wanted[progress.index] === 0 || !peer.hasPiece(progress.index)) continue;
      this.#takeFree(progress, peer, count, now, out);
    }
    // 2. Start the rarest pieces the peer has.
    while (out.length < count) {
      const index = this.#rarestNew(peer);
      if (index < 0) break;
      const progress = this.#start(index, undefined);
      this.#takeFree(progress, peer, count, now, out);
    }
    // 3. Endgame: nothing free anywhere, so duplicate outstanding requests.
    if (out.length < count && this.#inEndgame()) {
      for (const progress of this.#partial.values()) {
        if (progress.owner !== undefined || this.wanted[progress.index] === 0 || !peer.hasPiece(progress.index)) continue;
        for (let b = 0; b < progress.blockCount && out.length < count; b++) {
          if (progress.state[b] !== REQUESTED) continue;
          const asked = progress.askedOf[b];
          if (asked !== undefined && asked.includes(peer)) continue;
          if (asked !== undefined && asked.length >= 2) continue;
          if (now - progress.askedAt[b] < endgameAfterMs) continue;
          (progress.askedOf[b] ??= []).push(peer);
          out.push({ index: progress.index, begin: b * BLOCK_SIZE, length: this.blockLength(progress.index, b) });
        }
      }
    }
    return out;
  }

  /**
   * Free blocks of the wanted, missing pieces with a deadline that the peer
   * has, by deadline; a piece nobody started is started. A piece past its
   * deadline with no free block left has its late blocks asked again.
   */
  #pickDeadlines(peer: P, count: number, now: number, out: BlockRequest[]): void {
    this.#deadlineOrder ??= [...this.#deadlines.keys()].sort((a, b) => this.#deadlines.get(a)! - this.#deadlines.get(b)!);
    for (const index of this.#deadlineOrder) {
      if (out.length >= count) return;
      if (this.have[index] === 1 || this.wanted[index] === 0 || this.#reserved.has(index) || !peer.hasPiece(index)) continue;
      const progress = this.#partial.get(index) ?? this.#start(index, undefined);
      if (progress.owner !== undefined) continue;
      if (progress.free > 0) this.#takeFree(progress, peer, count, now, out);
      else if (this.#deadlines.get(index)! <= now) this.#askLateAgain(progress, peer, count, now, out);
    }
  }

  /** Blocks asked of one other peer at least LATE_BLOCK_MS ago, asked of this one too. */
  #askLateAgain(progress: PieceProgress<P>, peer: P, count: number, now: number, out: BlockRequest[]): void {
    for (let b = 0; b < progress.blockCount && out.length < count; b++) {
      if (progress.state[b] !== REQUESTED || now - progress.askedAt[b] < LATE_BLOCK_MS) continue;
      const asked = progress.askedOf[b];
      if (asked === undefined || asked.length >= 2 || asked.includes(peer)) continue;
      asked.push(peer);
      out.push({ index: progress.index, begin: b * BLOCK_SIZE, length: this.blockLength(progress.index, b) });
    }
  }

  /**
   * An exclusive peer's picks: its own pieces, then new pieces (rarest first),
   * which become its own. With nothing else left for it, it takes over a
   * started piece nobody has an outstanding request in, and its blocks
   * received from others are dropped: better downloaded twice than judged
   * together with another peer's blocks.
   */
  #pickExclusive(peer: P, count: number, now: number): BlockRequest[] {
    const out: BlockRequest[] = [];
    for (const progress of this.#partial.values()) {
      if (out.length >= count) return out;
      if (progress.owner === peer && progress.free > 0) this.#takeFree(progress, peer, count, now, out);
    }
    // Not the pieces it just gave up: others get a chance at them first.
    const willing: PickerPeer = {
      hasPiece: (i) => {
        const given = this.#givenUp.get(i);
        return peer.hasPiece(i) && (given === undefined || given.peer !== peer || now - given.at >= REFUSAL_BACKOFF_MS);
      },
    };
    while (out.length < count) {
      const index = this.#rarestNew(willing);
      if (index < 0) break;
      this.#takeFree(this.#start(index, peer), peer, count, now, out);
    }
    while (out.length === 0) {
      const index = this.#idlePartial(willing);
      if (index < 0) break;
      this.#drop(index);
      this.#takeFree(this.#start(index, peer), peer, count, now, out);
    }
    return out;
  }

  /** A started piece of no exclusive peer, with blocks still missing and none requested, that the peer has; -1 when none. */
  #idlePartial(peer: PickerPeer): number {
    for (const progress of this.#partial.values()) {
      if (progress.owner !== undefined || progress.missing === 0 || this.wanted[progress.index] === 0 || !peer.hasPiece(progress.index)) continue;
      if (progress.free === progress.missing) return progress.index;
    }
    return -1;
  }

  /**
   * Makes a peer exclusive (it downloads whole pieces of its own only) or
   * ordinary again. Its outstanding requests stay as they are. A peer made
   * ordinary keeps its pieces' received blocks, and any peer may now finish them.
   */
  setExclusive(peer: P, exclusive: boolean): void {
    if (exclusive) {
      this.#exclusive.add(peer);
      return;
    }
    if (!this.#exclusive.delete(peer)) return;
    for (const progress of this.#partial.values()) if (progress.owner === peer) progress.owner = undefined;
  }

  isExclusive(peer: P): boolean {
    return this.#exclusive.has(peer);
  }

  /** Exclusive peers. */
  get exclusiveCount(): number {
    return this.#exclusive.size;
  }

  /** True when no wanted block is left unrequested. */
  #inEndgame(): boolean {
    if (this.#open.size > 0) return false;
    for (const p of this.#partial.values()) if (p.free > 0 && this.wanted[p.index] === 1) return false;
    return true;
  }

  get endgame(): boolean {
    return this.#inEndgame();
  }

  /**
   * Records a received block. Returns the peers that were also asked for it
   * (to cancel), or undefined when the block was not expected or is a duplicate.
   */
  received(peer: P, index: number, begin: number, length: number): P[] | undefined {
    const progress = this.#partial.get(index);
    if (progress === undefined || begin % BLOCK_SIZE !== 0) return undefined;
    const b = begin / BLOCK_SIZE;
    if (b >= progress.blockCount || length !== this.blockLength(index, b)) return undefined;
    if (progress.state[b] === RECEIVED) return undefined;
    // A piece of an exclusive peer takes blocks from that peer only.
    if (progress.owner !== undefined && progress.owner !== peer) return undefined;
    const asked = progress.askedOf[b] ?? [];
    if (progress.state[b] === FREE) progress.free--;
    progress.state[b] = RECEIVED;
    progress.askedOf[b] = undefined;
    progress.missing--;
    return asked.filter((p) => p !== peer);
  }

  /** True when every block of a started piece has arrived. */
  pieceDone(index: number): boolean {
    const progress = this.#partial.get(index);
    return progress !== undefined && progress.missing === 0;
  }

  /**
   * A request to this peer will not be answered (choked, rejected, gone).
   * When the piece is the peer's own (it is exclusive), the piece is given
   * up: dropped, so that any peer may download it whole again. Returns the
   * peer's other requests that the drop voided (to cancel), else nothing.
   */
  cancelled(peer: P, index: number, begin: number): BlockRequest[] {
    const progress = this.#partial.get(index);
    if (progress === undefined) return [];
    if (progress.owner === peer && progress.missing > 0) {
      const voided: BlockRequest[] = [];
      for (let b = 0; b < progress.blockCount; b++) {
        if (progress.state[b] === REQUESTED && b * BLOCK_SIZE !== begin) {
          voided.push({ index, begin: b * BLOCK_SIZE, length: this.blockLength(index, b) });
        }
      }
      this.#drop(index);
      return voided;
    }
    const b = begin / BLOCK_SIZE;
    if (progress.state[b] !== REQUESTED) return [];
    const asked = progress.askedOf[b];
    if (asked === undefined) return [];
    const at = asked.indexOf(peer);
    if (at < 0) return [];
    asked.splice(at, 1);
    if (asked.length === 0) {
      progress.askedOf[b] = undefined;
      progress.state[b] = FREE;
      progress.free++;
    }
    return [];
  }

  /**
   * The peer rejected a request (BEP 6) while not choking us: like cancelled,
   * and the peer is not asked for that block again for REFUSAL_BACKOFF_MS.
   * Else a peer that rejects a block for ever is asked for it again at once,
   * again and again, and nobody else ever gets the block.
   */
  rejected(peer: P, index: number, begin: number, now: number): BlockRequest[] {
    const progress = this.#partial.get(index);
    const b = begin / BLOCK_SIZE;
    if (progress !== undefined && b < progress.blockCount && progress.askedOf[b]?.includes(peer)) {
      progress.refusedBy[b] = peer;
      progress.refusedAt[b] = now;
      if (progress.owner === peer) this.#givenUp.set(index, { peer, at: now });
    }
    return this.cancelled(peer, index, begin);
  }

  /**
   * Every request of this peer is void (it disconnected or choked us); its
   * own unfinished pieces are dropped. Returns the requests it held, for
   * cancels when the peer may still answer them.
   */
  peerGone(peer: P): BlockRequest[] {
    const voided: BlockRequest[] = [];
    for (const progress of this.#partial.values()) {
      const { index } = progress;
      for (let b = 0; b < progress.blockCount; b++) {
        if (progress.state[b] === REQUESTED && progress.askedOf[b]?.includes(peer)) {
          voided.push({ index, begin: b * BLOCK_SIZE, length: this.blockLength(index, b) });
          if (progress.owner !== peer) this.cancelled(peer, index, b * BLOCK_SIZE);
        }
      }
      if (progress.owner === peer && progress.missing > 0) this.#drop(index);
    }
    return voided;
  }

  #takeFree(progress: PieceProgress<P>, peer: P, count: number, now: number, out: BlockRequest[]): void {
    for (let b = 0; b < progress.blockCount && out.length < count && progress.free > 0; b++) {
      if (progress.state[b] !== FREE) continue;
      if (progress.refusedBy[b] === peer && now - progress.refusedAt[b] < REFUSAL_BACKOFF_MS) continue;
      progress.state[b] = REQUESTED;
      progress.askedOf[b] = [peer];
      progress.askedAt[b] = now;
      progress.free--;
      out.push({ index: progress.index, begin: b * BLOCK_SIZE, length: this.blockLength(progress.index, b) });
    }
  }

  #start(index: number, owner: P | undefined): PieceProgress<P> {
    const blockCount = this.blockCount(index);
    const progress: PieceProgress<P> = {
      index,
      blockCount,
      missing: blockCount,
      free: blockCount,
      state: new Uint8Array(blockCount),
      askedOf: new Array<P[] | undefined>(blockCount).fill(undefined),
      askedAt: new Float64Array(blockCount),
      owner,
      refusedBy: new Array<P | undefined>(blockCount).fill(undefined),
      refusedAt: new Float64Array(blockCount),
    };
    this.#partial.set(index, progress);
    this.#open.remove(index);
    return progress;
  }

  /** The least available wanted piece the peer has that nobody works on; random among ties. */
  #rarestNew(peer: PickerPeer): number {
    return this.#open.rarest(peer, this.#random, peer !== HAS_EVERYTHING);
  }

  /** Gives up a started piece: its blocks are free again, and whoever holds its data drops it. */
  #drop(index: number): void {
    if (!this.#partial.delete(index)) return;
    this.#reconsider(index);
    this.#onDrop?.(index);
  }

  /** Puts a piece in the open set, or takes it out, as its state now says. */
  #reconsider(index: number): void {
    const open = this.wanted[index] === 1 && this.have[index] === 0 && !this.#partial.has(index) && !this.#reserved.has(index);
    if (open) this.#open.add(index, this.priority[index]);
    else this.#open.remove(index);
  }

  /**
   * Requests older than `timeoutMs`: they are freed and returned with who was
   * asked. A piece of an exclusive peer with a timed-out request is dropped
   * whole (its peer is too slow or stuck) and every request of it is returned.
   */
  expire(now: number, timeoutMs: number): { peer: P; request: BlockRequest }[] {
    const expired: { peer: P; request: BlockRequest }[] = [];
    const dropped: number[] = [];
    for (const progress of this.#partial.values()) {
      let timedOut = false;
      for (let b = 0; b < progress.blockCount; b++) {
        if (progress.state[b] === REQUESTED && now - progress.askedAt[b] >= timeoutMs) timedOut = true;
      }
      if (!timedOut) continue;
      const owner = progress.owner;
      const whole = owner !== undefined;
      if (whole) {
        dropped.push(progress.index);
        this.#givenUp.set(progress.index, { peer: owner, at: now });
      }
      for (let b = 0; b < progress.blockCount; b++) {
        if (progress.state[b] !== REQUESTED || (!whole && now - progress.askedAt[b] < timeoutMs)) continue;
        const request = { index: progress.index, begin: b * BLOCK_SIZE, length: this.blockLength(progress.index, b) };
        for (const peer of progress.askedOf[b] ?? []) expired.push({ peer, request });
        progress.askedOf[b] = undefined;
        progress.state[b] = FREE;
        progress.free++;
      }
    }
    for (const index of dropped) this.#drop(index);
    return expired;
  }
}
