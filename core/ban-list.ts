// The ban list: addresses the engine refuses to talk to, for one torrent or
// for the whole client, until a time or for the client's life. Plugins decide
// whom to ban (through the ban_peer policy hook); this list only remembers.
//
// Addresses are kept in canonical form (core/net/address.ts), so that an IPv4
// peer seen as ::ffff:1.2.3.4 on a dual-stack socket is the same 1.2.3.4.
// A web seed is banned by its URL, which is kept as given.
import { CodedError } from './errors.ts';
import { normalizeIp } from './net/index.ts';
import type { Torrent } from './types.ts';

/** 'torrent': refused for one torrent only; 'client': refused for every torrent. */
export type BanScope = 'torrent' | 'client';

export interface BanEntry {
  /** Canonical IP address, or a web seed's URL. */
  readonly ip: string;
  /** Hex info hash of the torrent the ban applies to; undefined for a client-wide ban. */
  readonly infoHash: string | undefined;
  readonly reason: string;
  /** Epoch ms at which the ban ends; undefined: for the client's life. */
  readonly until: number | undefined;
  /** Epoch ms at which the ban was made. */
  readonly at: number;
}

export interface AddBanOptions {
  /** The torrent's hex info hash; absent for a client-wide ban. */
  readonly infoHash?: string | undefined;
  readonly reason: string;
  /** How long the ban lasts; absent: for the client's life. */
  readonly durationMs?: number | undefined;
}

export interface BanListOptions {
  /** Clock, epoch ms; tests pass their own. Default Date.now. */
  readonly now?: () => number;
  /** Most entries kept; beyond it the oldest ban is forgotten. Default 65536. */
  readonly maxEntries?: number;
}

export type BanErrorCode = 'INVALID_BAN_ADDRESS' | 'INVALID_BAN_DURATION' | 'INVALID_BAN_SCOPE';

export class BanError extends CodedError<BanErrorCode> {}

export const DEFAULT_MAX_BANS = 65536;

// A client-wide ban and a torrent's ban of the same address live side by side.
const CLIENT_WIDE = '*';

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Canonical key of an address: an IP literal in canonical form, a URL as it
 * is. Anything else is refused with BanError INVALID_BAN_ADDRESS.
 */
export function banKey(ip: string): string {
  try {
    return normalizeIp(ip);
  } catch {
    if (URL_LIKE.test(ip)) return ip;
    throw new BanError('INVALID_BAN_ADDRESS', `cannot ban ${JSON.stringify(ip)}: it is neither an IP address nor a URL`);
  }
}

/** Canonical key, or undefined for text that is neither an IP nor a URL (never banned). */
function lookupKey(ip: string): string | undefined {
  try {
    return banKey(ip);
  } catch {
    return undefined;
  }
}

export class BanList {
  // ip -> (info hash or CLIENT_WIDE) -> entry. Map order is insertion order: the oldest first.
  readonly #byIp = new Map<string, Map<string, BanEntry>>();
  #size = 0;
  readonly #now: () => number;
  readonly #maxEntries: number;

  constructor(options: BanListOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#maxEntries = options.maxEntries ?? DEFAULT_MAX_BANS;
  }

  /** Entries in force (expired ones are dropped first). */
  get size(): number {
    this.#prune();
    return this.#size;
  }

  /**
   * Bans an address for a torrent (infoHash given) or for the client. A ban
   * of the same address with the same scope is replaced: reason and end are
   * the new ones.
   */
  add(ip: string, options: AddBanOptions): BanEntry {
    const key = banKey(ip);
    const { durationMs } = options;
    if (durationMs !== undefined && !(Number.isFinite(durationMs) && durationMs > 0)) {
      throw new BanError('INVALID_BAN_DURATION', `ban duration must be a positive number of ms, got ${durationMs}`);
    }
    const at = this.#now();
    const infoHash = options.infoHash?.toLowerCase();
    const entry: BanEntry = Object.freeze({
      ip: key,
      infoHash,
      reason: options.reason,
      until: durationMs === undefined ? undefined : at + durationMs,
      at,
    });
    let scopes = this.#byIp.get(key);
    if (scopes === undefined) {
      scopes = new Map();
      this.#byIp.set(key, scopes);
    } else {
      // Re-inserted at the end, so that the newest ban is the last forgotten.
      this.#byIp.delete(key);
      this.#byIp.set(key, scopes);
    }
    const scope = infoHash ?? CLIENT_WIDE;
    if (!scopes.delete(scope)) this.#size++;
    scopes.set(scope, entry);
    this.#enforceCap();
    return entry;
  }

