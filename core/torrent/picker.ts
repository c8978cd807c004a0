// Which blocks to ask a peer for: partial pieces first, then the rarest piece
// the peer has (random among equally rare), endgame duplicates at the end.
// Pure bookkeeping: no sockets, no events.
import { OpenPieces } from './open-pieces.ts';

export const BLOCK_SIZE = 16 * 1024;

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
}

export class PiecePicker<P extends PickerPeer = PickerPeer> {
  readonly pieceCount: number;
  readonly pieceLength: number;
  readonly totalLength: number;
  /** 1 where the piece is verified and stored. */
  readonly have: Uint8Array;
  /** 1 where the piece is wanted (file selection). */
  readonly wanted: Uint8Array;
  /** How many connected peers have each piece. */
  readonly availability: Uint32Array;
  readonly #partial = new Map<number, PieceProgress<P>>();
  /** Pieces handed whole to a source that has everything (a web seed). */
  readonly #reserved = new Set<number>();
  /** Wanted, missing pieces nobody works on (not started, not reserved), by availability. */
  readonly #open: OpenPieces;
  readonly #random: () => number;
  #haveCount = 0;
  #wantedLeft: number;

  constructor(options: PickerOptions) {
    this.pieceCount = options.pieceCount;
    this.pieceLength = options.pieceLength;
    this.totalLength = options.totalLength;
    this.have = new Uint8Array(this.pieceCount);
    this.wanted = new Uint8Array(this.pieceCount).fill(1);
    this.availability = new Uint32Array(this.pieceCount);
    this.#random = options.random ?? Math.random;
    this.#wantedLeft = this.pieceCount;
    this.#open = new OpenPieces(this.availability);
    for (let i = 0; i < this.pieceCount; i++) this.#open.add(i);
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
    const w = wanted ? 1 : 0;
    if (this.wanted[index] === w) return;
    this.wanted[index] = w;
    if (this.have[index] === 0) this.#wantedLeft += wanted ? 1 : -1;
    this.#reconsider(index);
  }

  markHave(index: number): void {
    if (this.have[index] === 1) return;
    this.have[index] = 1;
    this.#haveCount++;
    if (this.wanted[index] === 1) this.#wantedLeft--;
    this.#partial.delete(index);
    this.#reserved.delete(index);
    this.#open.remove(index);
  }

  /** A piece had is lost (its file changed on disk): it is missing, and wanted again if it was wanted. */
  markMissing(index: number): void {
    if (this.have[index] === 0) return;
    this.have[index] = 0;
    this.#haveCount--;
    if (this.wanted[index] === 1) this.#wantedLeft++;
    this.#reconsider(index);
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
   * while a fast one is not sent the same blocks twice.
   */
  pick(peer: P, count: number, now: number, endgameAfterMs = 0): BlockRequest[] {
    const out: BlockRequest[] = [];
    // 1. Finish pieces already started.
    for (const progress of this.#partial.values()) {
      if (out.length >= count) return out;
      if (progress.free === 0 || !peer.hasPiece(progress.index)) continue;
      this.#takeFree(progress, peer, count, now, out);
    }
    // 2. Start the rarest pieces the peer has.
    while (out.length < count) {
      const index = this.#rarestNew(peer);
      if (index < 0) break;
      const progress = this.#start(index);
      this.#takeFree(progress, peer, count, now, out);
    }
    // 3. Endgame: nothing free anywhere, so duplicate outstanding requests.
    if (out.length < count && this.#inEndgame()) {
      for (const progress of this.#partial.values()) {
        if (!peer.hasPiece(progress.index)) continue;
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

  /** True when no wanted block is left unrequested. */
  #inEndgame(): boolean {
    if (this.#open.size > 0) return false;
    for (const p of this.#partial.values()) if (p.free > 0) return false;
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

  /** A request to this peer will not be answered (choked, rejected, gone, timed out). */
  cancelled(peer: P, index: number, begin: number): void {
    const progress = this.#partial.get(index);
    if (progress === undefined) return;
    const b = begin / BLOCK_SIZE;
    if (progress.state[b] !== REQUESTED) return;
    const asked = progress.askedOf[b];
    if (asked === undefined) return;
    const at = asked.indexOf(peer);
    if (at < 0) return;
    asked.splice(at, 1);
    if (asked.length === 0) {
      progress.askedOf[b] = undefined;
      progress.state[b] = FREE;
      progress.free++;
    }
  }

  /** Every request of this peer is void (it disconnected or choked us). */
  peerGone(peer: P): void {
    for (const progress of this.#partial.values()) {
      for (let b = 0; b < progress.blockCount; b++) {
        if (progress.state[b] === REQUESTED && progress.askedOf[b]?.includes(peer)) {
          this.cancelled(peer, progress.index, b * BLOCK_SIZE);
        }
      }
    }
  }

  #takeFree(progress: PieceProgress<P>, peer: P, count: number, now: number, out: BlockRequest[]): void {
    for (let b = 0; b < progress.blockCount && out.length < count && progress.free > 0; b++) {
      if (progress.state[b] !== FREE) continue;
      progress.state[b] = REQUESTED;
      progress.askedOf[b] = [peer];
      progress.askedAt[b] = now;
      progress.free--;
      out.push({ index: progress.index, begin: b * BLOCK_SIZE, length: this.blockLength(progress.index, b) });
    }
  }

  #start(index: number): PieceProgress<P> {
    const blockCount = this.blockCount(index);
    const progress: PieceProgress<P> = {
      index,
      blockCount,
      missing: blockCount,
      free: blockCount,
      state: new Uint8Array(blockCount),
      askedOf: new Array<P[] | undefined>(blockCount).fill(undefined),
      askedAt: new Float64Array(blockCount),
    };
    this.#partial.set(index, progress);
    this.#open.remove(index);
    return progress;
  }

  /** The least available wanted piece the peer has that nobody works on; random among ties. */
  #rarestNew(peer: PickerPeer): number {
    return this.#open.rarest(peer, this.#random, peer !== HAS_EVERYTHING);
  }

  /** Puts a piece in the open set, or takes it out, as its state now says. */
  #reconsider(index: number): void {
    const open = this.wanted[index] === 1 && this.have[index] === 0 && !this.#partial.has(index) && !this.#reserved.has(index);
    if (open) this.#open.add(index);
    else this.#open.remove(index);
  }

  /** Requests older than `timeoutMs`: they are freed and returned with who was asked. */
  expire(now: number, timeoutMs: number): { peer: P; request: BlockRequest }[] {
    const expired: { peer: P; request: BlockRequest }[] = [];
    for (const progress of this.#partial.values()) {
      for (let b = 0; b < progress.blockCount; b++) {
        if (progress.state[b] !== REQUESTED || now - progress.askedAt[b] < timeoutMs) continue;
        const request = { index: progress.index, begin: b * BLOCK_SIZE, length: this.blockLength(progress.index, b) };
        for (const peer of progress.askedOf[b] ?? []) expired.push({ peer, request });
        progress.askedOf[b] = undefined;
        progress.state[b] = FREE;
        progress.free++;
      }
    }
    return expired;
  }
}
