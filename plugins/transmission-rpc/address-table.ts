// What the server remembers per client address (request tokens, failed
// logins), bounded: past maxEntries the least recently seen address is
// forgotten, so a flood from many addresses cannot grow it.

export interface AddressState {
  /** Token bucket of requests. */
  tokens: number;
  refilledAt: number;
  /** Failed logins in the current window, and when the window began. */
  failedLogins: number;
  windowStart: number;
  /** When a flood from this address was last reported (rpc_refused); reported again only FLOOD_REPORT_MS later. */
  floodReportedAt: number;
}

/** A flood is reported at most this often per address, so that reporting it costs less than refusing it. */
export const FLOOD_REPORT_MS = 10_000;

export class AddressTable {
  readonly #entries = new Map<string, AddressState>();
  readonly #maxEntries: number;

  constructor(maxEntries: number) {
    this.#maxEntries = maxEntries;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The address's state, created full of tokens; marks it most recently seen. */
  get(ip: string, now: number, burst: number): AddressState {
    let state = this.#entries.get(ip);
    if (state !== undefined) {
      // Map order is insertion order: re-inserting makes it the newest.
      this.#entries.delete(ip);
    } else {
      state = { tokens: burst, refilledAt: now, failedLogins: 0, windowStart: now, floodReportedAt: -Infinity };
      if (this.#entries.size >= this.#maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
    }
    this.#entries.set(ip, state);
    return state;
  }
}

/** Takes a token for a request; false when the address is over its rate (tokens refill at `perSecond`, up to twice that). */
export function takeRequestToken(state: AddressState, now: number, perSecond: number): boolean {
  const burst = perSecond * 2;
  state.tokens = Math.min(burst, state.tokens + ((now - state.refilledAt) / 1000) * perSecond);
  state.refilledAt = now;
  if (state.tokens < 1) return false;
  state.tokens -= 1;
  return true;
}

/** True while the address has used up its failed logins for the window. */
export function loginLocked(state: AddressState, now: number, maxFailed: number, windowMs: number): boolean {
  if (now - state.windowStart >= windowMs) {
    state.windowStart = now;
    state.failedLogins = 0;
  }
  return state.failedLogins >= maxFailed;
}

export function noteFailedLogin(state: AddressState): number {
  return ++state.failedLogins;
}
