// Round-trip time and retransmission timeout, as BEP 29 computes them:
//   delta = rtt - packet_rtt; rtt_var += (|delta| - rtt_var) / 4;
//   rtt += (packet_rtt - rtt) / 8; timeout = max(rtt + rtt_var * 4, 500 ms)
// Samples come only from packets sent once (Karn): the ack of a retransmitted
// packet cannot say which copy it answers.

/** BEP 29's floor on the timeout. */
export const MIN_TIMEOUT_MS = 500;
/** The timeout before any sample (BEP 29: 1000 ms). */
export const INITIAL_TIMEOUT_MS = 1000;
/** A timeout that doubles on every expiry stops here. */
export const MAX_TIMEOUT_MS = 60_000;

export class RttEstimator {
  #rtt = 0;
  #rttVar = 0;
  #hasSample = false;
  #timeoutMs = INITIAL_TIMEOUT_MS;

  get rttMs(): number {
    return this.#rtt;
  }

  get timeoutMs(): number {
    return this.#timeoutMs;
  }

  sample(packetRttMs: number): void {
    if (!this.#hasSample) {
      this.#hasSample = true;
      this.#rtt = packetRttMs;
      this.#rttVar = packetRttMs / 2;
    } else {
      const delta = this.#rtt - packetRttMs;
      this.#rttVar += (Math.abs(delta) - this.#rttVar) / 4;
      this.#rtt += (packetRttMs - this.#rtt) / 8;
    }
    this.#timeoutMs = Math.max(this.#rtt + this.#rttVar * 4, MIN_TIMEOUT_MS);
  }

  /** A timeout expired: wait twice as long for the next one. */
  backOff(): void {
    this.#timeoutMs = Math.min(this.#timeoutMs * 2, MAX_TIMEOUT_MS);
  }
}
