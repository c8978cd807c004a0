// THE hook table: every event of shared/spec/callbacks.txt, its severity, its
// attributes and its message, plus the policy hooks through which plugins make
// the engine's decisions. Everything else fires through this file.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SyncBailHook, SyncHook, SyncWaterfallHook } from 'tapable';
import { formatAddress } from './net/index.ts';
import type { ExtendedHandshake } from './wire/index.ts';
import type {
  Address,
  FilterRule,
  Packet,
  Peer,
  Severity,
  Torrent,
  TorrentFile,
  TorrentState,
  TransportProtocol,
} from './types.ts';

/** Attributes of each event, beyond message/event/severity, named as the spec names them. */
export interface EventAttributes {
  ip_filter: { address: Address; protocol: TransportProtocol; rule: FilterRule };
  /** `listening`: the sockets that did open (possibly none), so that the message can say what goes on. */
  listen_failure: { port: number[]; protocol: TransportProtocol; error?: Error; listening: ListeningSocket[] };
  listen_success: { port: number; protocol: TransportProtocol };
  peer_id: { peer: Peer; peer_id: string };
  peer_handshake_complete: { peer: Peer };
  peer_disconnect: { peer: Peer; reason: string };
  peer_data_in: { peer: Peer; length: number };
  peer_data_out: { peer: Peer; length: number };
  peer_packet_out: { peer: Peer; packet: Packet };
  peer_packet_in: { peer: Peer; packet: Packet };
  file_error: { file: TorrentFile; torrent: Torrent; error: Error };
  file_open: { file: TorrentFile; mode: 'r' | 'r+' | 'w+' };
  file_close: { file: TorrentFile };
  file_write: { file: TorrentFile; length: number };
  file_read: { file: TorrentFile; length: number };
  tracker_announce: { torrent: Torrent; url: string; announce_event: AnnounceEvent };
  tracker_failure: { torrent: Torrent; url: string; times_in_row: number; status_code: number; reason: string };
  tracker_success: { torrent: Torrent; url: string; peer_count: number; interval: number };
  tracker_warning: { torrent: Torrent; url: string; warning: string };
  url_seed: { url: string; torrent?: Torrent; reason: string };
  /** In piece_hash_failed and piece_hash_passed, `data` (the piece's bytes) is valid during the call only: its memory is reused for a later piece, so copy what you keep. */
  piece_hash_failed: { torrent: Torrent; index: number; peers: Peer[]; blocks: readonly BlockSource[]; data: Buffer | undefined };
  piece_hash_passed: { torrent: Torrent; index: number; peers: Peer[]; blocks: readonly BlockSource[]; data: Buffer | undefined };
  peer_ban: { torrent: Torrent; ip: string; reason: string };
  peer_error: { peer_id: string | undefined; ip: string; error: string; code: string };
  invalid_request: { torrent: Torrent; ip: string; reason: string };
  tracker_write: { torrent: Torrent; url: string; length: number };
  tracker_read: { torrent: Torrent; url: string; length: number };
  /** Not in the spec: every wanted piece of a torrent is verified and stored. */
  torrent_complete: { torrent: Torrent };
  /**
   * Not in the spec: a plugin's tap threw or answered a policy hook with the
   * wrong type. `plugin` is the tap's name; `reference` is the plugin's entry
   * as the user wrote it ("./my-plugin.ts"), when that is not its name.
   */
  plugin_error: { plugin: string; hook: string; error: Error; reference?: string };
  /**
   * Not in the spec: a file a read failed on is checked again while the
   * torrent's other files are still served. `pieces` hold bytes of the file;
   * `missing` of them failed the recheck (0 when the phase is 'started').
   */
  file_recheck: { torrent: Torrent; file: TorrentFile; phase: 'started' | 'finished'; pieces: number; missing: number };
  /** Not in the spec: a peer told us of peers by PEX (BEP 11; the pex built-in); `added` are dialled through the torrent's normal path. */
  pex_peers: { torrent: Torrent; peer: Peer; added: Address[]; dropped: Address[] };
  /**
   * Not in the spec: a torrent's resume data could not be used (missing is
   * not an error) or not be saved. `path` is the resume file; `operation`
   * 'load' means every piece is checked instead.
   */
  resume_data_error: { torrent: Torrent; path: string; operation: 'load' | 'save'; error: Error };
  /** Not in the spec (dht plugin): the DHT's bootstrap lookup finished; `nodes` are in its routing table. */
  dht_bootstrap: { port: number; nodes: number };
  /** Not in the spec (dht plugin): a get_peers lookup for a torrent finished; `peers` found for it so far, `nodes` in the routing table. */
  dht_get_peers: { info_hash: string; peers: number; nodes: number };
  /** Not in the spec (dht plugin): a torrent was announced (announce_peer) to `nodes` DHT nodes. */
  dht_announce: { info_hash: string; nodes: number };
  /** Not in the spec (dht plugin): a malformed or refused datagram, a bootstrap name that does not resolve, a socket failure. */
  dht_error: { code: string; error: Error; address: string | undefined };
  /** Not in the spec: a torrent (or a magnet link still fetching its metadata) was added to the client. */
  torrent_added: { torrent: Torrent };
  /** Not in the spec: a torrent was removed from the client (its files stay on disk). */
  torrent_removed: { torrent: Torrent };
  /** Not in the spec: the torrent was paused (its peers disconnected, its trackers told). */
  torrent_paused: { torrent: Torrent };
  /** Not in the spec: a paused torrent (or one stopped by a storage error) runs again. */
  torrent_resumed: { torrent: Torrent };
  /** Not in the spec: a magnet link's info dictionary arrived and matched the info hash; `size` is its length in bytes. */
  metadata_received: { torrent: Torrent; size: number };
  /** Not in the spec: the torrent's state changed. */
  state_changed: { torrent: Torrent; from: TorrentState; to: TorrentState };
  /** Not in the spec: the check of the data on disk at start is over; `pieces` of `total` are had. */
  torrent_checked: { torrent: Torrent; pieces: number; total: number };
  /** Not in the spec: every piece holding bytes of a file was downloaded and verified. */
  file_completed: { torrent: Torrent; file: TorrentFile; index: number };
  /** Not in the spec: a running torrent's figures, every stats.intervalMs. Rates in bytes per second; `eta` in seconds, undefined when unknown. */
  stats: { torrent: Torrent; download_rate: number; upload_rate: number; downloaded: number; uploaded: number; left: number; progress: number; num_peers: number; num_seeds: number; eta: number | undefined };
  /** Not in the spec (lsd plugin): a peer on the local network announced a torrent of ours (BEP 14); it is dialled through the torrent's normal path. */
  lsd_peer: { torrent: Torrent; ip: string; port: number };
  /** Not in the spec (lsd plugin): a malformed datagram on the LSD group, a flood from one address, a socket failure. */
  lsd_error: { code: string; error: Error; address: string | undefined };
  /** Not in the spec (transmission-rpc plugin): a request that changes state was accepted (after allow_rpc_request); `ip` is the caller's, `user` its Basic auth name. */
  rpc_request: { method: string; ip: string; user: string | undefined; arguments: Readonly<Record<string, unknown>> };
  /** Not in the spec (transmission-rpc plugin): a request was refused before it ran: a failed login, a flood, a foreign Host, an oversized or malformed body, a veto. */
  rpc_refused: { ip: string; code: string; reason: string };
  /** Not in the spec (watch-dir plugin): a .torrent dropped into the watched folder was added; `path` is where the file went (renamed or moved). */
  watch_dir_added: { path: string; torrent: Torrent };
  /** Not in the spec (watch-dir plugin): a file in the watched folder could not be added; it is not tried again until it changes. */
  watch_dir_error: { path: string; code: string; error: Error };
}

