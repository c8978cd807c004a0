// A torrent's files while it runs: bytes verified per file (from the
// picker's have changes), priorities turned into piece priorities, file
// streams and the pieces they wait for, and file_completed.
import type { EventSink } from '../hooks.ts';
import type { Torrent, TorrentFile } from '../types.ts';
import { PieceDeadlines } from './deadlines.ts';
import { FileReadStream, type ReadRange } from './file-stream.ts';
import { FILE_PRIORITIES, filesOfPiece, overlap, piecePriority, piecesOfFile, priorityLevel, type FilePriority } from './file-priorities.ts';
import { SwarmFile, type FileOwner } from './swarm-file.ts';

/** The picker as the files drive it. */
export interface FilePicker {
  readonly pieceCount: number;
  readonly pieceLength: number;
  readonly have: Uint8Array;
  setPriority(index: number, priority: number): void;
  setDeadline(index: number, at: number): void;
  clearDeadline(index: number): void;
}

export interface StreamingSettings {
  readonly readaheadBytes: number;
  readonly deadlineStepMs: number;
  /** Connections a stream server holds at once. */
  readonly maxServerConnections: number;
}

export interface FilesHost {
  readonly torrent: Torrent;
  readonly sink: EventSink;
  readonly picker: FilePicker;
  readonly streaming: StreamingSettings;
  read(index: number, begin: number, length: number): Promise<Buffer>;
  /** Pieces became wanted or unwanted: interest, requests and completion follow. */
  wantChanged(): void;
  /** A reader's deadlines changed: request now. */
  deadlinesChanged(): void;
  /** Tells storage whether a file is wanted (it creates wanted empty files). */
  setStoreWanted?(fileIndex: number, wanted: boolean): void;
}

type StoreFile = TorrentFile & { readonly index: number; readonly padding?: boolean };

export class SwarmFiles implements FileOwner {
  readonly list: readonly SwarmFile[];
  readonly #host: FilesHost;
  readonly #files: readonly StoreFile[];
  readonly #levels: Uint8Array;
  readonly #verified: Float64Array;
  /** Made by the first stream, as are the waiters: a thousand torrents seeding idle hold neither. */
  #deadlinesMade: PieceDeadlines | undefined;
  /** Readers waiting for a piece. */
  #waitersMade: Map<number, Set<{ resolve: () => void; reject: (e: Error) => void }>> | undefined;
  #closed: Error | undefined;

