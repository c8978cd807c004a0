// One clock for every torrent of a client: a single 1 s interval calls each
// running torrent's tick, instead of two timers per torrent (a thousand
// torrents made a thousand wake-ups a second). The timer runs only while a
// torrent listens, and never keeps the process alive. Work at another pace
// of its own (stats events, periodic resume saves) gets a clock of that
// period, again one timer for every torrent.

/** Called once a period (a second on the session clock) with the clock's count of ticks. */
export type SecondListener = (second: number) => void;

export const TICK_MS = 1000;

export class SessionClock {
  readonly periodMs: number;
  readonly #listeners = new Set<SecondListener>();
  #timer: NodeJS.Timeout | undefined;
  #second = 0;
  /** Handed out in turn, so that work due every N seconds is spread over the N ticks. */
  #nextPhase = 0;

  /** `periodMs`: milliseconds between two ticks (at least 1). */
  constructor(periodMs = TICK_MS) {
    this.periodMs = Math.max(1, periodMs);
  }

  /** Listeners now. */
  get size(): number {
    return this.#listeners.size;
  }

  /** Calls `listener` every period from now on; returns what stops it. */
  add(listener: SecondListener): () => void {
    this.#listeners.add(listener);
    if (this.#timer === undefined) {
      this.#timer = setInterval(() => this.#tick(), this.periodMs);
      this.#timer.unref();
    }
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0 && this.#timer !== undefined) {
        clearInterval(this.#timer);
        this.#timer = undefined;
      }
    };
  }

  /** A phase in 0..period-1 for a listener's every-`period`-seconds work: consecutive callers get consecutive phases. */
  phase(period: number): number {
    return this.#nextPhase++ % period;
  }

  #tick(): void {
    const second = ++this.#second;
    // A Set's iteration skips listeners removed during the round (a torrent a tick stopped).
    for (const listener of this.#listeners) listener(second);
  }
}