/** A socket accepting incoming connections. */
export interface ListeningSocket {
  readonly protocol: TransportProtocol;
  readonly port: number;
}

/** Who sent one block of a piece (undefined: a web seed or data on disk). */
export interface BlockSource {
  readonly begin: number;
  readonly length: number;
  readonly peer: Peer | undefined;
  /** The sender's address, kept even after the peer disconnected; the URL for a web seed. */
  readonly ip: string | undefined;
}

export type AnnounceEvent = 'started' | 'completed' | 'stopped' | 'none';

export type EventName = keyof EventAttributes;

export interface BaseInfo<K extends EventName> {
  /** English description suitable for display to the user. */
  readonly message: string;
  /** The event's name, useful when one listener serves many events. */
  readonly event: K;
  readonly severity: Severity;
}

/** What a listener of event K receives as its second argument. */
export type EventInfo<K extends EventName> = BaseInfo<K> & Readonly<EventAttributes[K]>;

interface EventDefinition<K extends EventName> {
  readonly severity: Severity;
  /** What the event means, for generated documentation. */
  readonly description: string;
  readonly message: (a: EventAttributes[K]) => string;
}

/** Severity, meaning and message of every event. The README's hook table is generated from this. */
export const EVENTS: { readonly [K in EventName]: EventDefinition<K> } = Object.freeze({
  ip_filter: {
    severity: 'debug',
    description: 'A connection was refused or aborted because the IP filter bans the remote address.',
    message: (a) => `IP filter refused ${formatAddress(a.address)} (${a.protocol}) by rule ${a.rule.start}-${a.rule.end} from ${a.rule.source}`,
  },
  // Not fatal, though the spec says so: the client goes on (other sockets, outgoing connections); the message says which.
  listen_failure: {
    severity: 'critical',
    description:
      'None of the ports of the configured range could be opened for listening on one protocol. The client goes on: with the sockets that did open (`listening`), or without accepting incoming connections when none did; outgoing connections continue.',
    message: (a) => {
      const failed = `could not listen on ${a.protocol} at any of ports ${a.port.join(', ')}${a.error ? `: ${a.error.message}` : ''}`;
      const still =
        a.listening.length > 0
          ? `still listening on ${a.listening.map((l) => `${l.protocol} port ${l.port}`).join(' and ')}`
          : 'no port is open, so the client runs without accepting incoming connections';
      return `${failed}; ${still}; outgoing connections continue`;
    },
  },
  listen_success: {
    severity: 'debug',
    description: 'A port of the configured range was opened for listening.',
    message: (a) => `listening on ${a.protocol} port ${a.port}`,
  },
  peer_id: {
    severity: 'debug',
    description: 'The remote peer sent us its peer id.',
    message: (a) => `peer ${formatAddress(a.peer)} has peer id ${a.peer_id}${a.peer.clientName ? ` (${a.peer.clientName})` : ''}`,
  },
  peer_handshake_complete: {
    severity: 'debug',
    description: 'We have both sent and received a valid handshake.',
    message: (a) => `handshake with ${formatAddress(a.peer)} complete`,
  },
  peer_disconnect: {
    severity: 'debug',
    description: 'An established connection was lost or terminated.',
    message: (a) => `disconnected from ${formatAddress(a.peer)}: ${a.reason}`,
  },
  peer_data_in: {
    severity: 'debug',
    description: 'Bytes were read from a peer.',
    message: (a) => `read ${a.length} bytes from ${formatAddress(a.peer)}`,
  },
  peer_data_out: {
    severity: 'debug',
    description: 'Bytes were written to a peer.',
    message: (a) => `wrote ${a.length} bytes to ${formatAddress(a.peer)}`,
  },
  peer_packet_out: {
    severity: 'debug',
    description: 'A message was queued for sending to a peer.',
    message: (a) => `sending ${a.packet.type} to ${formatAddress(a.peer)}`,
  },
  peer_packet_in: {
    severity: 'debug',
    description: 'A complete message was parsed from a peer.',
    message: (a) => `received ${a.packet.type} from ${formatAddress(a.peer)}`,
  },
  file_error: {
    severity: 'fatal',
    description:
      'Storage failed to read or write a file. A failed write pauses the torrent; a failed read (reported once until the file is rechecked) withdraws the piece that could not be read and rechecks the file (see file_recheck).',
    message: (a) => `file error on ${a.file.path} of ${a.torrent.name}: ${a.error.message}`,
  },
  file_open: {
    severity: 'debug',
    description: 'A file was opened for reading or writing.',
    message: (a) => `opened ${a.file.path} (${a.mode})`,
  },
  file_close: {
    severity: 'debug',
    description: 'A file was closed.',
    message: (a) => `closed ${a.file.path}`,
  },
  file_write: {
    severity: 'debug',
    description: 'Bytes were written to a file.',
    message: (a) => `wrote ${a.length} bytes to ${a.file.path}`,
  },
  file_read: {
    severity: 'debug',
    description: 'Bytes were read from a file.',
    message: (a) => `read ${a.length} bytes from ${a.file.path}`,
  },
  tracker_announce: {
    severity: 'info',
    description: 'An announce was sent (or attempted) to a tracker.',
    message: (a) => `announcing ${a.torrent.name} to ${a.url}${a.announce_event === 'none' ? '' : ` (${a.announce_event})`}`,
  },
  tracker_failure: {
    severity: 'warning',
    description: 'A tracker timed out, disconnected, answered garbage, a failure reason or a status other than 200.',
    message: (a) => `tracker ${a.url} failed (${a.times_in_row} in a row, status ${a.status_code}): ${a.reason}`,
  },
  tracker_success: {
    severity: 'info',
    description: 'A tracker announce succeeded.',
    message: (a) => `tracker ${a.url} answered with ${a.peer_count} peers, next announce in ${a.interval} s`,
  },
  tracker_warning: {
    severity: 'warning',
    description: 'A tracker reply carried a warning message.',
    message: (a) => `tracker ${a.url} warns: ${a.warning}`,
  },
  url_seed: {
    severity: 'warning',
    description: 'A web seed (BEP 19) could not be resolved, refused, or sent bad data.',
    message: (a) => `web seed ${a.url} failed: ${a.reason}`,
  },
  piece_hash_failed: {
    severity: 'info',
    description: 'A finished piece failed its hash check.',
    message: (a) => `piece ${a.index} of ${a.torrent.name} failed its hash check (${a.peers.length} peers involved)`,
  },
  piece_hash_passed: {
    severity: 'info',
    description: 'A finished piece passed its hash check.',
    message: (a) => `piece ${a.index} of ${a.torrent.name} passed its hash check`,
  },
  peer_ban: {
    severity: 'info',
    description: 'A peer was banned for taking part in too many corrupt pieces.',
    message: (a) => `banned ${a.ip} from ${a.torrent.name}: ${a.reason}`,
  },
  peer_error: {
    severity: 'debug',
    description: 'A peer sent invalid data, or went over one of the limits (e.g. MESSAGE_FLOOD, REQUEST_QUEUE_FULL), and was disconnected.',
    message: (a) => `peer ${a.ip}${a.peer_id ? ` (${a.peer_id})` : ''} disconnected [${a.code}]: ${a.error}`,
  },
  invalid_request: {
    severity: 'debug',
    description: 'A peer sent an invalid piece request.',
    message: (a) => `invalid request from ${a.ip} for ${a.torrent.name}: ${a.reason}`,
  },
  tracker_write: {
    severity: 'debug',
    description: 'Bytes were sent to a tracker.',
    message: (a) => `sent ${a.length} bytes to tracker ${a.url}`,
  },
  tracker_read: {
    severity: 'debug',
    description: 'Bytes were received from a tracker.',
    message: (a) => `received ${a.length} bytes from tracker ${a.url}`,
  },
  torrent_complete: {
    severity: 'info',
    description: 'Every wanted piece of a torrent is verified and stored (not in the spec).',
    message: (a) => `${a.torrent.name} is complete`,
  },
  plugin_error: {
    severity: 'critical',
    description: 'A plugin threw in a tap or answered a policy hook with the wrong type; the default stands.',
    message: (a) => `plugin ${a.reference === undefined ? a.plugin : `"${a.reference}" (${a.plugin})`} failed in ${a.hook}: ${a.error.message}`,
  },
  file_recheck: {
    severity: 'warning',
    description:
      "A file is rechecked after a failed read: fired when the recheck starts and when it finishes (not in the spec). Pieces that fail it are withdrawn and downloaded again; the torrent's other pieces are served meanwhile.",
    message: (a) =>
      a.phase === 'started'
        ? `rechecking ${a.file.path} of ${a.torrent.name} (${a.pieces} pieces) after a failed read; the pieces that cannot be read are not served`
        : a.missing === 0
          ? `${a.file.path} of ${a.torrent.name} passed its recheck: all ${a.pieces} pieces are intact`
          : `${a.file.path} of ${a.torrent.name}: ${a.missing} of ${a.pieces} pieces are missing after the recheck; they are downloaded again from peers that have them`,
  },
  pex_peers: {
    severity: 'debug',
    description:
      'A peer told us of peers by PEX (BEP 11, the `pex` built-in; not in the spec): `added` (banned addresses left out) are dialled through the torrent\'s normal path, `dropped` are the ones it lost.',
    message: (a) => `${formatAddress(a.peer)} told of ${a.added.length} new and ${a.dropped.length} dropped peers for ${a.torrent.name} (PEX)`,
  },
  resume_data_error: {
    severity: 'warning',
    description:
      "A torrent's resume data could not be used (corrupt, truncated, of another torrent or format version: every piece is checked instead) or could not be saved (not in the spec).",
    message: (a) =>
      a.operation === 'load'
        ? `resume data of ${a.torrent.name} (${a.path}) is not used, every piece is checked: ${a.error.message}`
        : `resume data of ${a.torrent.name} could not be saved to ${a.path}: ${a.error.message}`,
  },
  dht_bootstrap: {
    severity: 'info',
    description: 'The DHT (dht plugin) finished its bootstrap lookup on its UDP port (not in the spec).',
    message: (a) => `DHT on UDP port ${a.port}: ${a.nodes} nodes in the routing table`,
  },
  dht_get_peers: {
    severity: 'debug',
    description: 'A DHT lookup (get_peers) for a torrent finished; the peers found were handed to the torrent. `peers`: found for it so far; `nodes`: in the routing table (not in the spec).',
    message: (a) => `DHT lookup for ${a.info_hash}: ${a.peers} peers so far, ${a.nodes} nodes in the routing table`,
  },
  dht_announce: {
    severity: 'debug',
    description: 'A torrent was announced to the DHT nodes closest to its info hash (not in the spec).',
    message: (a) => `announced ${a.info_hash} to ${a.nodes} DHT nodes`,
  },
  dht_error: {
    severity: 'debug',
    description:
      'The DHT refused a malformed or unwanted datagram, a query flood, or could not resolve a bootstrap node or use its socket (not in the spec). The DHT goes on.',
    message: (a) => `DHT ${a.code}${a.address === undefined ? '' : ` (${a.address})`}: ${a.error.message}`,
  },
  torrent_added: {
    severity: 'info',
    description: 'A torrent, or a magnet link still fetching its metadata (state `metadata`), was added to the client (not in the spec).',
    message: (a) => `added ${a.torrent.name} (${a.torrent.infoHash})`,
  },
  torrent_removed: {
    severity: 'info',
    description: 'A torrent was removed from the client: its connections and files are closed, its data stays on disk (not in the spec).',
    message: (a) => `removed ${a.torrent.name}`,
  },
  torrent_paused: {
    severity: 'info',
    description: 'A torrent was paused: its peers are disconnected and its trackers told (not in the spec).',
    message: (a) => `paused ${a.torrent.name}`,
  },
  torrent_resumed: {
    severity: 'info',
    description: 'A paused torrent, or one stopped by a storage error, runs again (not in the spec).',
    message: (a) => `resumed ${a.torrent.name}`,
  },
  metadata_received: {
    severity: 'info',
    description: "A magnet link's info dictionary arrived from peers (BEP 9) and matched its info hash; the torrent goes on to check its files (not in the spec).",
    message: (a) => `received the metadata of ${a.torrent.name} (${a.size} bytes)`,
  },
  state_changed: {
    severity: 'debug',
    description: "A torrent's state changed (`checking`, `downloading`, `seeding`, `paused`, `error`; not in the spec).",
    message: (a) => `${a.torrent.name}: ${a.from} -> ${a.to}`,
  },
  torrent_checked: {
    severity: 'info',
    description: 'The check of the data on disk at start is over (resume data trusted where it holds); `pieces` of `total` are had (not in the spec).',
    message: (a) => `${a.torrent.name} checked: ${a.pieces} of ${a.total} pieces on disk`,
  },
  file_completed: {
    severity: 'info',
    description: 'Every piece holding bytes of a file was downloaded and verified (not in the spec; not fired for files found complete by the check).',
    message: (a) => `${a.file.path} of ${a.torrent.name} is complete`,
  },
  stats: {
    severity: 'debug',
    description:
      "A running torrent's figures, every `stats.intervalMs` of `.btrc` (not in the spec): rates in bytes per second, bytes downloaded and uploaded, `left` wanted bytes missing, `progress` 0..1, connected peers and seeds, `eta` in seconds (undefined when nothing comes in).",
    message: (a) =>
      `${a.torrent.name}: ${(a.progress * 100).toFixed(1)}%, down ${Math.round(a.download_rate / 1024)} KiB/s, up ${Math.round(a.upload_rate / 1024)} KiB/s, ${a.num_peers} peers (${a.num_seeds} seeds)${a.eta === undefined ? '' : `, ${a.eta} s left`}`,
  },
  lsd_peer: {
    severity: 'debug',
    description: "A peer on the local network announced one of our public torrents by LSD (BEP 14, the `lsd` built-in; not in the spec); it is dialled through the torrent's normal path.",
    message: (a) => `${a.ip}:${a.port} announced ${a.torrent.name} on the local network (LSD)`,
  },
  lsd_error: {
    severity: 'debug',
    description: 'LSD (the `lsd` built-in) refused a malformed datagram or a flood from one address, or could not use its socket (not in the spec). LSD goes on.',
    message: (a) => `LSD ${a.code}${a.address === undefined ? '' : ` (${a.address})`}: ${a.error.message}`,
  },
  rpc_request: {
    severity: 'info',
    description: 'A remote-control request that changes state (torrent-add, torrent-stop, session-set, ...) passed allow_rpc_request and runs (transmission-rpc plugin; not in the spec).',
    message: (a) => `RPC ${a.method} from ${a.ip}${a.user === undefined ? '' : ` (user ${a.user})`}`,
  },
  rpc_refused: {
    severity: 'warning',
    description:
      'A remote-control request was refused before it ran (transmission-rpc plugin; not in the spec): `code` RPC_AUTH_FAILED (a failed login), RPC_RATE_LIMITED, RPC_LOGIN_LOCKED, RPC_HOST_NOT_ALLOWED, RPC_BODY_TOO_LARGE, RPC_BAD_JSON, RPC_VETOED (allow_rpc_request). A flood is reported once per 10 s per address, not per request.',
    message: (a) => `RPC request from ${a.ip} refused [${a.code}]: ${a.reason}`,
  },
  watch_dir_added: {
    severity: 'info',
    description: 'A .torrent dropped into the watched folder was added, then renamed or moved to `path` (watch-dir plugin; not in the spec).',
    message: (a) => `added ${a.torrent.name} from the watched folder (now ${a.path})`,
  },
  watch_dir_error: {
    severity: 'warning',
    description: 'A file in the watched folder could not be added (not a torrent, unreadable, refused); it is not tried again until it changes (watch-dir plugin; not in the spec).',
    message: (a) => `watched file ${a.path} not added [${a.code}]: ${a.error.message}`,
  },
});