  /**
   * The ban in force on this address: the client-wide one, else (infoHash
   * given) the torrent's. Undefined when it is not banned.
   */
  get(ip: string, infoHash?: string): BanEntry | undefined {
    if (this.#size === 0) return undefined;
    const key = lookupKey(ip);
    if (key === undefined) return undefined;
    const scopes = this.#byIp.get(key);
    if (scopes === undefined) return undefined;
    const now = this.#now();
    const wide = this.#live(key, scopes, CLIENT_WIDE, now);
    if (wide !== undefined || infoHash === undefined) return wide;
    return this.#live(key, scopes, infoHash.toLowerCase(), now);
  }

  /** Is this address banned client-wide, or (infoHash given) from that torrent? */
  has(ip: string, infoHash?: string): boolean {
    return this.get(ip, infoHash) !== undefined;
  }

  /**
   * Lifts bans of an address: every one (infoHash absent), or only the ban
   * for that torrent (infoHash given, or null for the client-wide ban).
   * Returns how many were lifted.
   */
  remove(ip: string, infoHash?: string | null): number {
    const key = lookupKey(ip);
    if (key === undefined) return 0;
    const scopes = this.#byIp.get(key);
    if (scopes === undefined) return 0;
    let removed = 0;
    if (infoHash === undefined) {
      removed = scopes.size;
      scopes.clear();
    } else if (scopes.delete(infoHash === null ? CLIENT_WIDE : infoHash.toLowerCase())) {
      removed = 1;
    }
    this.#size -= removed;
    if (scopes.size === 0) this.#byIp.delete(key);
    return removed;
  }

  clear(): void {
    this.#byIp.clear();
    this.#size = 0;
  }

  /** Every ban in force, oldest first. */
  list(): BanEntry[] {
    this.#prune();
    const out: BanEntry[] = [];
    for (const scopes of this.#byIp.values()) out.push(...scopes.values());
    return out.sort((a, b) => a.at - b.at);
  }

  #live(key: string, scopes: Map<string, BanEntry>, scope: string, now: number): BanEntry | undefined {
    const entry = scopes.get(scope);
    if (entry === undefined) return undefined;
    if (entry.until === undefined || entry.until > now) return entry;
    scopes.delete(scope);
    this.#size--;
    if (scopes.size === 0) this.#byIp.delete(key);
    return undefined;
  }

  #prune(): void {
    const now = this.#now();
    for (const [key, scopes] of this.#byIp) {
      for (const scope of [...scopes.keys()]) this.#live(key, scopes, scope, now);
    }
  }

  #enforceCap(): void {
    if (this.#size <= this.#maxEntries) return;
    this.#prune();
    while (this.#size > this.#maxEntries) {
      const [key, scopes] = this.#byIp.entries().next().value as [string, Map<string, BanEntry>];
      const [scope] = scopes.keys();
      scopes.delete(scope!);
      this.#size--;
      if (scopes.size === 0) this.#byIp.delete(key);
    }
  }
}

/** Options of client.banPeer. */
export interface BanPeerOptions {
  /** The torrent the address misbehaved in; peer_ban names it. Needed for scope 'torrent'. */
  readonly torrent?: Torrent | undefined;
  /** Why, for peer_ban and the disconnect reason. Default "banned by the user". */
  readonly reason?: string | undefined;
  /** How long the ban lasts in ms; absent: for the client's life. */
  readonly durationMs?: number | undefined;
  /** Default: 'torrent' when a torrent is given, else 'client'. */
  readonly scope?: BanScope | undefined;
}
