// A torrent's data on disk: writes and reads of pieces and blocks split across
// the files, verification against the piece hashes, and the resume check.
// Every real read, write, open and close fires its file_* event; failures
// reject with a coded StorageError and fire file_error: every failed write,
// and the first failed read of a file until that file is rechecked (the torrent
// layer pauses on a write error and rechecks the file on a read error).
// Nothing is buffered: when a write resolves, the bytes are in the operating
// system's hands.
import type { EventSink } from '../hooks.ts';
import type { Torrent } from '../types.ts';
import { forEachRun, RUN_BYTES, splitIntoRuns, type PieceRun, type RunJudge } from './check-runs.ts';
import { StorageError, type StorageErrorCode } from './errors.ts';
import { datasyncFd, readAt, writeAt } from './fd-io.ts';
import { StorageFile } from './file.ts';
import { HandlePool } from './handle-pool.ts';
import { defaultHasher, type PieceHasher } from './hasher.ts';
import { StorageLayout, type Segment, type StorageLayoutInput } from './layout.ts';
import { PieceCache, type BlockLease, type CachedPiece } from './piece-cache.ts';
import { forEachPiece } from './piece-lanes.ts';
import { ReadFailureBursts } from './read-failures.ts';
import { stampFile, type FileStamp, type ResumeData } from './resume-data.ts';
import { syncFile } from './sync.ts';

export const DEFAULT_READ_CACHE_BYTES = 16 * 1024 * 1024;
const CHECK_MEMORY_BYTES = 64 * 1024 * 1024;
const DEFAULT_SYNC_AHEAD_BYTES = 64 * 1024 * 1024;
/** Runs sent to each hash worker at a time: it starts the next as soon as it answers one, and has work queued while the main thread is off the CPU (a busy machine). They cost no memory here: the worker reads them. */
const RUNS_IN_FLIGHT_PER_WORKER = 4;

export interface StorageOptions {
  /** Piece length, lengths, file paths and piece hashes (a Metainfo will do). */
  readonly layout: StorageLayoutInput | StorageLayout;
  /** Target folder; file paths are relative to it. */
  readonly dir: string;
  /** The torrent named in file_error events. */
  readonly torrent: Torrent;
  readonly sink: EventSink;
  /** Open file handles at most, across all files (default 64). */
  readonly maxOpenFiles?: number;
  /** A pool of handles shared with other storages (the client's one budget of open files); maxOpenFiles is then the pool's. */
  readonly handles?: HandlePool;
  /** File selection: indexes of files not wanted, or a predicate saying which files are wanted. */
  readonly skipFiles?: Iterable<number> | ((fileIndex: number) => boolean);
  /** Hashes pieces (default: the process-wide worker pool). */
  readonly hasher?: PieceHasher;
  /** Bytes of whole pieces kept after reads, for seeding (default 16 MiB; 0 disables). */
  readonly readCacheBytes?: number;
  /** A file written this many bytes since its last sync began gets a sync in the background (default 64 MiB; see #wrote). */
  readonly syncAheadBytes?: number;
}

export interface CheckOptions {
  /** Called for each piece that was read and hashed (not for pieces of missing or wrongly sized files). */
  readonly onPiece?: (index: number, ok: boolean) => void;
  /** Aborting rejects the check with StorageError ABORTED. */
  readonly signal?: AbortSignal;
  /** Pieces read and hashed at the same time (default: 2 per hash worker + 2). */
  readonly parallel?: number;
  /**
   * Resume data to trust: a piece lying wholly in files whose size and mtime
   * are what it recorded takes its bit unhashed (onTrusted for each had);
   * pieces touching any other file are read and hashed.
   */
  readonly resume?: ResumeData;
  /** Called for each piece taken as had from the resume data, unread. */
  readonly onTrusted?: (index: number) => void;
}

export interface RecheckOptions {
  /** Called for each piece that was read and hashed (not for pieces that could not be read). */
  readonly onPiece?: (index: number, ok: boolean) => void;
  /** Aborting rejects the recheck with StorageError ABORTED. */
  readonly signal?: AbortSignal;
}

/** What a recheck found: `have[i]` is 1 when piece `first + i` was read and hashed right. */
export interface PieceCheck {
  readonly first: number;
  readonly have: Uint8Array;
}

/** Per file, what the writes left to sync. */
interface WriteState {
  /** 1 for a file written (or opened to write) since stampFiles last synced it: only those hold bytes of ours to flush. */
  readonly unsynced: Uint8Array;
  /** Bytes written into each file since its last background sync began (see #wrote). */
  readonly writtenSinceSync: Float64Array;
  /** 1 for a file with a background sync under way. */
  readonly syncing: Uint8Array;
}