export const EVENT_NAMES = Object.freeze(Object.keys(EVENTS) as EventName[]);

/** The 27 events of the specification (the table adds plugin_error, torrent_complete, file_recheck, pex_peers, resume_data_error, the dht plugin's dht_*, the lsd plugin's lsd_*, the daemon plugins' rpc_* and watch_dir_*, and the lifecycle events for applications). */
const NOT_IN_SPEC: ReadonlySet<EventName> = new Set<EventName>([
  'plugin_error',
  'torrent_complete',
  'file_recheck',
  'pex_peers',
  'resume_data_error',
  'dht_bootstrap',
  'dht_get_peers',
  'dht_announce',
  'dht_error',
  'torrent_added',
  'torrent_removed',
  'torrent_paused',
  'torrent_resumed',
  'metadata_received',
  'state_changed',
  'torrent_checked',
  'file_completed',
  'stats',
  'lsd_peer',
  'lsd_error',
  'rpc_request',
  'rpc_refused',
  'watch_dir_added',
  'watch_dir_error',
]);
export const SPEC_EVENT_NAMES = Object.freeze(EVENT_NAMES.filter((n) => !NOT_IN_SPEC.has(n)));

/** A listener of event K. Its return value changes nothing. */
export type Listener<C, K extends EventName> = (client: C, info: EventInfo<K>) => void;

