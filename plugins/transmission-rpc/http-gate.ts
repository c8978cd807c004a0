// What every request to the daemon's HTTP server passes before it is
// answered, in this order: the per-address request rate, the Host header
// (against DNS rebinding), then Basic auth with its failed-login limit.
// Refusals are answered here and reported as rpc_refused: a flood once per
// burst, not per request.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Client } from '../../core/index.ts';
import { isIp, normalizeIp } from '../../core/net/address.ts';
import { AddressTable, FLOOD_REPORT_MS, loginLocked, noteFailedLogin, takeRequestToken } from './address-table.ts';
import { credentialsMatch, parseBasicAuth, type Credentials } from './basic-auth.ts';
import type { RpcErrorCode } from './errors.ts';
import type { ResolvedTransmissionRpcOptions } from './generated/options.ts';

export interface Admitted {
  readonly ip: string;
  readonly user: string | undefined;
}

export const REALM = 'swarmhook';

export class HttpGate {
  readonly #client: Client;
  readonly #options: ResolvedTransmissionRpcOptions;
  readonly #addresses: AddressTable;
  readonly #credentials: Credentials | undefined;
  readonly #hosts: ReadonlySet<string>;

  constructor(client: Client, options: ResolvedTransmissionRpcOptions) {
    this.#client = client;
    this.#options = options;
    this.#addresses = new AddressTable(options.maxTrackedAddresses);
    this.#credentials = options.username === '' && options.password === '' ? undefined : { user: options.username, password: options.password };
    this.#hosts = new Set([...options.hostWhitelist, options.host].map((h) => h.toLowerCase()));
  }

  get requiresAuth(): boolean {
    return this.#credentials !== undefined;
  }

  /** The caller, when the request may go on; otherwise the refusal is answered and undefined returned. */
  admit(request: IncomingMessage, response: ServerResponse): Admitted | undefined {
    const now = Date.now();
    const raw = request.socket.remoteAddress ?? '';
    const ip = isIp(raw) ? normalizeIp(raw) : raw;
    const options = this.#options;
    const state = this.#addresses.get(ip, now, options.requestsPerSecond * 2);
    if (!takeRequestToken(state, now, options.requestsPerSecond)) {
      if (now - state.floodReportedAt >= FLOOD_REPORT_MS) {
        state.floodReportedAt = now;
        this.#refused(ip, 'RPC_RATE_LIMITED', `more than ${options.requestsPerSecond} requests per second (reported once per ${FLOOD_REPORT_MS / 1000} s)`);
      }
      answer(response, 429, 'Too many requests', { 'Retry-After': '1' });
      return undefined;
    }
    if (options.hostWhitelist.length > 0) {
      const host = hostName(request.headers.host);
      if (host === undefined || !this.#hosts.has(host)) {
        this.#refused(ip, 'RPC_HOST_NOT_ALLOWED', `Host "${String(request.headers.host).slice(0, 100)}" is not in hostWhitelist`);
        answer(response, 421, 'Host not allowed: add it to the transmission-rpc hostWhitelist option');
        return undefined;
      }
    }
    const expected = this.#credentials;
    if (expected === undefined) return { ip, user: undefined };
    const given = parseBasicAuth(request.headers.authorization);
    if (loginLocked(state, now, options.maxFailedLogins, options.loginWindowMs)) {
      if (given !== undefined) this.#refused(ip, 'RPC_LOGIN_LOCKED', `${options.maxFailedLogins} failed logins; refused until ${options.loginWindowMs / 1000} s have passed`);
      answer(response, 429, 'Too many failed logins', { 'Retry-After': String(Math.ceil(options.loginWindowMs / 1000)) });
      return undefined;
    }
    if (given === undefined) {
      answer(response, 401, 'Unauthorized', { 'WWW-Authenticate': `Basic realm="${REALM}", charset="UTF-8"` });
      return undefined;
    }
    if (!credentialsMatch(given, expected)) {
      const failed = noteFailedLogin(state);
      this.#refused(ip, 'RPC_AUTH_FAILED', `wrong user name or password for "${given.user.slice(0, 64)}" (${failed} of ${options.maxFailedLogins} allowed in ${options.loginWindowMs / 1000} s)`);
      answer(response, 401, 'Unauthorized', { 'WWW-Authenticate': `Basic realm="${REALM}", charset="UTF-8"` });
      return undefined;
    }
    return { ip, user: given.user };
  }

  #refused(ip: string, code: RpcErrorCode, reason: string): void {
    this.#client.emit('rpc_refused', { ip, code, reason });
  }
}

/** The host name of a Host header, lower case, without port or IPv6 brackets. */
export function hostName(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const h = header.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(h);
  if (bracketed !== null) return bracketed[1];
  return h.replace(/:\d+$/, '');
}

/** A short plain-text answer. */
export function answer(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  response.end(`${text}\n`);
}
