// Open file handles shared by all reads and writes of a storage (or of all a
// client's storages: one budget of handles, not one per torrent), opened on
// first use and bounded in number: when the bound is reached the least
// recently used idle handle is closed. A handle that failed is dropped, so the
// next use opens the file afresh (after the user fixed the cause).
import type { EventSink } from '../hooks.ts';
import { closeFd } from './fd-io.ts';
import type { FileAccess, OpenMode, StorageFile } from './file.ts';

interface Entry {
  readonly file: StorageFile;
  /** The open descriptor (closed by the pool). */
  fd: number | undefined;
  mode: OpenMode | undefined;
  /** Settles when the open in progress succeeded or failed. */
  opening: Promise<void> | undefined;
  /** Operations using the handle right now; it is closed only when 0. */
  users: number;
  /** Dropped after a failure: closed as soon as its users are done, never reused. */
  discarded: boolean;
  /** A writer waits to reopen this read-only handle: new readers wait too, so it is not starved. */
  draining: boolean;
}

export const DEFAULT_MAX_OPEN_FILES = 64;

export class HandlePool {
  readonly maxOpen: number;
  readonly #sink: EventSink;
  /** Usable entries by file, least recently used first (Map keeps insertion order). */
  readonly #entries = new Map<StorageFile, Entry>();
  /** Handles open or being opened, including discarded ones still in use. */
  #live = 0;
  #waiters: (() => void)[] = [];
  /**
   * Operations waiting for a handle slot (the pool is full, every handle in
   * use): one is woken per slot freed, not all of them, or a thousand
   * torrents checking at once wake each other a million times.
   */
  readonly #slotWaiters: (() => void)[] = [];

  constructor(sink: EventSink, maxOpen: number = DEFAULT_MAX_OPEN_FILES) {
    if (!Number.isInteger(maxOpen) || maxOpen < 1) throw new RangeError(`maxOpenFiles must be a positive integer, not ${maxOpen}`);
    this.maxOpen = maxOpen;
    this.#sink = sink;
  }

  /** Handles open (or opening) right now. */
  get openCount(): number {
    return this.#live;
  }

  /**
   * Runs `fn` with an open descriptor of `file` (opened for `access` if
   * needed), valid until `fn` settles; `fn` must not close it. If `fn` or the
   * open fails, the handle is dropped and the error rethrown.
   */
  async use<T>(file: StorageFile, access: FileAccess, fn: (fd: number) => Promise<T>): Promise<T> {
    const entry = await this.#acquire(file, access);
    try {
      return await fn(entry.fd!);
    } catch (err) {
      this.#discard(entry);
      throw err;
    } finally {
      entry.users--;
      if (entry.users === 0) {
        if (entry.discarded) void this.#close(entry);
        else {
          this.#notify();
          // An idle handle is one a waiter for a slot can close.
          this.#slotWaiters.shift()?.();
        }
      }
    }
  }

  /**
   * Forgets the handle of `file` so that its next use opens the file afresh
   * (it may have been deleted or replaced on disk since). Operations using the
   * old handle finish with it; it is closed after them.
   */
  reopen(file: StorageFile): void {
    const entry = this.#entries.get(file);
    if (entry === undefined || entry.opening !== undefined) return;
    this.#discard(entry);
    if (entry.users === 0) void this.#close(entry);
  }

