// LEDBAT congestion control (BEP 29): the window grows while the one-way
// delay our packets see stays under the target and shrinks above it, so uTP
// yields to TCP on a shared bottleneck.
//   our_delay = timestamp_difference - base_delay
//   off_target = target - our_delay
//   max_window += 3000 * (off_target / target) * (bytes_acked / max_window)
// The base delay is the smallest timestamp difference over the last two
// minutes (one minimum per minute, so a clock drift or route change ages out).
// Like libtorrent, the window starts in slow start (grows by what is acked)
// until the first loss or until the delay reaches half the target.
import { wrapDiff32 } from './sequence.ts';

/** BEP 29: the delay LEDBAT aims at. */
export const TARGET_DELAY_US = 100_000;
/** BEP 29: the most the window may grow in one round trip. */
export const MAX_CWND_INCREASE_BYTES_PER_RTT = 3000;
const BASE_HISTORY_MINUTES = 2;
const MINUTE_MS = 60_000;

export interface LedbatOptions {
  /** One packet's payload: the window never goes below it. */
  readonly packetSize: number;
  /** The window never grows beyond this (the send buffer's bound). */
  readonly maxWindow: number;
  readonly targetDelayUs?: number;
}

export class Ledbat {
  readonly #packetSize: number;
  readonly #maxWindow: number;
  readonly #target: number;
  #window: number;
  #slowStart = true;
  /** Minimum timestamp difference per minute, newest last. */
  readonly #baseHistory: number[] = [];
  #baseMinuteStart = -Infinity;
  #ourDelayUs = 0;

  constructor(options: LedbatOptions) {
    this.#packetSize = options.packetSize;
    this.#maxWindow = options.maxWindow;
    this.#target = options.targetDelayUs ?? TARGET_DELAY_US;
    // Two packets to start with, as libtorrent (so that an ack is not held up by a delayed-ack peer).
    this.#window = Math.min(2 * options.packetSize, options.maxWindow);
  }

  /** Bytes that may be in flight (before the peer's advertised window is applied). */
  get window(): number {
    return this.#window;
  }

  get slowStart(): boolean {
    return this.#slowStart;
  }

  /** The latest queuing delay estimate in microseconds. */
  get ourDelayUs(): number {
    return this.#ourDelayUs;
  }

  /** The base delay (smallest timestamp difference of the last two minutes), or undefined before any sample. */
  get baseDelay(): number | undefined {
    let base: number | undefined;
    for (const v of this.#baseHistory) if (base === undefined || wrapDiff32(base, v) < 0) base = v;
    return base;
  }

  /** A timestamp difference the remote reported on a packet acknowledging ours (0 = not measured yet: ignored). */
  delaySample(timestampDiffUs: number, nowMs: number): void {
    if (timestampDiffUs === 0) return;
    if (nowMs - this.#baseMinuteStart >= MINUTE_MS || this.#baseHistory.length === 0) {
      this.#baseHistory.push(timestampDiffUs);
      if (this.#baseHistory.length > BASE_HISTORY_MINUTES) this.#baseHistory.shift();
      this.#baseMinuteStart = nowMs;
    } else {
      const last = this.#baseHistory.length - 1;
      if (wrapDiff32(this.#baseHistory[last]!, timestampDiffUs) < 0) this.#baseHistory[last] = timestampDiffUs;
    }
    const base = this.baseDelay!;
    this.#ourDelayUs = Math.max(0, wrapDiff32(base, timestampDiffUs));
  }

  /** Bytes of ours were acknowledged while `inFlight` bytes (counted before this ack) were outstanding. */
  onAck(bytesAcked: number, inFlight: number): void {
    if (bytesAcked <= 0) return;
    const offTarget = (this.#target - this.#ourDelayUs) / this.#target;
    // BEP 29 grows the window only when it was used: with little in flight the window says nothing about the path.
    const windowFactor = bytesAcked / this.#window;
    let gain = MAX_CWND_INCREASE_BYTES_PER_RTT * offTarget * windowFactor;
    if (this.#slowStart) {
      if (this.#ourDelayUs > this.#target / 2) this.#slowStart = false;
      else gain = Math.max(gain, bytesAcked);
    }
    // Not limited by the window (the application had less to send): an unused window says nothing of the path.
    if (inFlight + this.#packetSize < this.#window) gain = Math.min(gain, 0);
    this.#window = clamp(this.#window + gain, this.#packetSize, this.#maxWindow);
  }

  /** A loss seen by duplicate or selective acks: halve the window, leave slow start. */
  onLoss(): void {
    this.#slowStart = false;
    this.#window = clamp(this.#window / 2, this.#packetSize, this.#maxWindow);
  }

  /** A retransmission timeout: back to one packet (BEP 29). */
  onTimeout(): void {
    this.#slowStart = false;
    this.#window = this.#packetSize;
  }
}

function clamp(v: number, min: number, max: number): number {
  return Math.min(Math.max(v, min), max);
}
