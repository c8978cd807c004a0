// What a state folder of resume files holds, listed once for a burst of
// adds. A thousand torrents added at start each looked for a resume file of
// its own, and each look that found none was a failed open (an error object
// made, a thread-pool round trip) on the main thread: 60-80 ms of adding a
// thousand new torrents (bench/scale.ts). One readdir answers them all.
//
// A listing is trusted for LISTING_MS, then made again: it can only miss a
// file another program wrote meanwhile (our own saves are noted), and a
// missed file costs that torrent a full check, never its data.
import { readdir } from 'node:fs/promises';

/** How long a listing answers before the folder is listed again. */
const LISTING_MS = 2000;

export class ResumeListing {
  readonly dir: string;
  /** The names in the folder; undefined when it could not be listed (then every file may be there). */
  #names: Promise<Set<string> | undefined> | undefined;
  #listedAt = 0;

  constructor(dir: string) {
    this.dir = dir;
  }

  /** False only when the folder's listing lacks `name`: no need to try to read it. */
  async mayHold(name: string): Promise<boolean> {
    const now = performance.now();
    if (this.#names === undefined || now - this.#listedAt > LISTING_MS) {
      this.#listedAt = now;
      this.#names = readdir(this.dir).then(
        (names) => new Set(names),
        (err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? new Set<string>() : undefined),
      );
    }
    const names = await this.#names;
    return names === undefined || names.has(name);
  }

  /** We wrote `name` in the folder (a save): a listing under way or made before it holds it from now on. */
  added(name: string): void {
    void this.#names?.then((names) => names?.add(name));
  }
}
