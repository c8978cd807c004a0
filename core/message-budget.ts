// How many messages of one kind a peer may send in a window of time (the
// keep-alives and payload-less messages of one connection). Checked on every
// such message, so it is a counter and a start time: no allocation, and the
// clock is read once per `limit` messages, not once per message.
import { performance } from 'node:perf_hooks';

export class MessageBudget {
  /** Messages allowed per window. */
  readonly limit: number;
  readonly windowMs: number;
  #count = 0;
  #windowStart: number;

  /** `perSecond` on average over `windowMs`. */
  constructor(perSecond: number, windowMs: number, now: number = performance.now()) {
    this.limit = Math.max(1, Math.round(perSecond * (windowMs / 1000)));
    this.windowMs = windowMs;
    this.#windowStart = now;
  }

  /**
   * Counts one message; false when more than `limit` arrived since the
   * current window started less than `windowMs` ago. Once the count passes
   * the limit after a full window, a new window starts, so a flood is seen
   * within at most twice the limit.
   */
  take(): boolean {
    if (++this.#count <= this.limit) return true;
    const now = performance.now();
    if (now - this.#windowStart < this.windowMs) return false;
    this.#windowStart = now;
    this.#count = 1;
    return true;
  }
}
