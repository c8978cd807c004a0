// How many connections each remote IP holds (dials in progress, sockets
// awaiting a handshake and established peers, over all torrents), so that one
// address cannot take more than its share (limits.maxConnectionsPerIp).
import { isIp, normalizeIp } from './address.ts';

/** The key an address is counted under: canonical, an IPv4-mapped IPv6 address counted as IPv4. */
export function ipKey(ip: string): string {
  return isIp(ip) ? normalizeIp(ip) : ip;
}

export class IpConnections {
  readonly #max: number;
  readonly #counts = new Map<string, number>();

  constructor(maxPerIp: number) {
    this.#max = maxPerIp;
  }

  get maxPerIp(): number {
    return this.#max;
  }

  /** Connections counted for this address. */
  count(ip: string): number {
    return this.#counts.get(ipKey(ip)) ?? 0;
  }

  /** Counts one more connection for `ip` unless it holds its maximum already; returns whether it was counted. */
  tryAdd(ip: string): boolean {
    const key = ipKey(ip);
    const n = this.#counts.get(key) ?? 0;
    if (n >= this.#max) return false;
    this.#counts.set(key, n + 1);
    return true;
  }

  /** Forgets one connection of `ip` (the entry goes when it reaches zero, so the map holds live addresses only). */
  remove(ip: string): void {
    const key = ipKey(ip);
    const n = this.#counts.get(key) ?? 0;
    if (n <= 1) this.#counts.delete(key);
    else this.#counts.set(key, n - 1);
  }

  /** Addresses with at least one connection. */
  get size(): number {
    return this.#counts.size;
  }
}
