// Block-level evidence against senders of corrupt data (the idea of
// libtorrent's smart ban). When a piece fails its hash check we keep a SHA-1
// of every block with the address that sent it. When the piece later passes,
// the good bytes are known: an address whose recorded block differs from the
// good one sent corrupt data. When the piece fails again and an address sent
// the same block with different bytes than the first time, it is caught too:
// an honest peer never sends two versions of one block.
//
// Pure bookkeeping over the piece_hash_* events' blocks and data: no client.
import { createHash } from 'node:crypto';
import type { BlockSource } from '../../core/index.ts';
import { resolvePeerBanOptions } from './options.ts';

/** What one failure taught. */
export interface FailureReport {
  /** Every address that sent a block of the piece, in block order. */
  readonly involved: readonly string[];
  /** Addresses caught sending two versions of a block, with why. */
  readonly proven: ReadonlyMap<string, string>;
  /** The one address that sent every block, when there is one. */
  readonly soleSender: string | undefined;
}

/** What a pass taught about the failures before it. */
export interface PassReport {
  readonly involved: readonly string[];
  /** Addresses whose recorded blocks differ from the verified piece, with why. */
  readonly proven: ReadonlyMap<string, string>;
  /**
   * Addresses whose every recorded block matches the verified piece, with the
   * number of failures of this piece they were counted in: they were innocent.
   */
  readonly cleared: ReadonlyMap<string, number>;
}

interface BlockRecords {
  readonly length: number;
  /** One entry per (address, digest) seen in failed attempts. */
  readonly seen: { readonly ip: string; readonly digest: string }[];
}

interface PieceRecords {
  /** By block offset. */
  readonly blocks: Map<number, BlockRecords>;
  /** Failures of this piece each address took part in. */
  readonly failuresOf: Map<string, number>;
  /** Records held, for the memory bound. */
  count: number;
}

const NOTHING: ReadonlyMap<string, never> = new Map<string, never>();

function digest(data: Buffer, begin: number, length: number): string {
  return createHash('sha1').update(data.subarray(begin, begin + length)).digest('base64');
}

/** The addresses of the blocks that have one, each once, in block order. */
export function sendersOf(blocks: readonly BlockSource[]): string[] {
  const out: string[] = [];
  for (const b of blocks) if (b.ip !== undefined && !out.includes(b.ip)) out.push(b.ip);
  return out;
}

function blockName(begin: number, index: number): string {
  return `the block at offset ${begin} of piece ${index}`;
}

/** Evidence for one torrent. */
export class BlockEvidence {
  // Map order is the order pieces last failed in: the first is forgotten first.
  readonly #pieces = new Map<number, PieceRecords>();
  readonly #maxRecords: number;
  #records = 0;

  /** maxRecords: by default the plugin's maxEvidenceBlocks default (its schema's). */
  constructor(maxRecords = resolvePeerBanOptions().maxEvidenceBlocks) {
    this.#maxRecords = maxRecords;
  }

  /** Block records held. */
  get size(): number {
    return this.#records;
  }

  /** Pieces with records. */
  get pieceCount(): number {
    return this.#pieces.size;
  }

  has(index: number): boolean {
    return this.#pieces.has(index);
  }

  /**
   * Failures of the address in pieces that have not passed since (their
   * records are still held): a later pass may yet show its blocks were good.
   */
  pendingFailuresOf(ip: string): number {
    let pending = 0;
    for (const piece of this.#pieces.values()) pending += piece.failuresOf.get(ip) ?? 0;
    return pending;
  }

  /** Records a failed piece: `data` is its bytes as received. */
  recordFailure(index: number, blocks: readonly BlockSource[], data: Buffer): FailureReport {
    const involved = sendersOf(blocks);
    const soleSender = involved.length === 1 && blocks.every((b) => b.ip !== undefined) ? involved[0] : undefined;
    let piece = this.#pieces.get(index);
    if (piece === undefined) {
      piece = { blocks: new Map(), failuresOf: new Map(), count: 0 };
    } else {
      this.#pieces.delete(index);
    }
    this.#pieces.set(index, piece);
    let proven: Map<string, string> | undefined;
    for (const block of blocks) {
      if (block.ip === undefined || block.begin + block.length > data.length) continue;
      const d = digest(data, block.begin, block.length);
      let records = piece.blocks.get(block.begin);
      if (records === undefined) {
        records = { length: block.length, seen: [] };
        piece.blocks.set(block.begin, records);
      }
      let known = false;
      for (const r of records.seen) {
        if (r.ip !== block.ip) continue;
        if (r.digest === d) known = true;
        else if (!proven?.has(block.ip)) {
          (proven ??= new Map()).set(block.ip, `sent ${blockName(block.begin, index)} twice with different data, and the piece failed both times`);
        }
      }
      if (!known) {
        records.seen.push({ ip: block.ip, digest: d });
        piece.count++;
        this.#records++;
      }
    }
    for (const ip of involved) piece.failuresOf.set(ip, (piece.failuresOf.get(ip) ?? 0) + 1);
    this.#enforceCap(index);
    return { involved, proven: proven ?? NOTHING, soleSender };
  }

  /** Compares a passed piece (`data`: its verified bytes) with what failed before, and forgets the piece. */
  recordPass(index: number, blocks: readonly BlockSource[], data: Buffer | undefined): PassReport {
    const involved = sendersOf(blocks);
    const piece = this.#pieces.get(index);
    if (piece === undefined) return { involved, proven: NOTHING, cleared: NOTHING };
    this.forget(index);
    if (data === undefined) return { involved, proven: NOTHING, cleared: NOTHING };
    const proven = new Map<string, string>();
    for (const [begin, records] of piece.blocks) {
      if (begin + records.length > data.length) continue;
      const good = digest(data, begin, records.length);
      for (const r of records.seen) {
        if (r.digest !== good && !proven.has(r.ip)) {
          proven.set(r.ip, `sent corrupt data in ${blockName(begin, index)}: it differs from the piece that passed its hash check`);
        }
      }
    }
    const cleared = new Map<string, number>();
    for (const [ip, failures] of piece.failuresOf) if (!proven.has(ip)) cleared.set(ip, failures);
    return { involved, proven, cleared };
  }

  forget(index: number): void {
    const piece = this.#pieces.get(index);
    if (piece === undefined) return;
    this.#records -= piece.count;
    this.#pieces.delete(index);
  }

  clear(): void {
    this.#pieces.clear();
    this.#records = 0;
  }

  /** Forgets the pieces that failed longest ago until the records fit; the piece just recorded stays. */
  #enforceCap(keep: number): void {
    for (const index of this.#pieces.keys()) {
      if (this.#records <= this.#maxRecords) return;
      if (index !== keep) this.forget(index);
    }
  }
}