  /** `wanted`: indexes of the files to download (all when undefined); the picker's priorities are set from it. */
  constructor(host: FilesHost, files: readonly StoreFile[], wanted: readonly number[] | undefined) {
    this.#host = host;
    this.#files = files;
    this.#levels = new Uint8Array(files.length).fill(priorityLevel('normal'));
    if (wanted !== undefined) {
      const set = new Set(wanted);
      for (const f of files) this.#levels[f.index] = set.has(f.index) ? priorityLevel('normal') : 0;
      for (let p = 0; p < host.picker.pieceCount; p++) host.picker.setPriority(p, piecePriority(files, this.#levels, host.picker.pieceLength, p));
    }
    this.#verified = new Float64Array(files.length);
    this.list = Object.freeze(files.map((f) => new SwarmFile(this, f)));
  }

  verifiedBytes(index: number): number {
    return this.#verified[index]!;
  }

  priorityOf(index: number): FilePriority {
    return FILE_PRIORITIES[this.#levels[this.#fileAt(index).index]!]!;
  }

  setPriority(index: number, priority: FilePriority): void {
    const file = this.#fileAt(index);
    const level = priorityLevel(priority);
    if (this.#levels[index] === level) return;
    this.#levels[index] = level;
    this.#host.setStoreWanted?.(index, level > 0);
    const pieces = piecesOfFile(file, this.#host.picker.pieceLength);
    if (pieces === undefined) return;
    const { picker } = this.#host;
    for (let p = pieces.first; p <= pieces.last; p++) picker.setPriority(p, piecePriority(this.#files, this.#levels, picker.pieceLength, p));
    this.#host.wantChanged();
  }

  createReadStream(index: number, range: ReadRange): FileReadStream {
    const file = this.#fileAt(index);
    if (this.#closed !== undefined) throw this.#closed;
    const host = this.#host;
    const stream = new FileReadStream(
      {
        pieceLength: host.picker.pieceLength,
        has: (i) => host.picker.have[i] === 1,
        whenHave: (i, signal) => this.#whenHave(i, signal),
        read: (i, begin, length) => host.read(i, begin, length),
        deadlines: (this.#deadlinesMade ??= new PieceDeadlines(this.#host.picker, () => this.#host.deadlinesChanged())).reader(),
        readaheadBytes: host.streaming.readaheadBytes,
        deadlineStepMs: host.streaming.deadlineStepMs,
      },
      file,
      range,
    );
    if (this.#levels[index] === 0) this.setPriority(index, 'normal');
    return stream;
  }

  /** Pieces some reader waits for. */
  get deadlineCount(): number {
    return this.#deadlinesMade?.size ?? 0;
  }

  /**
   * The picker's have bit of a piece changed: the files' verified bytes
   * follow; readers waiting for it go on; a file whose last piece this was
   * is reported complete (after the piece's own events, and not while the
   * torrent checks what is on disk).
   */
  pieceChanged(index: number, had: boolean): void {
    const { pieceLength } = this.#host.picker;
    const completed: StoreFile[] = [];
    for (const f of filesOfPiece(this.#files, pieceLength, index)) {
      const file = this.#files[f]!;
      const bytes = overlap(file, pieceLength, index);
      this.#verified[f] += had ? bytes : -bytes;
      if (had && this.#verified[f] === file.length) completed.push(file);
    }
    if (had) {
      const waiting = this.#waitersMade?.get(index);
      this.#waitersMade?.delete(index);
      for (const w of waiting ?? []) w.resolve();
    }
    const torrent = this.#host.torrent;
    if (completed.length > 0 && torrent.state !== 'checking' && this.#host.sink.listens('file_completed')) {
      queueMicrotask(() => {
        for (const file of completed) this.#host.sink.emit('file_completed', { torrent, file: this.list[file.index]!, index: file.index });
      });
    }
  }

  /** The torrent is removed: waiting readers fail with `error`. */
  close(error: Error): void {
    this.#closed = error;
    const waiting = [...(this.#waitersMade?.values() ?? [])];
    this.#waitersMade?.clear();
    for (const set of waiting) for (const w of set) w.reject(error);
  }

  /** Readers waiting for pieces (a destroyed reader's wait is withdrawn). */
  get waitingReaders(): number {
    let n = 0;
    for (const set of this.#waitersMade?.values() ?? []) n += set.size;
    return n;
  }

  #whenHave(index: number, signal: AbortSignal): Promise<void> {
    if (this.#host.picker.have[index] === 1) return Promise.resolve();
    if (this.#closed !== undefined) return Promise.reject(this.#closed);
    return new Promise((resolve, reject) => {
      const byPiece = (this.#waitersMade ??= new Map());
      let set = byPiece.get(index);
      if (set === undefined) byPiece.set(index, (set = new Set()));
      const waiters = set;
      const withdraw = (): void => {
        waiters.delete(waiter);
        if (waiters.size === 0 && byPiece.get(index) === waiters) byPiece.delete(index);
      };
      // Settled either way, the wait no longer listens to the reader's signal.
      const waiter = {
        resolve: () => {
          signal.removeEventListener('abort', withdraw);
          resolve();
        },
        reject: (e: Error) => {
          signal.removeEventListener('abort', withdraw);
          reject(e);
        },
      };
      waiters.add(waiter);
      signal.addEventListener('abort', withdraw, { once: true });
    });
  }

  #fileAt(index: number): StoreFile {
    const file = Number.isInteger(index) ? this.#files[index] : undefined;
    if (file === undefined) throw new RangeError(`file index ${index} is not one of the torrent's ${this.#files.length} files`);
    return file;
  }
}