export type EventHooks<C> = { readonly [K in EventName]: SyncHook<[client: C, info: EventInfo<K>]> };

// ---------------------------------------------------------------- policy hooks

/**
 * Named stages for policy taps: a user plugin taps at POLICY to decide before
 * the built-ins (which tap at DEFAULT); REPORT taps see the outcome last.
 */
export const Stage = Object.freeze({ POLICY: -100, DEFAULT: 0, REPORT: 100 });

export interface ConnectionAttempt {
  readonly address: Address;
  readonly protocol: TransportProtocol;
  readonly direction: 'incoming' | 'outgoing';
  /** Info hash (hex) of the torrent the connection is for, when known. */
  readonly infoHash?: string;
}

/** Answer of allow_connection: refuse with the rule that matched, or allow explicitly. */
export type ConnectionVerdict = { readonly allow: false; readonly rule: FilterRule } | { readonly allow: true };

export interface BanCandidate {
  readonly torrent: Torrent;
  readonly ip: string;
  /** Pieces this address took part in that failed, and that passed. */
  readonly failedPieces: number;
  readonly passedPieces: number;
  /** True when block-level evidence proves this address sent corrupt data. */
  readonly proven: boolean;
  readonly reason: string;
  /** The trust score the asking plugin keeps for this address, when it keeps one (peer-ban does). */
  readonly trust?: number;
  /**
   * Of failedPieces, those whose block evidence is still pending: the piece
   * has not passed since, so the evidence may yet show this address sent good
   * blocks. peer-ban's own rule does not ban on them.
   */
  readonly pendingPieces?: number;
}

