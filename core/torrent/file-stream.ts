// A Readable of a byte range of one torrent file that works whether or not
// its pieces are there yet. The pieces just ahead of the reader get deadlines
// (the picker requests them before any other); bytes are read from disk only
// once their piece is verified and stored, so a piece that failed its hash
// check is waited for until a good copy arrives. It holds one chunk at a
// time beyond the Readable's own buffer: memory does not grow with the range
// or with a slow consumer (backpressure).
import { Readable } from 'node:stream';
import type { ReaderDeadlines } from './deadlines.ts';
import type { FileSpan } from './file-priorities.ts';

/** Bytes read from disk per push (at most one piece's remainder). */
export const STREAM_CHUNK_BYTES = 256 * 1024;

/** What a stream needs of its torrent. */
export interface StreamSource {
  readonly pieceLength: number;
  /** The piece is verified and stored. */
  has(index: number): boolean;
  /** Resolves once the piece is verified and stored; rejects when the torrent is removed. `signal` withdraws the wait (it then never settles). */
  whenHave(index: number, signal: AbortSignal): Promise<void>;
  read(index: number, begin: number, length: number): Promise<Buffer>;
  /** This stream's deadlines (released when it ends). */
  readonly deadlines: ReaderDeadlines;
  /** Bytes ahead of the reader whose pieces get deadlines (streaming.readaheadBytes). */
  readonly readaheadBytes: number;
  /** Milliseconds between the deadlines of two pieces in a row (streaming.deadlineStepMs). */
  readonly deadlineStepMs: number;
}

/** Bytes `start` to `end` of a file, both inclusive (as fs.createReadStream). */
export interface ReadRange {
  readonly start?: number;
  readonly end?: number;
}

export class FileReadStream extends Readable {
  readonly #source: StreamSource;
  readonly #file: FileSpan;
  /** Next byte to read, in the file. */
  #pos: number;
  /** Last byte to read, in the file (inclusive). */
  readonly #end: number;
  #pumping = false;
  /** The piece the deadlines were last set from. */
  #windowFrom = -1;
  /** Aborted on destroy: a wait for a piece is withdrawn. */
  readonly #destroying = new AbortController();

  constructor(source: StreamSource, file: FileSpan, range: ReadRange = {}) {
    super();
    const start = range.start ?? 0;
    const end = range.end ?? file.length - 1;
    if (!Number.isSafeInteger(start) || start < 0) throw new RangeError(`stream start ${start} is not a byte offset of the file`);
    if (!Number.isSafeInteger(end) || end >= file.length || end < start - 1) {
      throw new RangeError(`stream end ${end} is not between start - 1 (${start - 1}) and the file's last byte (${file.length - 1})`);
    }
    this.#source = source;
    this.#file = file;
    this.#pos = start;
    this.#end = end;
  }

  /** Bytes not yet pushed. */
  get remaining(): number {
    return this.#end + 1 - this.#pos;
  }

  override _read(): void {
    if (this.#pumping) return;
    this.#pumping = true;
    this.#pump().catch((err: unknown) => {
      this.#pumping = false;
      this.destroy(err instanceof Error ? err : new Error(String(err)));
    });
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#source.deadlines.clear();
    this.#destroying.abort();
    callback(error);
  }

  /** Pushes chunks until the consumer has enough (push false), the range ends, or the stream is destroyed. */
  async #pump(): Promise<void> {
    const source = this.#source;
    const pieceLength = source.pieceLength;
    for (;;) {
      if (this.destroyed) return;
      if (this.#pos > this.#end) {
        source.deadlines.clear();
        this.#pumping = false;
        this.push(null);
        return;
      }
      const at = this.#file.offset + this.#pos;
      const index = Math.floor(at / pieceLength);
      if (index !== this.#windowFrom) this.#setWindow(index);
      if (!source.has(index)) await source.whenHave(index, this.#destroying.signal);
      if (this.destroyed) return;
      const begin = at - index * pieceLength;
      const length = Math.min(this.#end + 1 - this.#pos, pieceLength - begin, STREAM_CHUNK_BYTES);
      // A copy: the storage's read cache reuses its memory, and the consumer may hold the chunk.
      const chunk = Buffer.from(await source.read(index, begin, length));
      if (this.destroyed) return;
      this.#pos += length;
      if (!this.push(chunk)) {
        this.#pumping = false;
        return;
      }
    }
  }

  /** Deadlines for the pieces from `index` over the readahead (at least this one and the next), not beyond the range. */
  #setWindow(index: number): void {
    this.#windowFrom = index;
    const source = this.#source;
    const lastOfRange = Math.floor((this.#file.offset + this.#end) / source.pieceLength);
    const ahead = Math.max(2, Math.ceil(source.readaheadBytes / source.pieceLength));
    const last = Math.min(lastOfRange, index + ahead - 1);
    const now = Date.now();
    const deadlines = new Map<number, number>();
    for (let i = index; i <= last; i++) if (!source.has(i)) deadlines.set(i, now + (i - index) * source.deadlineStepMs);
    source.deadlines.set(deadlines);
  }
}
