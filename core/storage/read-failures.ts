// Which failed reads are news. When a file is truncated or deleted under a
// seeder, every read of it fails, often many at once (one per peer asking);
// the first failure is reported and the others belong to the same burst,
// which lasts until the file has been checked again. A read that began before
// that check finished is still part of the burst: it saw the old file.

export class ReadFailureBursts {
  /** Per file: a failure was reported and the file is not checked since. */
  readonly #open: Uint8Array;
  /** Per file: the sequence number at which its last check finished. */
  readonly #checkedAt: Float64Array;
  #sequence = 0;

  constructor(fileCount: number) {
    this.#open = new Uint8Array(fileCount);
    this.#checkedAt = new Float64Array(fileCount);
  }

  /** Call when a read begins; hand the stamp back to failed(). */
  stamp(): number {
    return ++this.#sequence;
  }

  /** A read that began at `stamp` failed on `file`: true when this starts a new burst (report it). */
  failed(file: number, stamp: number): boolean {
    if (this.#open[file] === 1 || stamp < this.#checkedAt[file]) return false;
    this.#open[file] = 1;
    return true;
  }

  /** The file was checked again: its next failure is news. */
  checked(file: number): void {
    this.#open[file] = 0;
    this.#checkedAt[file] = ++this.#sequence;
  }
}