/** A peer the engine asks parole_peer about. */
export interface ParoleCandidate {
  readonly torrent: Torrent;
  readonly peer: Peer;
  /** Why it asks now: the peer just connected, or a piece it sent a block of passed or failed its hash check. */
  readonly after: 'connected' | 'piece_passed' | 'piece_failed';
  /** The piece that was checked; undefined after 'connected'. */
  readonly index: number | undefined;
}

export interface TrackerCandidate {
  readonly url: string;
  readonly tier: number;
  readonly timesInRow: number;
  /** Epoch ms before which this tracker should not be tried again. */
  readonly retryAt: number;
}

export interface TrackerChoice {
  readonly torrent: Torrent;
  /** Trackers in tier order, each tier in the metainfo's order (a policy such as tracker-failover keeps its own order). */
  readonly trackers: readonly TrackerCandidate[];
  readonly now: number;
}

/** A tracker's failed announce, as tracker_retry is asked about it. */
export interface TrackerFailure {
  readonly torrent: Torrent;
  readonly url: string;
  readonly tier: number;
  /** Failed announces in a row, this one included. */
  readonly timesInRow: number;
  /** HTTP status of the failed reply; 0 when there was none (time-out, connection, UDP). */
  readonly statusCode: number;
  readonly reason: string;
  /** When it failed (epoch ms, the announcer's clock). */
  readonly now: number;
}