  /** Closes every handle, waiting for operations in progress to finish with theirs. */
  async closeAll(): Promise<void> {
    while (this.#live > 0) {
      const idle = [...this.#entries.values()].filter((e) => e.users === 0 && e.opening === undefined);
      if (idle.length > 0) await Promise.all(idle.map((e) => this.#close(e)));
      else await this.#changed();
    }
  }

  /**
   * Closes the handles of these files (one storage's, in a pool the client's
   * storages share), waiting for operations in progress to finish with them.
   */
  async closeFiles(files: readonly StorageFile[]): Promise<void> {
    const mine = new Set(files);
    for (;;) {
      const entries = [...this.#entries.values()].filter((e) => mine.has(e.file));
      if (entries.length === 0) return;
      const idle = entries.filter((e) => e.users === 0 && e.opening === undefined);
      if (idle.length > 0) await Promise.all(idle.map((e) => this.#close(e)));
      else await this.#changed();
    }
  }

  async #acquire(file: StorageFile, access: FileAccess): Promise<Entry> {
    for (;;) {
      const entry = this.#entries.get(file);
      if (entry !== undefined) {
        if (entry.opening !== undefined) {
          await entry.opening;
          continue;
        }
        if (entry.draining || (access === 'write' && entry.mode === 'r')) {
          // Reopen read-write once the readers are done; readers arriving meanwhile wait for it.
          if (access === 'write') entry.draining = true;
          if (access === 'write' && entry.users === 0) return this.#reopenForWriting(entry);
          await this.#changed();
          continue;
        }
        entry.users++;
        this.#entries.delete(file);
        this.#entries.set(file, entry);
        return entry;
      }
      if (this.#live >= this.maxOpen) {
        const victim = this.#leastRecentlyUsedIdle();
        if (victim !== undefined) await this.#close(victim);
        else await new Promise<void>((resolve) => this.#slotWaiters.push(resolve));
        continue;
      }
      return this.#open(file, access);
    }
  }

  async #open(file: StorageFile, access: FileAccess): Promise<Entry> {
    const entry: Entry = {
      file,
      fd: undefined,
      mode: undefined,
      opening: undefined,
      users: 0,
      discarded: false,
      draining: false,
    };
    let settle = (): void => {};
    entry.opening = new Promise((resolve) => (settle = resolve));
    this.#entries.set(file, entry);
    this.#live++;
    return this.#fill(entry, access, settle);
  }

  /** Swaps a read-only handle nobody uses for a read-write one, keeping its place in the pool. */
  async #reopenForWriting(entry: Entry): Promise<Entry> {
    let settle = (): void => {};
    entry.opening = new Promise((resolve) => (settle = resolve));
    entry.draining = false;
    const old = entry.fd;
    entry.fd = undefined;
    if (old !== undefined) {
      await closeFd(old).catch(() => {});
      if (this.#sink.listens('file_close')) this.#sink.emit('file_close', { file: entry.file });
    }
    return this.#fill(entry, 'write', settle);
  }

  /** Opens the file into an entry that already holds a slot; on failure the slot is freed. */
  async #fill(entry: Entry, access: FileAccess, settle: () => void): Promise<Entry> {
    try {
      const opened = await entry.file.open(access);
      entry.fd = opened.fd;
      entry.mode = opened.mode;
    } catch (err) {
      if (this.#entries.get(entry.file) === entry) this.#entries.delete(entry.file);
      this.#live--;
      this.#notify();
      this.#slotWaiters.shift()?.();
      throw err;
    } finally {
      entry.opening = undefined;
      settle();
    }
    entry.users++;
    this.#entries.delete(entry.file);
    this.#entries.set(entry.file, entry);
    if (this.#sink.listens('file_open')) this.#sink.emit('file_open', { file: entry.file, mode: entry.mode });
    return entry;
  }

  #leastRecentlyUsedIdle(): Entry | undefined {
    for (const entry of this.#entries.values()) if (entry.users === 0 && entry.opening === undefined) return entry;
    return undefined;
  }

  #discard(entry: Entry): void {
    entry.discarded = true;
    if (this.#entries.get(entry.file) === entry) this.#entries.delete(entry.file);
  }

  async #close(entry: Entry): Promise<void> {
    if (this.#entries.get(entry.file) === entry) this.#entries.delete(entry.file);
    const fd = entry.fd;
    entry.fd = undefined;
    if (fd === undefined) return;
    try {
      await closeFd(fd);
    } catch {
      // The handle is gone either way; a failed close loses no verified data
      // because pieces are verified before they are written.
    }
    this.#live--;
    if (this.#sink.listens('file_close')) this.#sink.emit('file_close', { file: entry.file });
    this.#notify();
    this.#slotWaiters.shift()?.();
  }

  #changed(): Promise<void> {
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  #notify(): void {
    const waiters = this.#waiters;
    if (waiters.length === 0) return;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}
