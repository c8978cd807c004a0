// One file of a running torrent as an application drives it: its progress,
// its priority (changeable while the torrent runs) and streams of its bytes.
// The torrent's files (swarm-files.ts) do the work; this is the face.
import type { FileReadStream, ReadRange } from './file-stream.ts';
import type { FilePriority } from './file-priorities.ts';
import type { TorrentFile } from '../types.ts';

/** What a file asks of its torrent's files. */
export interface FileOwner {
  verifiedBytes(index: number): number;
  priorityOf(index: number): FilePriority;
  setPriority(index: number, priority: FilePriority): void;
  createReadStream(index: number, range: ReadRange): FileReadStream;
}

export class SwarmFile implements TorrentFile {
  /** Position in the torrent's file list. */
  readonly index: number;
  readonly path: string;
  readonly absolutePath: string;
  readonly length: number;
  readonly offset: number;
  readonly #owner: FileOwner;

  constructor(owner: FileOwner, file: TorrentFile & { readonly index: number }) {
    this.#owner = owner;
    this.index = file.index;
    this.path = file.path;
    this.absolutePath = file.absolutePath;
    this.length = file.length;
    this.offset = file.offset;
  }

  /** The last part of the path. */
  get name(): string {
    return this.path.slice(this.path.lastIndexOf('/') + 1);
  }

  /** Bytes of this file in verified pieces. */
  get downloaded(): number {
    return this.#owner.verifiedBytes(this.index);
  }

  /** Fraction of the file verified, 0..1 (1 for an empty file). */
  get progress(): number {
    return this.length === 0 ? 1 : this.downloaded / this.length;
  }

  get priority(): FilePriority {
    return this.#owner.priorityOf(this.index);
  }

  /**
   * Changes the priority while the torrent runs: `skip` stops requesting the
   * pieces only this file needs; any other starts fetching them, higher
   * priorities first.
   */
  setPriority(priority: FilePriority): this {
    this.#owner.setPriority(this.index, priority);
    return this;
  }

  /** Downloads the file (at `normal` unless given another priority). */
  select(priority: Exclude<FilePriority, 'skip'> = 'normal'): this {
    return this.setPriority(priority);
  }

  /** Stops downloading the file (priority `skip`); what is verified stays. */
  deselect(): this {
    return this.setPriority('skip');
  }

  /**
   * A Readable of bytes `start` to `end` (inclusive) of the file, whether or
   * not they are downloaded yet: missing pieces just ahead of the reader are
   * requested first, and bytes are given only once their piece is verified.
   * Reading a skipped file selects it (priority `normal`).
   */
  createReadStream(range: ReadRange = {}): FileReadStream {
    return this.#owner.createReadStream(this.index, range);
  }
}