export interface UnchokeContext {
  readonly torrent: Torrent;
  readonly peers: readonly Peer[];
  /** Regular unchoke slots. */
  readonly slots: number;
  readonly seeding: boolean;
  /** Download rate from / upload rate to each peer, bytes per second. */
  readonly rateOf: (peer: Peer) => number;
}

export interface ReplacementContext {
  readonly torrent: Torrent;
  /** The connection that wants a slot; its handshake is done. */
  readonly newcomer: Peer;
  /** The torrent's peers, one of which may make room. */
  readonly peers: readonly Peer[];
  /** Whose limit is reached: the torrent's (limits.maxConnectionsPerTorrent) or the client's (limits.maxConnections). */
  readonly full: 'torrent' | 'client';
  /** Milliseconds since a block last went either way with this peer (since it joined, when none did). */
  readonly quietMsOf: (peer: Peer) => number;
  /** True when the peer has requests outstanding either way or exchanged a block in the last minute: the default never drops it. */
  readonly exchangingData: (peer: Peer) => boolean;
}

/** What every announce tells a tracker of us and our progress (BEP 3); the tracker layer's requests extend it. */
export interface AnnounceFields {
  /** Port we accept peer connections on. */
  readonly port: number;
  readonly uploaded: number;
  readonly downloaded: number;
  /** Bytes of wanted pieces still missing. */
  readonly left: number;
  readonly event: AnnounceEvent;
  /** Peers wanted; negative leaves it to the tracker. */
  readonly numwant: number;
}

/** An announce as announce_params transforms it. */
export interface AnnounceParams extends AnnounceFields {
  /** The tracker's URL: a tap may change what is sent, not where. */
  readonly url: string;
  /** Info hash, hex. */
  readonly infoHash: string;
}

/** A transport a peer can be dialled over: BitTorrent over TCP, or over uTP (BEP 29, on UDP). */
export type TransportName = 'utp' | 'tcp';

/** Which peer choose_transport orders the transports for. */
export interface TransportChoice {
  readonly address: Address;
  /** Info hash (hex) of the torrent the dial is for. */
  readonly infoHash: string;
}

/** Which connection an extended handshake is about to be sent to. */
export interface ExtendedHandshakeContext {
  readonly peer: Peer;
  /** Info hash (hex) of the connection's torrent. */
  readonly infoHash: string;
}

/** A remote-control request that would change state, as allow_rpc_request is asked about it. */
export interface RpcRequest {
  /** The RPC method, e.g. "torrent-add". */
  readonly method: string;
  readonly ip: string;
  /** The Basic auth user name, when the request carried one. */
  readonly user: string | undefined;
  readonly arguments: Readonly<Record<string, unknown>>;
}

/** Answer of allow_rpc_request: refuse with a reason the caller is told, or allow explicitly. */
export type RpcVerdict = { readonly allow: false; readonly reason: string } | { readonly allow: true };

