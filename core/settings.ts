// The client's settings: what `.btrc` and `new Client({...})` may set, their
// defaults, and the one function that fills the defaults in. The shapes mirror
// config-schema/btrc.schema.json (test/config.test.ts keeps the two in step).

/** Ports to try in order: a port, a range "6881-6889", or a list of both. 0 lets the system choose. */
export type PortSpec = number | string | readonly (number | string)[];

export interface ListenSettings {
  readonly ports?: PortSpec;
  readonly tcp4?: boolean;
  readonly tcp6?: boolean;
  /** IPv4 address to bind. */
  readonly host4?: string;
  /** IPv6 address to bind. */
  readonly host6?: string;
}

export interface LimitSettings {
  /** Peer connections in all, over all torrents. */
  readonly maxConnections?: number;
  readonly maxConnectionsPerTorrent?: number;
  /** Regular unchoke slots per torrent (the optimistic one comes on top). */
  readonly maxUploadSlots?: number;
  /** Connections from or to one IP address, over all torrents. */
  readonly maxConnectionsPerIp?: number;
  /** Connections not yet handshaken: dials in progress plus accepted sockets awaiting a handshake. */
  readonly maxHalfOpen?: number;
  /** A peer's requests held before serving (libtorrent's max_allowed_in_request_queue). */
  readonly maxQueuedRequestsPerPeer?: number;
  /** Bytes queued on one peer's socket before no more blocks are read for it. */
  readonly maxSendBufferPerPeer?: number;
  /** Bytes queued on all sockets together before no more blocks are read for anyone. */
  readonly maxSendBufferTotal?: number;
  /** Keep-alives and payload-less messages one peer may send per second (over 10 s). */
  readonly maxEmptyMessagesPerSecond?: number;
}

export interface TimeoutSettings {
  readonly connectMs?: number;
  readonly handshakeMs?: number;
  /** A peer silent for this long (no message, not even keep-alive) is dropped. */
  readonly inactivityMs?: number;
  /** A peer neither interesting nor interested, with no block exchanged, for this long is dropped. */
  readonly idleMs?: number;
  /** For an HTTP tracker's whole answer. */
  readonly trackerMs?: number;
}

export interface TrackerSettings {
  /** BEP 15: the n-th retransmission waits udpBaseTimeoutMs * 2^n. */
  readonly udpBaseTimeoutMs?: number;
  readonly udpRetries?: number;
  /** Total time limit of one UDP exchange, retransmissions included. */
  readonly udpTimeoutMs?: number;
}

// ---- resume (fast resume: issue 9 item 5; its own section for an easy merge)

export interface ResumeSettings {
  /** Save resume data and trust it on restart. */
  readonly enabled?: boolean;
  /** Folder for resume files (absolute, or relative like downloadDir); unset: beside each download. */
  readonly dir?: string;
  /** Save every this many ms while pieces changed (besides on completion, pause and stop); 0: only then. */
  readonly intervalMs?: number;
}

/** The resume defaults; `dir` has none (unset: beside each download). */
const DEFAULT_RESUME = Object.freeze({ enabled: true, intervalMs: 60_000 });

/** ResolvedSettings.resume: `dir` stays optional. */
export type ResolvedResumeSettings = Complete<Omit<ResumeSettings, 'dir'>> & { readonly dir?: string };

function resolveResume(s: ResumeSettings | undefined): ResolvedResumeSettings {
  return Object.freeze({ ...DEFAULT_RESUME, ...defined(s) });
}

// ---- end of resume

/** Everything `.btrc` sets besides plugins; also accepted by `new Client()`. */
export interface ClientSettings {
  readonly listen?: ListenSettings;
  /** Start of our peer id, e.g. "-SH0100-"; the rest is random. */
  readonly peerIdPrefix?: string;
  /** Absolute, or relative to the config file's folder (or the working directory without one). */
  readonly downloadDir?: string;
  readonly limits?: LimitSettings;
  readonly timeouts?: TimeoutSettings;
  readonly trackers?: TrackerSettings;
  readonly resume?: ResumeSettings;
}

type Complete<T> = { readonly [K in keyof T]-?: Exclude<T[K], undefined> };

