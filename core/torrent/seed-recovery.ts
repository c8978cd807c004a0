// Data lost on disk while seeding: reading a piece for a peer failed on a
// file (truncated, deleted, unreadable). libtorrent-style, the piece is
// withdrawn and the file is rechecked, while everything else is still served
// and peers stay; pieces that pass the recheck are had and advertised again.
import type { EventSink } from '../hooks.ts';
import type { Torrent } from '../types.ts';
import type { PieceStore, SwarmPeer } from './contracts.ts';
import { WithdrawnPieces } from './withdrawn-pieces.ts';

/** What recovery needs of its torrent. */
export interface RecoveryHost {
  /** The torrent file_recheck and piece_hash_* name. */
  readonly torrent: Torrent;
  readonly sink: EventSink;
  readonly store: Pick<PieceStore, 'files' | 'recheckFile' | 'opensBurst'>;
  readonly pieceLength: number;
  /** Aborted when the torrent closes: rechecks under way stop. (The swarm's AbortController: its signal, an EventTarget, is made only when a recheck reads it.) */
  readonly closing: { readonly signal: AbortSignal };
  has(index: number): boolean;
  markHave(index: number): void;
  markMissing(index: number): void;
  /** A piece's blocks are arriving from peers. */
  assembling(index: number): boolean;
  /** The connected peers with the numbers attach() gave them. */
  peers(): Iterable<readonly [SwarmPeer, number]>;
  /** A piece we had went missing (after markMissing): a seed becomes a downloader. */
  lost(): void;
  /** A recheck is over and changed what we have. */
  rechecked(): Promise<void>;
  /** An error the torrent cannot go on after (it stops). */
  fail(error: Error): void;
}

export class SeedRecovery {
  readonly #host: RecoveryHost;
  /** Rechecks of files under way, by file index: a burst of failed reads shares one. */
  readonly #rechecks = new Map<number, Promise<void>>();
  /** Per recheck under way: pieces downloaded and stored meanwhile (its reading of them may predate the write). */
  readonly #storedDuringRecheck = new Set<Set<number>>();
  readonly #withdrawn = new WithdrawnPieces();

  constructor(host: RecoveryHost) {
    this.#host = host;
  }

  /** A peer attaches: its number, by which advertise() knows whether it was told of a piece before it was withdrawn. */
  attach(): number {
    return this.#withdrawn.attach();
  }

  /** A downloaded piece was stored: a recheck under way must not withdraw it on an older reading. */
  stored(index: number): void {
    for (const stored of this.#storedDuringRecheck) stored.add(index);
  }

  /**
   * Reading piece `index` for a peer failed with `error`. Only the failure
   * that opened a burst (storage reported it) starts a recheck: the others
   * were seen by one already. False when the error names no file of ours
   * (then it is not a disk failure).
   */
  readFailed(index: number, error: Error): boolean {
    const file = (error as { file?: unknown }).file;
    const fileIndex = this.#host.store.files.findIndex((f) => f === file);
    if (fileIndex < 0) return false;
    this.#withdraw(index);
    if (this.#host.store.opensBurst(error)) void this.#recheck(fileIndex);
    return true;
  }

  /**
   * Tells the peers we have piece `index`, except those told before it was
   * withdrawn, and seeds: a seed wants nothing of ours, and a HAVE per piece
   * cost a download from one seed a socket write per piece.
   */
  advertise(index: number): void {
    const mustTell = this.#withdrawn.had(index);
    for (const [peer, number] of this.#host.peers()) if (!peer.isSeed && mustTell(number)) peer.have(index);
  }

  /**
   * Marks a piece we had as missing. A HAVE cannot be taken back, so peers
   * told already are refused when they ask for it (rejected with BEP 6) and new
   * peers are not told; with pieces missing, a seed downloads again.
   */
  #withdraw(index: number): void {
    const host = this.#host;
    if (!host.has(index)) return;
    host.markMissing(index);
    this.#withdrawn.withdraw(index);
    host.lost();
  }

  /** Rechecks a file; failed reads of it while one runs share it. */
  #recheck(fileIndex: number): Promise<void> {
    let running = this.#rechecks.get(fileIndex);
    if (running === undefined) {
      running = this.#runRecheck(fileIndex).finally(() => this.#rechecks.delete(fileIndex));
      this.#rechecks.set(fileIndex, running);
    }
    return running;
  }

  async #runRecheck(fileIndex: number): Promise<void> {
    const host = this.#host;
    const { sink, torrent } = host;
    const closing = host.closing.signal;
    const file = host.store.files[fileIndex]!;
    const report = (phase: 'started' | 'finished', pieces: number, missing: number): void => {
      if (sink.listens('file_recheck')) sink.emit('file_recheck', { torrent, file, phase, pieces, missing });
    };
    const { pieceLength } = host;
    const pieces = file.length === 0 ? 0 : Math.floor((file.offset + file.length - 1) / pieceLength) - Math.floor(file.offset / pieceLength) + 1;
    report('started', pieces, 0);
    let result: { readonly first: number; readonly have: Uint8Array };
    const stored = new Set<number>();
    this.#storedDuringRecheck.add(stored);
    try {
      result = await host.store.recheckFile(fileIndex, {
        signal: closing,
        onPiece: (index, ok) => {
          const event = ok ? 'piece_hash_passed' : 'piece_hash_failed';
          if (sink.listens(event)) sink.emit(event, { torrent, index, peers: [], blocks: [], data: undefined });
        },
      });
    } catch (err) {
      if (!closing.aborted) host.fail(err as Error);
      return;
    } finally {
      this.#storedDuringRecheck.delete(stored);
    }
    if (closing.aborted) return;
    let missing = 0;
    for (let i = 0; i < result.have.length; i++) {
      const index = result.first + i;
      if (stored.has(index)) continue;
      if (result.have[i] === 0) {
        missing++;
        this.#withdraw(index);
      } else if (!host.has(index) && !host.assembling(index)) {
        // Intact after all (or restored meanwhile): had and advertised again.
        // (A piece whose blocks are arriving is left to its download.)
        host.markHave(index);
        this.advertise(index);
      }
    }
    report('finished', result.have.length, missing);
    await host.rechecked();
  }
}