/** An HTTP request to the daemon's server that is not an RPC call, as serve_http is asked about it (auth and limits passed already). */
export interface HttpRoute {
  readonly method: string;
  /** The path without the query string, e.g. "/web/app.js". */
  readonly path: string;
  readonly ip: string;
  readonly user: string | undefined;
}

/** Writes the answer to a request serve_http accepted (it may keep the response open, e.g. Server-Sent Events). */
export type HttpHandler = (request: IncomingMessage, response: ServerResponse) => void;

export interface PolicyHooks {
  /** Allow this connection? Return a verdict; undefined means no opinion (allowed). */
  readonly allow_connection: SyncBailHook<[attempt: ConnectionAttempt], ConnectionVerdict | undefined>;
  /** Ban this address? true bans, false vetoes, undefined leaves it to later taps (default: no ban). */
  readonly ban_peer: SyncBailHook<[candidate: BanCandidate], boolean | undefined>;
  /**
   * Put this peer on parole? true: it downloads only whole pieces of its own
   * (no other peer sends a block of them), so that the hash check judges it
   * alone; false or undefined: it shares pieces as usual. Asked when a peer
   * connects and after each piece it sent a block of is checked; the answer
   * holds until the next question.
   */
  readonly parole_peer: SyncBailHook<[candidate: ParoleCandidate], boolean | undefined>;
  /** Which trackers to announce to now, in order (URLs). undefined: the default (first usable one). */
  readonly choose_trackers: SyncBailHook<[choice: TrackerChoice], string[] | undefined>;
  /**
   * When may this failing tracker be tried again (epoch ms)? undefined: the
   * default (the announcer's retryDelayMs, doubling with each failure in a
   * row, capped at an hour). An answer that is not later than `now` also
   * leaves it to the default: a failing tracker is never retried at once.
   */
  readonly tracker_retry: SyncBailHook<[failure: TrackerFailure], number | undefined>;
  /** Which peers get the regular unchoke slots. undefined: the default rate-based choice. */
  readonly choose_unchoke: SyncBailHook<[context: UnchokeContext], Peer[] | undefined>;
  /**
   * A full torrent: which of its peers makes room for the newcomer? A peer of
   * `peers` is disconnected; null refuses the newcomer; undefined: the default
   * (the peer with the least interest either way, then the longest without a
   * block, never one exchanging data; none: the newcomer is refused).
   */
  readonly choose_peer_to_replace: SyncBailHook<[context: ReplacementContext], Peer | null | undefined>;
  /** Transform the parameters of an announce before it is sent. */
  readonly announce_params: SyncWaterfallHook<[params: AnnounceParams]>;
  /**
   * Transform the BEP 10 extended handshake before it is sent: add keys (in
   * `extra`) or fields for an extension. `m` already names every registered
   * extension under its id.
   */
  readonly extended_handshake: SyncWaterfallHook<[handshake: ExtendedHandshake, context: ExtendedHandshakeContext]>;
  /** Allow this state-changing remote-control request (transmission-rpc)? undefined: no opinion (allowed). */
  readonly allow_rpc_request: SyncBailHook<[request: RpcRequest], RpcVerdict | undefined>;
  /** Who answers this HTTP request to the daemon's server (e.g. web-ui for /web/)? undefined: nobody (404). */
  readonly serve_http: SyncBailHook<[route: HttpRoute], HttpHandler | undefined>;
  /**
   * The transports to try for this dial, in order (waterfall): starts as
   * `.btrc` transports.order; a tap may reorder or drop entries. Each is tried
   * when the one before fails to connect; an empty list skips the dial.
   */
  readonly choose_transport: SyncWaterfallHook<[order: TransportName[], choice: TransportChoice]>;
}

/** What each policy hook must return, checked on every tap's answer. */
export const POLICY_RESULT_CHECKS: { readonly [K in keyof PolicyHooks]: (v: unknown) => boolean } = Object.freeze({
  allow_connection: (v) =>
    v === undefined ||
    (typeof v === 'object' && v !== null && ((v as { allow?: unknown }).allow === true ||
      ((v as { allow?: unknown }).allow === false && typeof (v as { rule?: unknown }).rule === 'object'))),
  ban_peer: (v) => v === undefined || typeof v === 'boolean',
  parole_peer: (v) => v === undefined || typeof v === 'boolean',
  choose_trackers: (v) => v === undefined || (Array.isArray(v) && v.every((u) => typeof u === 'string')),
  tracker_retry: (v) => v === undefined || (typeof v === 'number' && !Number.isNaN(v)),
  choose_unchoke: (v) => v === undefined || Array.isArray(v),
  choose_peer_to_replace: (v) => v === undefined || v === null || (typeof v === 'object' && typeof (v as { disconnect?: unknown }).disconnect === 'function'),
  announce_params: (v) => typeof v === 'object' && v !== null && typeof (v as { url?: unknown }).url === 'string',
  extended_handshake: (v) => typeof v === 'object' && v !== null && typeof (v as { m?: unknown }).m === 'object' && (v as { m?: unknown }).m !== null,
  allow_rpc_request: (v) =>
    v === undefined ||
    (typeof v === 'object' && v !== null && ((v as { allow?: unknown }).allow === true ||
      ((v as { allow?: unknown }).allow === false && typeof (v as { reason?: unknown }).reason === 'string'))),
  serve_http: (v) => v === undefined || typeof v === 'function',
  choose_transport: (v) => Array.isArray(v) && v.every((t) => t === 'utp' || t === 'tcp'),
});