/** Failures that only mean "this data is not on disk" while checking. */
const ABSENT: ReadonlySet<StorageErrorCode> = new Set(['FILE_MISSING', 'SHORT_READ', 'IS_A_DIRECTORY', 'NOT_A_DIRECTORY']);

export class Storage {
  readonly layout: StorageLayout;
  readonly files: readonly StorageFile[];
  readonly dir: string;
  readonly torrent: Torrent;
  readonly #sink: EventSink;
  readonly #pool: HandlePool;
  readonly #hasher: PieceHasher;
  /** Pieces verify() had the hash worker write, until writePiece reports them (by piece: the bytes written, and their file). */
  #writtenAhead: Map<number, { readonly data: Uint8Array; readonly file: StorageFile }> | undefined;
  /** Made on the first read or write: a thousand torrents seeding idle hold none (about 0.5 KiB each). */
  #pieceCache: PieceCache | undefined;
  readonly #readCacheBytes: number;
  readonly #syncAheadBytes: number;
  /** Whole-piece reads under way, and how many readers wait on each (pinned for them as it arrives); made by the first. */
  #pieceReads: Map<number, { readonly piece: Promise<CachedPiece>; waiters: number }> | undefined;
  readonly #wanted: Uint8Array;
  /** Operations under way; made by the first, dropped when the last ends (a torrent seeding idle holds none). */
  #pending: Set<Promise<unknown>> | undefined;
  readonly #readFailures: ReadFailureBursts;
  /** Read errors that began a burst (file_error fired for them). */
  #burstOpeners: WeakSet<Error> | undefined;
  /** What the writes left to sync, per file; made by the first write (a torrent that only seeds never needs it). */
  #writeState: WriteState | undefined;
  #closed = false;

  constructor(options: StorageOptions) {
    this.layout = options.layout instanceof StorageLayout ? options.layout : new StorageLayout(options.layout);
    this.dir = options.dir;
    this.torrent = options.torrent;
    this.files = Object.freeze(this.layout.files.map((f) => new StorageFile(f, options.dir)));
    this.#sink = options.sink;
    this.#pool = options.handles ?? new HandlePool(options.sink, options.maxOpenFiles);
    this.#hasher = options.hasher ?? defaultHasher();
    this.#readCacheBytes = options.readCacheBytes ?? DEFAULT_READ_CACHE_BYTES;
    this.#syncAheadBytes = options.syncAheadBytes ?? DEFAULT_SYNC_AHEAD_BYTES;
    this.#wanted = new Uint8Array(this.files.length).fill(1);
    this.#readFailures = new ReadFailureBursts(this.files.length);
    const skip = options.skipFiles;
    if (typeof skip === 'function') {
      for (const f of this.files) this.#wanted[f.index] = skip(f.index) ? 1 : 0;
    } else if (skip !== undefined) {
      for (const i of skip) this.#wanted[this.#fileAt(i).index] = 0;
    }
  }

  get pieceCount(): number {
    return this.layout.pieceCount;
  }

  /** Handles open right now in its pool (at most maxOpenFiles; a shared pool's count covers every storage in it). */
  get openFiles(): number {
    return this.#pool.openCount;
  }

  isWanted(fileIndex: number): boolean {
    this.#fileAt(fileIndex);
    return this.#wanted[fileIndex] === 1;
  }

  setWanted(fileIndex: number, wanted: boolean): void {
    this.#fileAt(fileIndex);
    this.#wanted[fileIndex] = wanted ? 1 : 0;
  }

  /** 1 for every piece holding bytes of a wanted file (pieces at a boundary are written whole). */
  wantedPieces(): Uint8Array {
    return this.layout.wantedPieces((i) => this.#wanted[i] === 1);
  }

  /**
   * A buffer for assembling piece `index` in: it lives in shared memory, so
   * verify() hands it to a hash worker without copying it.
   */
  allocatePiece(index: number): Buffer {
    return this.#hasher.allocate(this.layout.pieceSize(index));
  }

  /**
   * Gives back a buffer from allocatePiece once it is verified, written and
   * reported: the next piece is assembled in it (reused memory is far cheaper
   * than fresh shared memory). It must not be used afterwards.
   */
  releasePiece(data: Buffer): void {
    this.#hasher.release(data);
  }

  /** Creates every wanted zero-length file (other files are created by their first write). */
  prepare(): Promise<void> {
    return this.#track(async () => {
      for (const file of this.files) {
        if (file.length !== 0 || file.padding || this.#wanted[file.index] === 0) continue;
        let created: boolean;
        try {
          created = await file.create();
        } catch (err) {
          throw this.#report(StorageError.fromSystem(err, file, 'create'));
        }
        if (created) {
          if (this.#sink.listens('file_open')) this.#sink.emit('file_open', { file, mode: 'w+' });
          if (this.#sink.listens('file_close')) this.#sink.emit('file_close', { file });
        }
      }
    });
  }

  /**
   * Writes a whole piece (verified beforehand, normally), one write per file
   * it spans. A piece that verify() had the hash worker write already (the
   * same bytes: the same buffer, not written to since) is only reported.
   */
  async writePiece(index: number, data: Uint8Array): Promise<void> {
    const size = this.layout.pieceSize(index);
    if (data.length !== size) throw new StorageError('OUT_OF_RANGE', `piece ${index} has ${size} bytes, not ${data.length}`);
    const ahead = this.#writtenAhead?.get(index);
    if (ahead !== undefined && ahead.data === data) {
      this.#writtenAhead!.delete(index);
      this.#pieceCache?.invalidate(index);
      this.#wrote(ahead.file, size);
      return;
    }
    return this.writeBlock(index, 0, data);
  }

  /** Writes `data` at `begin` of piece `index`. */
  writeBlock(index: number, begin: number, data: Uint8Array): Promise<void> {
    return this.#track(async () => {
      const segments = this.layout.segments(index, begin, data.length);
      this.#pieceCache?.invalidate(index);
      for (const segment of segments) await this.#writeSegment(segment, data);
    });
  }

