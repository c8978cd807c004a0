// When a torrent's resume data is read and saved: read once before the
// startup check; saved every intervalMs while pieces changed, on completion,
// on pause and on close, each time only if what it holds changed since the
// last save (no write when nothing moved: a stop does not touch a finished
// download's folder). Saves never overlap, and a failed load or save is a
// resume_data_error warning, never a failure of the torrent.
import { mkdir, readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { EventSink } from '../hooks.ts';
import { decodeResumeData, encodeResumeData, writeFileAtomic, type FileStamp, type ResumeData } from '../storage/resume-data.ts';
import type { Torrent } from '../types.ts';
import type { ResumeListing } from './resume-listing.ts';
import type { SessionClock } from './session-clock.ts';
import type { TaskSlots } from './task-slots.ts';

/** What the torrent holds at the moment of a save (read before the files are stamped). */
export interface ResumeSnapshot {
  readonly have: Uint8Array;
  readonly paused: boolean;
  readonly uploaded: number;
  readonly downloaded: number;
}

export interface TorrentResumeOptions {
  /** The resume file. */
  readonly path: string;
  readonly torrent: Torrent;
  readonly pieceCount: number;
  readonly fileCount: number;
  readonly sink: EventSink;
  /** Sizes and mtimes of the torrent's files once their writes are on disk (Storage.stampFiles). */
  readonly stampFiles: () => Promise<FileStamp[]>;
  /** Create the resume file's folder when missing (a state folder); false beside the download, whose folder is never recreated. */
  readonly createFolder: boolean;
  /** Ticks at resume.intervalMs for every torrent: a save on each tick while pieces changed; none: no periodic saves (intervalMs 0: on completion, pause and close only). */
  readonly clock: SessionClock | undefined;
  /** The client's slots for resume saves: each holds files open (the temporary file, the files it syncs), so a thousand torrents saving at once would run out of file descriptors. */
  readonly writes: TaskSlots;
  /** The listing of the resume file's folder, when it is a state folder (resume.dir): a file it lacks is not looked for. */
  readonly listing?: ResumeListing | undefined;
}

export class TorrentResume {
  readonly path: string;
  readonly #options: TorrentResumeOptions;
  #snapshot: (() => ResumeSnapshot) | undefined;
  #stopTicking: (() => void) | undefined;
  /** Pieces changed since the last save (or the startup check found what no save holds). */
  #changed = false;
  /** What load() returned. */
  #loaded: ResumeData | undefined;
  /** The paused flag of the last save. */
  #savedPaused: boolean | undefined;
  /** After close(): no more saves (the files are closed). */
  #closed = false;
  /** The save under way; the next one waits for it. */
  #saving: Promise<void> = Promise.resolve();

  constructor(options: TorrentResumeOptions) {
    this.path = options.path;
    this.#options = options;
  }

  /** The resume data to trust, or undefined: none saved yet, or unusable (resume_data_error, then every piece is checked). */
  async load(): Promise<ResumeData | undefined> {
    const { torrent, pieceCount, fileCount } = this.#options;
    let bytes: Buffer;
    try {
      if (this.#options.listing !== undefined && !(await this.#options.listing.mayHold(basename(this.path)))) return undefined;
      bytes = await readFile(this.path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.#warn('load', err);
      return undefined;
    }
    try {
      this.#loaded = decodeResumeData(bytes, { infoHash: torrent.infoHash, pieceCount, fileCount });
      this.#savedPaused = this.#loaded.paused;
      return this.#loaded;
    } catch (err) {
      this.#warn('load', err);
      return undefined;
    }
  }

  /**
   * The startup check is done: saves may begin (before, what the torrent
   * holds is not yet known and would overwrite good data). Saves on each
   * tick of the clock while pieces changed. `checked`: the check hashed pieces (or
   * trusted nothing), so what it found is not what the loaded data says.
   */
  start(snapshot: () => ResumeSnapshot, checked: boolean): void {
    this.#snapshot = snapshot;
    const loaded = this.#loaded;
    if (checked || loaded === undefined || !Buffer.from(loaded.have).equals(snapshot().have)) this.#changed = true;
    this.#stopTimer();
    this.#stopTicking = this.#options.clock?.add(() => {
      if (this.#changed) void this.save();
    });
  }

  /** What the torrent holds changed (a piece stored, or withdrawn by a recheck). */
  changed(): void {
    this.#changed = true;
  }

  /** Saves now if anything changed, after any save under way; resolves when it is on disk or was reported failed. No-op before start(). */
  save(): Promise<void> {
    const snapshot = this.#snapshot;
    if (snapshot === undefined || this.#closed) return this.#saving;
    this.#saving = this.#saving.then(() => this.#write(snapshot));
    return this.#saving;
  }

  /** Saves a last time (when started) and makes later saves no-ops; resolves when that save is done. */
  close(): Promise<void> {
    this.#stopTimer();
    const last = this.save();
    this.#closed = true;
    return last;
  }

  async #write(snapshot: () => ResumeSnapshot): Promise<void> {
    const now = snapshot();
    if (!this.#changed && now.paused === this.#savedPaused) return;
    this.#changed = false;
    // What is had is taken before the files are stamped: a piece written after it is at worst missing from the bitfield, never claimed.
    const have = now.have.slice();
    const { paused, uploaded, downloaded } = now;
    const { torrent } = this.#options;
    try {
      await this.#options.writes.run(async () => {
        const files = await this.#options.stampFiles();
        // Nothing on disk and nothing had (removed before any data came, or its data was deleted): nothing to resume.
        if (files.every((f) => f.size <= 0) && !have.includes(1)) return;
        if (this.#options.createFolder) await mkdir(dirname(this.path), { recursive: true });
        const bytes = encodeResumeData({ infoHash: torrent.infoHash, have, files, paused, uploaded, downloaded });
        await writeFileAtomic(this.path, bytes);
        this.#options.listing?.added(basename(this.path));
        this.#savedPaused = paused;
      });
    } catch (err) {
      this.#changed = true;
      this.#warn('save', err);
    }
  }

  #stopTimer(): void {
    this.#stopTicking?.();
    this.#stopTicking = undefined;
  }

  #warn(operation: 'load' | 'save', err: unknown): void {
    const error = err instanceof Error ? err : new Error(String(err));
    this.#options.sink.emit('resume_data_error', { torrent: this.#options.torrent, path: this.path, operation, error });
  }
}
