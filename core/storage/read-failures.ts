// Which failed reads are news. When a file is truncated or deleted under a
// seeder, every read of it fails, often many at once (one per peer asking);
// the first failure is reported and the others belong to the same burst,
// which lasts until the file has been checked again. A read that began before
// that check finished is still part of the burst: it saw the old file.

export class ReadFailureBursts {
  readonly #fileCount: number;
  /**
   * Per file: a failure was reported and the file is not checked since
   * (open), and the sequence number at which its last check finished
   * (checkedAt). Made on the first failure or check: most torrents never
   * see one.
   */
  #files: { readonly open: Uint8Array; readonly checkedAt: Float64Array } | undefined;
  #sequence = 0;

  constructor(fileCount: number) {
    this.#fileCount = fileCount;
  }

  get #perFile(): { readonly open: Uint8Array; readonly checkedAt: Float64Array } {
    return (this.#files ??= { open: new Uint8Array(this.#fileCount), checkedAt: new Float64Array(this.#fileCount) });
  }

  /** Call when a read begins; hand the stamp back to failed(). */
  stamp(): number {
    return ++this.#sequence;
  }

  /** A read that began at `stamp` failed on `file`: true when this starts a new burst (report it). */
  failed(file: number, stamp: number): boolean {
    const { open, checkedAt } = this.#perFile;
    if (open[file] === 1 || stamp < checkedAt[file]) return false;
    open[file] = 1;
    return true;
  }

  /** The file was checked again: its next failure is news. */
  checked(file: number): void {
    const { open, checkedAt } = this.#perFile;
    open[file] = 0;
    checkedAt[file] = ++this.#sequence;
  }
}