/** Waterfall hooks: a failing tap passes on the value it was given. */
const WATERFALL_HOOKS: ReadonlySet<string> = new Set(['announce_params', 'extended_handshake']);

export type Hooks<C> = EventHooks<C> & PolicyHooks;

export type HookName = keyof Hooks<unknown>;

/** Called when a tap throws or answers a policy hook with the wrong type. */
export type TapFailureHandler = (plugin: string, hook: string, error: Error) => void;

function guard<F extends (...args: never[]) => unknown>(
  hookName: string,
  tapName: string,
  fn: F,
  onFailure: TapFailureHandler,
  check: ((v: unknown) => boolean) | undefined,
): F {
  const guarded = (...args: Parameters<F>): unknown => {
    let result: unknown;
    try {
      result = fn(...args);
    } catch (err) {
      onFailure(tapName, hookName, err instanceof Error ? err : new Error(String(err)));
      return check === undefined ? undefined : WATERFALL_HOOKS.has(hookName) ? args[0] : undefined;
    }
    if (result instanceof Promise) {
      // Hooks are synchronous: an async tap's promise is not awaited, only watched.
      result.catch((err: unknown) => onFailure(tapName, hookName, err instanceof Error ? err : new Error(String(err))));
      return check === undefined ? undefined : WATERFALL_HOOKS.has(hookName) ? args[0] : undefined;
    }
    if (check !== undefined && !check(result)) {
      onFailure(tapName, hookName, new TypeError(`returned ${describe(result)}, which ${hookName} does not accept`));
      return WATERFALL_HOOKS.has(hookName) ? args[0] : undefined;
    }
    return result;
  };
  return guarded as unknown as F;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

/**
 * Builds the frozen hooks object. Every tap is wrapped (by a register
 * interceptor) so that a throwing or ill-typed tap is reported and skipped.
 */
export function createHooks<C>(onFailure: TapFailureHandler): Hooks<C> {
  const table: Record<string, SyncHook<never, unknown>> = {};
  for (const name of EVENT_NAMES) {
    table[name] = new SyncHook<[C, EventInfo<typeof name>]>(['client', 'info'], name) as SyncHook<never, unknown>;
  }
  const policy: PolicyHooks = {
    allow_connection: new SyncBailHook(['attempt'], 'allow_connection'),
    ban_peer: new SyncBailHook(['candidate'], 'ban_peer'),
    parole_peer: new SyncBailHook(['candidate'], 'parole_peer'),
    choose_trackers: new SyncBailHook(['choice'], 'choose_trackers'),
    tracker_retry: new SyncBailHook(['failure'], 'tracker_retry'),
    choose_unchoke: new SyncBailHook(['context'], 'choose_unchoke'),
    choose_peer_to_replace: new SyncBailHook(['context'], 'choose_peer_to_replace'),
    announce_params: new SyncWaterfallHook(['params'], 'announce_params'),
    extended_handshake: new SyncWaterfallHook(['handshake', 'context'], 'extended_handshake'),
    allow_rpc_request: new SyncBailHook(['request'], 'allow_rpc_request'),
    serve_http: new SyncBailHook(['route'], 'serve_http'),
    choose_transport: new SyncWaterfallHook(['order', 'choice'], 'choose_transport'),
  };
  Object.assign(table, policy);
  for (const [hookName, hook] of Object.entries(table)) {
    const check = (POLICY_RESULT_CHECKS as Record<string, (v: unknown) => boolean>)[hookName];
    hook.intercept({
      name: 'swarmhook-guard',
      register: (tap) => ({ ...tap, fn: guard(hookName, tap.name, tap.fn as (...a: never[]) => unknown, onFailure, check) }),
    });
  }
  return Object.freeze(table) as unknown as Hooks<C>;
}

/**
 * Fires event K if anyone listens. The guard interceptor makes tapable's
 * isUsed() always true, so "listens" means the hook has taps. The message is
 * formatted only then.
 */
export function emit<C, K extends EventName>(hooks: Hooks<C>, client: C, event: K, attributes: EventAttributes[K]): void {
  const hook = hooks[event] as unknown as SyncHook<[C, EventInfo<K>]>;
  if (hook.taps.length === 0) return;
  const def = EVENTS[event] as EventDefinition<K>;
  const info = { message: def.message(attributes), event, severity: def.severity, ...attributes } as EventInfo<K>;
  hook.call(client, info);
}

/** True when event K has listeners: hot paths check this before building attributes. */
export function listens<C>(hooks: Hooks<C>, event: EventName): boolean {
  return (hooks[event] as unknown as SyncHook<unknown[]>).taps.length !== 0;
}

/** Where lower layers (peer, storage, tracker) send events; Client implements it. */
export interface EventSink {
  emit<K extends EventName>(event: K, attributes: EventAttributes[K]): void;
  listens(event: EventName): boolean;
}