  /**
   * `length` bytes of piece `index` from `begin`. With the read cache the
   * whole piece is read once and blocks are views of it: do not modify them.
   */
  read(index: number, begin: number, length: number): Promise<Buffer> {
    // Never released: the piece's buffer is not reused while the view lives (the garbage collector frees it).
    return this.readBlock(index, begin, length).then((lease) => lease.data);
  }

  /**
   * Like read(), for a block that is used for a while and then dropped (sent
   * to a peer): the view stays valid until release(), after which the
   * cached piece's buffer may be reused for another piece. A cached piece is
   * leased at once, without waiting for a turn of the event loop.
   */
  readBlock(index: number, begin: number, length: number): Promise<BlockLease> {
    let cached: BlockLease | undefined;
    try {
      cached = this.cachedBlock(index, begin, length);
    } catch (err) {
      return Promise.reject(err as Error);
    }
    if (cached !== undefined) return Promise.resolve(cached);
    return this.#track(async () => {
      const segments = this.layout.segments(index, begin, length);
      if (this.#cache.fits(this.layout.pieceSize(index))) return this.#leaseRead(index, begin, length);
      const out = Buffer.allocUnsafeSlow(length);
      const stamp = this.#readFailures.stamp();
      await this.#readSegments(segments, out).catch((err: StorageError) => {
        throw this.#readFailed(err, stamp);
      });
      return { data: out, release: () => undefined };
    });
  }

  /** The block when its piece is in the read cache (leased as readBlock does); undefined otherwise. */
  cachedBlock(index: number, begin: number, length: number): BlockLease | undefined {
    if (this.#closed) return undefined;
    const piece = this.#pieceCache?.get(index);
    if (piece === undefined) return undefined;
    if (!Number.isSafeInteger(begin) || !Number.isSafeInteger(length) || begin < 0 || length < 0 || begin + length > piece.data.length) {
      throw new StorageError('OUT_OF_RANGE', `bytes ${begin}..${begin + length} are outside piece ${index} of ${piece.data.length} bytes`);
    }
    return this.#cache.lease(piece, begin, length);
  }

  /**
   * Starts reading piece `index` into the read cache, if it fits and is not
   * there or on its way: the next piece a peer asks for is then read while
   * the blocks of this one go out. Errors are left to the read that needs it.
   */
  readAhead(index: number): void {
    if (this.#closed || index < 0 || index >= this.pieceCount || !this.#cache.fits(this.layout.pieceSize(index))) return;
    if (this.#cache.get(index) !== undefined || this.#pieceReads?.has(index) === true) return;
    this.#track(() => this.#pieceRead(index).piece).catch(() => undefined);
  }

  /** The whole piece `index`, read from disk (a fresh buffer each time). */
  readPiece(index: number): Promise<Buffer> {
    return this.#track(async () => {
      const out = Buffer.allocUnsafeSlow(this.layout.pieceSize(index));
      const stamp = this.#readFailures.stamp();
      await this.#readSegments(this.layout.segments(index, 0, out.length), out).catch((err: StorageError) => {
        throw this.#readFailed(err, stamp);
      });
      return out;
    });
  }

  /**
   * True for a read error that began a burst of failures of its file: it
   * fired file_error, and the file is worth rechecking. The other failures of
   * the burst (reads at the same time, or begun before the file's last
   * recheck finished) fire nothing and answer false.
   */
  opensBurst(error: Error): boolean {
    return this.#burstOpeners?.has(error) === true;
  }

  /**
   * True when `data` is piece `index`: right length and SHA-1. A downloaded
   * piece is written next (writePiece), so a piece lying in one file is
   * handed to the hash worker with that file's descriptor: if it hashes
   * right, the worker writes it in the same wake-up, and writePiece(index,
   * data) finds it written. Otherwise writePiece writes (and reports any
   * error) as usual. The checks of data on disk use #matches: they write nothing.
   */
  async verify(index: number, data: Uint8Array): Promise<boolean> {
    this.#writtenAhead?.delete(index);
    if (data.length !== this.layout.pieceSize(index)) return false;
    const segments = this.layout.segments(index, 0, data.length);
    const file = segments.length === 1 ? this.files[segments[0]!.file]! : undefined;
    if (file === undefined || file.padding || this.#closed || data.length < this.#hasher.inlineBelow || this.#hasher.maxWorkers === 0) return this.#matches(index, data);
    const expected = this.layout.pieceHash(index);
    const position = segments[0]!.fileOffset;
    return this.#track(async () => {
      let written = false;
      let digest: Buffer;
      try {
        digest = await this.#pool.use(file, 'write', async (fd) => {
          // Marked before the worker writes: a stamp taken meanwhile must not miss the file.
          this.#writes.unsynced[file.index] = 1;
          const result = await this.#hasher.hashAndWrite(data, { fd, position, expected });
          written = result.written;
          return result.digest;
        });
      } catch {
        // The file would not open for writing: hashed here, and writePiece reports the error.
        return this.#matches(index, data);
      }
      if (written) (this.#writtenAhead ??= new Map()).set(index, { data, file });
      return digest.equals(expected);
    });
  }

  /** True when `data` is piece `index`: right length and SHA-1 (nothing written). */
  async #matches(index: number, data: Uint8Array): Promise<boolean> {
    if (data.length !== this.layout.pieceSize(index)) return false;
    return (await this.#hasher.hash(data)).equals(this.layout.pieceHash(index));
  }

  /**
   * The resume check: which pieces are on disk. A piece counts only if every
   * file it touches exists with exactly the torrent's length and its bytes
   * hash right; nothing is trusted and nothing on disk is changed.
   * Resolves to 1 per piece had, 0 per piece not had.
   */
  check(options: CheckOptions = {}): Promise<Uint8Array> {
    return this.#track(async () => {
      const { onPiece, signal } = options;
      const whole = options.resume === undefined ? this.#wholeFileRun() : undefined;
      const found = whole === undefined ? undefined : await this.#checkWholeFile(whole, options);
      if (found !== undefined) return found;
      const have = new Uint8Array(this.pieceCount);
      const { fileOk, trusted } = await this.#filesInPlace(options.resume).catch((err: unknown) => {
        throw err instanceof StorageError ? this.#report(err) : err;
      });
      const isTrusted = (index: number): boolean =>
        this.layout.segments(index, 0, this.layout.pieceSize(index)).every((s) => trusted[s.file] === 1);
      const toHash: number[] = [];
      for (let index = 0; index < this.pieceCount; index++) {
        if (options.resume === undefined || !isTrusted(index)) toHash.push(index);
        else if (options.resume.have[index] === 1) {
          have[index] = 1;
          options.onTrusted?.(index);
        }
      }
      if (toHash.length === 0) return have;
      const aborted = (): StorageError => new StorageError('ABORTED', `the check of ${this.torrent.name} was aborted`);
      // Runs of pieces lying in one file are read and hashed by the hash
      // workers, or small ones read here at one go; the others, and what a
      // run left, go through the lanes.
      const { runs, here, byLanes } = splitIntoRuns(this.layout, toHash, (file) => fileOk[file] === 1 && !this.files[file]!.padding, this.#hasher);
      // The first failure: the others stop at their next piece or run, and it is thrown once all have.
      let failure: { readonly error: unknown } | undefined;
      const checkPieces = (pieces: readonly number[]): Promise<void> => {
        if (pieces.length === 0) return Promise.resolve();
        // Lanes walk first..last: the pieces between that are not theirs are skipped, not read.
        const mine = new Uint8Array(this.pieceCount);
        for (const index of pieces) mine[index] = 1;
        return this.#forEachPiece(pieces[0]!, pieces[pieces.length - 1]!, options.parallel, async (index, buffer) => {
          if (signal?.aborted === true) throw aborted();
          if (mine[index] === 1 && failure === undefined) await checkPiece(index, buffer);
        });
      };
      const checkPiece = async (index: number, buffer: () => Buffer): Promise<void> => {
        const segments = this.layout.segments(index, 0, this.layout.pieceSize(index));
        // Pieces of missing or wrongly sized files are not had, and not reported as checked.
        const inPlace = segments.every((s) => fileOk[s.file] === 1);
        let ok = inPlace;
        if (inPlace) {
          const piece = buffer().subarray(0, this.layout.pieceSize(index));
          try {
            await this.#readSegments(segments, piece);
            ok = await this.#matches(index, piece);
          } catch (err) {
            if (!(err instanceof StorageError) || !ABSENT.has(err.code)) throw err;
            ok = false;
          }
        }
        have[index] = ok ? 1 : 0;
        if (inPlace) onPiece?.(index, ok);
      };
      const left: number[] = [];
      const checkRun = async (run: PieceRun, hashRun: (run: PieceRun, judge: RunJudge) => Promise<number>): Promise<void> => {
        if (signal?.aborted === true) throw aborted();
        if (failure !== undefined) return;
        const done = await hashRun(run, (index, ok) => {
          if (signal?.aborted === true) throw aborted();
          have[index] = ok ? 1 : 0;
          onPiece?.(index, ok);
        });
        for (let index = run.first + done; index < run.first + run.count; index++) left.push(index);
      };
      const settle = (work: Promise<void>): Promise<void> => work.catch((error: unknown) => void (failure ??= { error }));
      await Promise.all([
        settle(forEachRun(runs, RUNS_IN_FLIGHT_PER_WORKER * this.#hasher.maxWorkers, (run) => checkRun(run, (r, judge) => this.#hashRun(r, judge)))),
        settle(forEachRun(here, this.#lanes(options.parallel), (run) => checkRun(run, (r, judge) => this.#readRun(r, judge)))),
        settle(checkPieces(byLanes)),
      ]);
      if (failure === undefined) await settle(checkPieces(left.sort((a, b) => a - b)));
      if (failure !== undefined) {
        const { error } = failure;
        throw error instanceof StorageError ? this.#report(error) : error;
      }
      return have;
    });
  }

  /**
   * Checks again every piece holding bytes of a file after a read of it
   * failed: each is read from disk afresh (a new handle, no cached bytes) and
   * hashed. Unlike check(), a file of the wrong length is not dismissed
   * whole: the pieces still readable and right count (a truncated file keeps
   * its head), and any failure to read a piece (missing file, short read, I/O
   * error) only means that piece is not had. The file's next failed read is
   * reported again.
   */
  recheckFile(fileIndex: number, options: RecheckOptions = {}): Promise<PieceCheck> {
    return this.#track(async () => {
      const file = this.#fileAt(fileIndex);
      const range = this.layout.piecesOfFile(fileIndex);
      if (range === undefined || file.padding) {
        this.#readFailures.checked(fileIndex);
        return { first: 0, have: new Uint8Array(0) };
      }
      const { onPiece, signal } = options;
      const have = new Uint8Array(range.last - range.first + 1);
      // It may have been replaced on disk: an old handle would read the old file.
      this.#pool.reopen(file);
      this.#forgetFile(fileIndex);
      try {
        await this.#forEachPiece(range.first, range.last, undefined, async (index, buffer) => {
          if (signal?.aborted === true) throw new StorageError('ABORTED', `the recheck of ${file.path} was aborted`);
          const piece = buffer().subarray(0, this.layout.pieceSize(index));
          try {
            await this.#readSegments(this.layout.segments(index, 0, piece.length), piece);
          } catch (err) {
            if (err instanceof StorageError && err.file !== undefined) return;
            throw err;
          }
          const ok = await this.#matches(index, piece);
          have[index - range.first] = ok ? 1 : 0;
          onPiece?.(index, ok);
        });
      } finally {
        this.#readFailures.checked(fileIndex);
      }
      return { first: range.first, have };
    });
  }

  /**
   * Closes its files' handles once the operations using them are done (after
   * the check: a torrent seeding in a client of thousands holds no file open
   * until a peer asks for a block). The next read or write opens them again.
   */
  closeHandles(): Promise<void> {
    return this.#pool.closeFiles(this.files);
  }

  /** Resolves when every write under way has finished (writes are not buffered). */
  async flush(): Promise<void> {
    await Promise.allSettled([...(this.#pending ?? [])]);
  }

  /** Waits for operations under way, then closes every file (file_close each). Later calls reject with CLOSED. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.allSettled([...(this.#pending ?? [])]);
    await this.#pool.closeFiles(this.files);
    this.#pieceCache?.clear();
  }

  /**
   * The one run of a torrent of a single small file (its pieces hashed on
   * this thread, the whole file read at one go), which #checkWholeFile checks;
   * undefined for any other torrent.
   */
  #wholeFileRun(): PieceRun | undefined {
    const file = this.files[0]!;
    if (this.files.length !== 1 || file.padding || file.length === 0) return undefined;
    const every = Array.from({ length: this.pieceCount }, (_, index) => index);
    const { runs, here, byLanes } = splitIntoRuns(this.layout, every, () => true, this.#hasher);
    return runs.length === 0 && byLanes.length === 0 && here.length === 1 ? here[0] : undefined;
  }

  /**
   * check() of a single small file, without resume data: one open, one read
   * and one close, where the general way stats the file first. The read asks
   * for a byte more than the torrent's length, so the bytes it gets tell
   * whether the file has exactly that length: a thousand small torrents
   * added at once spent a fifth of their checks' file-system round trips on
   * the stats. A file that is missing, a folder, or of another length is
   * not in place: none of its pieces is had or reported, as in the general
   * way. Any other failure (no permission, a pipe: opened without blocking,
   * it cannot be read at an offset) answers undefined: the general way
   * checks it and reports what it finds, as ever.
   */
  async #checkWholeFile(run: PieceRun, { onPiece, signal }: CheckOptions): Promise<Uint8Array | undefined> {
    // Aborting rejects, as the general way does (checked again after each wait).
    const stopIfAborted = (): void => {
      if (signal?.aborted === true) throw new StorageError('ABORTED', `the check of ${this.torrent.name} was aborted`);
    };
    stopIfAborted();
    const have = new Uint8Array(this.pieceCount);
    const file = this.files[run.file]!;
    const buffer = this.#runBuffer(run.bytes + 1);
    try {
      let got = 0;
      try {
        await this.#pool.use(file, 'read', async (fd) => {
          while (got <= run.bytes) {
            const bytesRead = await readAt(fd, buffer, got, run.bytes + 1 - got, run.position + got);
            if (bytesRead === 0) break;
            got += bytesRead;
          }
        });
      } catch (err) {
        return ABSENT.has(StorageError.fromSystem(err, file, 'read').code) ? have : undefined;
      } finally {
        if (got > 0 && this.#sink.listens('file_read')) this.#sink.emit('file_read', { file, length: got });
      }
      if (got !== run.bytes) return have;
      for (let k = 0; k < run.count; k++) {
        stopIfAborted();
        const index = run.first + k;
        const ok = await this.#runPieceMatches(run, buffer, k);
        have[index] = ok ? 1 : 0;
        onPiece?.(index, ok);
      }
      return have;
    } finally {
      this.#hasher.release(buffer);
    }
  }

  /**
   * Reads a run at one go and hashes its pieces here (small pieces, which the
   * hasher hashes on this thread). Returns how many were hashed: all, or none
   * when the read failed (the lanes then read them piece by piece and report
   * what they find as they would).
   */
  async #readRun(run: PieceRun, judge: RunJudge): Promise<number> {
    const buffer = this.#runBuffer(run.bytes);
    try {
      const data = buffer.subarray(0, run.bytes);
      try {
        await this.#readSegments([{ file: run.file, fileOffset: run.position, length: run.bytes, rangeOffset: 0 }], data);
      } catch (err) {
        if (err instanceof StorageError) return 0;
        throw err;
      }
      for (let k = 0; k < run.count; k++) judge(run.first + k, await this.#runPieceMatches(run, data, k));
      return run.count;
    } finally {
      this.#hasher.release(buffer);
    }
  }

  /** A pooled buffer for a run read at one go, of the next power of two: a thousand small torrents checked reuse a few sizes, not a thousand. */
  #runBuffer(bytes: number): Buffer {
    return this.#hasher.allocate(2 ** Math.ceil(Math.log2(bytes)));
  }

  /** Whether the k-th piece of a run, read at one go into `data` (from its start), hashes right. */
  #runPieceMatches(run: PieceRun, data: Uint8Array, k: number): Promise<boolean> {
    const index = run.first + k;
    const at = k * this.layout.pieceLength;
    return this.#matches(index, data.subarray(at, at + this.layout.pieceSize(index)));
  }

  /**
   * Has a hash worker read and hash a run (the file held open meanwhile, one
   * file_read for the bytes); `judge` hears each piece hashed. Returns how
   * many of its pieces were hashed: the rest are left to the caller.
   */
  async #hashRun(run: PieceRun, judge: RunJudge): Promise<number> {
    const file = this.files[run.file]!;
    const { pieceLength } = this.layout;
    const { digests, done } = await this.#pool
      .use(file, 'read', (fd) => this.#hasher.hashFileRun({ fd, position: run.position, pieceLength, count: run.count, lastLength: run.lastLength }))
      .catch((err: unknown) => {
        throw StorageError.fromSystem(err, file, 'read');
      });
    const bytes = done === 0 ? 0 : done === run.count ? run.bytes : done * pieceLength;
    if (bytes > 0 && this.#sink.listens('file_read')) this.#sink.emit('file_read', { file, length: bytes });
    for (let k = 0; k < done; k++) judge(run.first + k, this.layout.hashMatches(run.first + k, digests, 20 * k));
    return done;
  }

  /** Reads and hashes pieces first..last on parallel lanes, each holding one piece buffer. */
  #forEachPiece(first: number, last: number, parallel: number | undefined, visit: (index: number, buffer: () => Buffer) => Promise<void>): Promise<void> {
    return forEachPiece({
      first,
      last,
      parallel: this.#lanes(parallel),
      allocate: () => this.#hasher.allocate(this.layout.pieceLength),
      release: (buffer) => this.#hasher.release(buffer),
      visit,
    });
  }

  get #writes(): WriteState {
    const count = this.files.length;
    return (this.#writeState ??= { unsynced: new Uint8Array(count), writtenSinceSync: new Float64Array(count), syncing: new Uint8Array(count) });
  }

  get #cache(): PieceCache {
    return (this.#pieceCache ??= new PieceCache(this.#readCacheBytes, this.layout.pieceLength));
  }

  /** Lanes of a check, each holding one piece (or one run read here) in memory: bounded to CHECK_MEMORY_BYTES. */
  #lanes(parallel: number | undefined): number {
    const byMemory = Math.max(1, Math.floor(CHECK_MEMORY_BYTES / Math.max(this.layout.pieceLength, RUN_BYTES)));
    return Math.max(1, Math.min(parallel ?? 2 * this.#hasher.maxWorkers + 2, byMemory));
  }

  /**
   * A read begun at `stamp` failed: the file's cached pieces are stale, and
   * the failure is reported unless it belongs to a burst already reported.
   */
  #readFailed(error: StorageError, stamp: number): StorageError {
    const file = error.file instanceof StorageFile ? error.file : undefined;
    if (file === undefined) return error;
    this.#forgetFile(file.index);
    if (!this.#readFailures.failed(file.index, stamp)) return error;
    (this.#burstOpeners ??= new WeakSet()).add(error);
    return this.#report(error);
  }

  /** Drops the cached pieces holding bytes of a file (it changed on disk). */
  #forgetFile(fileIndex: number): void {
    const range = this.layout.piecesOfFile(fileIndex);
    if (range === undefined) return;
    const cache = this.#pieceCache;
    if (cache === undefined) return;
    for (let index = range.first; index <= range.last; index++) cache.invalidate(index);
  }

  /**
   * Per file: fileOk 1 when it exists with the right length, trusted 1 when
   * besides its size and mtime are those of `resume` (zero-length and padding
   * files always pass both: nothing of them is stored).
   */
  async #filesInPlace(resume?: ResumeData): Promise<{ fileOk: Uint8Array; trusted: Uint8Array }> {
    const fileOk = new Uint8Array(this.files.length);
    const trusted = new Uint8Array(this.files.length);
    await Promise.all(
      this.files.map(async (file) => {
        if (file.length === 0 || file.padding) {
          fileOk[file.index] = 1;
          trusted[file.index] = 1;
          return;
        }
        const stats = await file.stat();
        const ok = stats !== undefined && stats.isFile() && stats.size === file.length;
        fileOk[file.index] = ok ? 1 : 0;
        const saved = resume?.files[file.index];
        trusted[file.index] = ok && saved !== undefined && saved.size === file.length && saved.mtimeMs === Math.trunc(stats.mtimeMs) ? 1 : 0;
      }),
    );
    return { fileOk, trusted };
  }

  /**
   * Where each file stands for resume data, once the writes under way have
   * finished and the files' bytes are synced to disk: size and mtime as the
   * last write left them (size -1 for a file not on disk). Files this
   * storage never wrote are not synced: a check only read them (a thousand
   * torrents checked at start would otherwise sync a thousand files).
   */
  stampFiles(): Promise<FileStamp[]> {
    return this.#track(async () => {
      await this.flush();
      return Promise.all(
        this.files.map(async (file) => {
          if (file.length === 0 || file.padding) return { size: file.length, mtimeMs: 0 };
          const writes = this.#writeState;
          if (writes !== undefined && writes.unsynced[file.index] === 1) {
            // Cleared first: a write landing during the sync marks the file again for the next stamp.
            writes.unsynced[file.index] = 0;
            await syncFile(file.absolutePath).catch((err: unknown) => {
              writes.unsynced[file.index] = 1;
              throw err;
            });
          }
          return stampFile(file.absolutePath);
        }),
      );
    });
  }

  /** A lease of a block of piece `index` once the piece is read (one read for every reader waiting on it). */
  async #leaseRead(index: number, begin: number, length: number): Promise<BlockLease> {
    const reading = this.#pieceRead(index);
    reading.waiters++;
    const piece = await reading.piece;
    return this.#cache.lease(piece, begin, length, true);
  }

  /** The read of piece `index` under way, or a new one; it takes a pin for each waiter the moment it arrives. */
  #pieceRead(index: number): { readonly piece: Promise<CachedPiece>; waiters: number } {
    const under = this.#pieceReads?.get(index);
    if (under !== undefined) return under;
    const generation = this.#cache.generation(index);
    const stamp = this.#readFailures.stamp();
    const buffer = this.#cache.allocate(this.layout.pieceSize(index));
    const reading = {
      waiters: 0,
      piece: this.#readSegments(this.layout.segments(index, 0, buffer.data.length), buffer.data)
        .then(
          () => {
            // Readers from now on find it cached; those that waited are pinned in the same step.
            this.#pieceReads?.delete(index);
            const piece = this.#cache.set(index, buffer, generation);
            this.#cache.pin(piece, reading.waiters);
            return piece;
          },
          (err: StorageError) => {
            this.#pieceReads?.delete(index);
            // A read ahead that nobody waited for reports nothing: the read that needs the piece reads (and reports) again.
            throw reading.waiters > 0 ? this.#readFailed(err, stamp) : err;
          },
        ),
    };
    (this.#pieceReads ??= new Map()).set(index, reading);
    return reading;
  }

  /** Reads the segments into `out` (at their range offsets). Rejects with an unreported StorageError. */
  async #readSegments(segments: readonly Segment[], out: Uint8Array): Promise<void> {
    for (const segment of segments) {
      const file = this.files[segment.file];
      if (file.padding) {
        out.fill(0, segment.rangeOffset, segment.rangeOffset + segment.length);
        continue;
      }
      let done = 0;
      try {
        await this.#pool.use(file, 'read', async (fd) => {
          while (done < segment.length) {
            const bytesRead = await readAt(fd, out, segment.rangeOffset + done, segment.length - done, segment.fileOffset + done);
            if (bytesRead === 0) {
              throw new StorageError('SHORT_READ', `cannot read ${file.absolutePath}: it ends before byte ${segment.fileOffset + segment.length}`, {
                file,
                operation: 'read',
              });
            }
            done += bytesRead;
          }
        });
      } catch (err) {
        throw StorageError.fromSystem(err, file, 'read');
      } finally {
        if (done > 0 && this.#sink.listens('file_read')) this.#sink.emit('file_read', { file, length: done });
      }
    }
  }

  async #writeSegment(segment: Segment, data: Uint8Array): Promise<void> {
    const file = this.files[segment.file];
    if (file.padding) return;
    this.#writes.unsynced[file.index] = 1;
    let done = 0;
    try {
      await this.#pool.use(file, 'write', async (fd) => {
        while (done < segment.length) {
          const bytesWritten = await writeAt(fd, data, segment.rangeOffset + done, segment.length - done, segment.fileOffset + done);
          if (bytesWritten === 0) throw new Error('the system wrote nothing');
          done += bytesWritten;
        }
      });
    } catch (err) {
      throw this.#report(StorageError.fromSystem(err, file, 'write'));
    } finally {
      // What went in before a failure was written too.
      if (done > 0) this.#wrote(file, done);
    }
  }

  /**
   * Bytes of ours went into `file` (by us, or by the hash worker that
   * verified them): file_write tells it, and past syncAheadBytes since its last
   * sync began, a background sync starts, so that the sync stampFiles needs
   * before resume data is saved (at the latest when the torrent completes)
   * finds little left to flush: a download otherwise ended waiting for the
   * disk to take all of it (a third of a second for 512 MiB here). Best
   * effort: stampFiles still syncs, and reports a failure.
   */
  #wrote(file: StorageFile, bytes: number): void {
    if (this.#sink.listens('file_write')) this.#sink.emit('file_write', { file, length: bytes });
    const writes = this.#writes;
    const since = (writes.writtenSinceSync[file.index] += bytes);
    if (since < this.#syncAheadBytes || writes.syncing[file.index] === 1 || this.#closed) return;
    writes.writtenSinceSync[file.index] = 0;
    writes.syncing[file.index] = 1;
    this.#track(() => this.#pool.use(file, 'write', (fd) => datasyncFd(fd)))
      .catch(() => undefined)
      .finally(() => (writes.syncing[file.index] = 0));
  }

  /** Fires file_error for a failure on a file; returns the error to throw. */
  #report(error: StorageError): StorageError {
    if (error.file !== undefined) this.#sink.emit('file_error', { file: error.file, torrent: this.torrent, error });
    return error;
  }

  #track<T>(operation: () => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new StorageError('CLOSED', `the storage of ${this.torrent.name} is closed`));
    const promise = operation();
    const pending = (this.#pending ??= new Set());
    pending.add(promise);
    const forget = (): void => {
      pending.delete(promise);
      if (pending.size === 0 && this.#pending === pending) this.#pending = undefined;
    };
    promise.then(forget, forget);
    return promise;
  }

  #fileAt(index: number): StorageFile {
    const file = this.files[index];
    if (file === undefined) throw new StorageError('OUT_OF_RANGE', `there is no file ${index} (${this.files.length} files)`);
    return file;
  }
}