/** Settings with every default filled in and the port spec expanded to a list. */
export interface ResolvedSettings {
  readonly listen: Complete<Omit<ListenSettings, 'ports'>> & { readonly ports: readonly number[] };
  readonly peerIdPrefix: string;
  readonly downloadDir: string;
  readonly limits: Complete<LimitSettings>;
  readonly timeouts: Complete<TimeoutSettings>;
  readonly trackers: Complete<TrackerSettings>;
  readonly resume: ResolvedResumeSettings;
}

export const DEFAULT_SETTINGS = Object.freeze({
  listen: Object.freeze({ ports: '6881-6889', tcp4: true, tcp6: true, host4: '0.0.0.0', host6: '::' }),
  peerIdPrefix: '-SH0100-',
  downloadDir: '.',
  limits: Object.freeze({
    maxConnections: 200,
    maxConnectionsPerTorrent: 50,
    maxUploadSlots: 4,
    maxConnectionsPerIp: 8,
    maxHalfOpen: 50,
    maxQueuedRequestsPerPeer: 2000,
    maxSendBufferPerPeer: 1024 * 1024,
    maxSendBufferTotal: 64 * 1024 * 1024,
    maxEmptyMessagesPerSecond: 20,
  }),
  timeouts: Object.freeze({ connectMs: 10_000, handshakeMs: 10_000, inactivityMs: 120_000, idleMs: 600_000, trackerMs: 15_000 }),
  trackers: Object.freeze({ udpBaseTimeoutMs: 15_000, udpRetries: 8, udpTimeoutMs: 60_000 }),
  resume: DEFAULT_RESUME,
} satisfies Required<ClientSettings>);

/** Expands a port spec to the ports to try, in order, without duplicates. Throws RangeError on a bad spec. */
export function expandPorts(spec: PortSpec): number[] {
  const out = new Set<number>();
  for (const part of typeof spec === 'object' ? spec : [spec]) {
    if (typeof part === 'number') {
      out.add(checkPort(part, String(part)));
      continue;
    }
    const m = /^(\d{1,5})-(\d{1,5})$/.exec(part);
    if (m === null) throw new RangeError(`"${part}" is not a port range like "6881-6889"`);
    const from = checkPort(Number(m[1]), part);
    const to = checkPort(Number(m[2]), part);
    if (from > to) throw new RangeError(`port range "${part}" is empty: ${from} is above ${to}`);
    for (let p = from; p <= to; p++) out.add(p);
  }
  return [...out];
}

function checkPort(port: number, written: string): number {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`port ${written} is outside 0-65535`);
  return port;
}

/** Fills in the defaults. Layers that need a setting call this on client.options. */
export function resolveSettings(s: ClientSettings = {}): ResolvedSettings {
  const d = DEFAULT_SETTINGS;
  const listen = { ...d.listen, ...defined(s.listen) };
  return Object.freeze({
    listen: Object.freeze({ ...listen, ports: Object.freeze(expandPorts(listen.ports)) }),
    peerIdPrefix: s.peerIdPrefix ?? d.peerIdPrefix,
    downloadDir: s.downloadDir ?? d.downloadDir,
    limits: Object.freeze({ ...d.limits, ...defined(s.limits) }),
    timeouts: Object.freeze({ ...d.timeouts, ...defined(s.timeouts) }),
    trackers: Object.freeze({ ...d.trackers, ...defined(s.trackers) }),
    resume: resolveResume(s.resume),
  });
}

/** Drops keys whose value is undefined, so that they do not hide a default. */
function defined<T extends object>(o: T | undefined): Partial<T> {
  if (o === undefined) return {};
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Merges settings section by section; later sources win key by key. */
export function mergeSettings(...sources: (ClientSettings | undefined)[]): ClientSettings {
  const out: { -readonly [K in keyof ClientSettings]: ClientSettings[K] } = {};
  for (const s of sources) {
    if (s === undefined) continue;
    if (s.listen !== undefined) out.listen = { ...out.listen, ...defined(s.listen) };
    if (s.limits !== undefined) out.limits = { ...out.limits, ...defined(s.limits) };
    if (s.timeouts !== undefined) out.timeouts = { ...out.timeouts, ...defined(s.timeouts) };
    if (s.trackers !== undefined) out.trackers = { ...out.trackers, ...defined(s.trackers) };
    if (s.resume !== undefined) out.resume = { ...out.resume, ...defined(s.resume) };
    if (s.peerIdPrefix !== undefined) out.peerIdPrefix = s.peerIdPrefix;
    if (s.downloadDir !== undefined) out.downloadDir = s.downloadDir;
  }
  return out;
}
