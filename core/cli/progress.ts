// A torrent's status for the terminal and for --json: percent, bytes done of
// the selected total, rates, ETA, peers and seeds, state; or, with every peer
// gone, why.
import type { BanEntry } from '../ban-list.ts';
import type { Swarm } from '../torrent/index.ts';
import { etaSeconds, formatBytes, formatEta, formatRate } from './human-units.ts';

/** Addresses shown by name when every peer is gone; beyond, a count. */
const SHOWN_BANS = 3;

/** What the status line shows, as numbers: the fields of a --json status object. */
export interface TorrentStatus {
  readonly name: string;
  readonly infoHash: string;
  readonly state: string;
  /** 0..1 of the selected files' bytes verified. */
  readonly progress: number;
  /** Bytes of selected pieces verified, and of all selected pieces. */
  readonly done: number;
  readonly total: number;
  /** Bytes per second, averaged over the last seconds. */
  readonly downloadRate: number;
  readonly uploadRate: number;
  /** Seconds left at the current rate; null when unknown (nothing arriving). */
  readonly eta: number | null;
  readonly peers: number;
  /** Peers that have every piece. */
  readonly seeds: number;
  /** Payload bytes received and sent so far in this run. */
  readonly downloaded: number;
  readonly uploaded: number;
}

/** The fields of a torrent that the status is made of (a Swarm has them). */
export type StatusSource = Pick<Swarm, 'name' | 'infoHash' | 'state' | 'progress' | 'left' | 'downloadRate' | 'uploadRate' | 'downloaded' | 'uploaded'> & {
  readonly peers: readonly object[];
  readonly picker: Pick<Swarm['picker'], 'pieceCount' | 'wanted' | 'pieceSize'>;
};

export function torrentStatus(t: StatusSource): TorrentStatus {
  const progress = t.progress;
  const left = t.left;
  const total = wantedBytes(t.picker);
  return {
    name: t.name,
    infoHash: t.infoHash,
    state: t.state,
    progress,
    done: total - left,
    total,
    downloadRate: t.downloadRate,
    uploadRate: t.uploadRate,
    eta: t.state === 'downloading' ? (etaSeconds(left, t.downloadRate) ?? null) : null,
    peers: t.peers.length,
    seeds: t.peers.filter(isSeed).length,
    downloaded: t.downloaded,
    uploaded: t.uploaded,
  };
}

/** The public Peer type does not say it, but a swarm's peers (SwarmPeer) know whether they have every piece. */
function isSeed(peer: object): boolean {
  return 'isSeed' in peer && peer.isSeed === true;
}

/** Bytes of the pieces of the selected files (all files without a selection). */
function wantedBytes(picker: StatusSource['picker']): number {
  let wanted = 0;
  for (let i = 0; i < picker.pieceCount; i++) if (picker.wanted[i] === 1) wanted += picker.pieceSize(i);
  return wanted;
}

/**
 * The status line. `bans` (the client's) explain a download left with no
 * peer: without them a stalled download showed only "0 B/s, peers 0".
 */
export function progressLine(t: StatusSource, bans: readonly BanEntry[] = []): string {
  return statusLine(torrentStatus(t), bans);
}

export function statusLine(s: TorrentStatus, bans: readonly BanEntry[] = []): string {
  const pct = (s.progress * 100).toFixed(1).padStart(5);
  const head = `${s.state.padEnd(11)} ${pct}%`;
  if (s.state === 'downloading' && s.peers === 0) {
    const banned = bans.filter((b) => b.infoHash === undefined || b.infoHash === s.infoHash).map((b) => b.ip);
    // Before anything arrived or anyone was banned it is the start, not a loss.
    if (banned.length > 0 || s.downloaded > 0) return `${head}  ${noPeersLeft(banned)}`;
  }
  const eta = s.state === 'downloading' ? `  ETA ${formatEta(s.eta ?? undefined)}` : '';
  const seeds = s.seeds === 1 ? '1 seed' : `${s.seeds} seeds`;
  // Most wanted first: a narrow terminal cuts the end of the line.
  return `${head}  ${formatBytes(s.done)}/${formatBytes(s.total)}${eta}  down ${formatRate(s.downloadRate)}  up ${formatRate(s.uploadRate)}  peers ${s.peers} (${seeds})`;
}

function noPeersLeft(banned: readonly string[]): string {
  if (banned.length === 0) return 'no peers left: none banned, all disconnected; waiting for new peers';
  const unique = [...new Set(banned)];
  const named = unique.slice(0, SHOWN_BANS).join(', ') + (unique.length > SHOWN_BANS ? `, +${unique.length - SHOWN_BANS} more` : '');
  return `no peers left: ${unique.length} banned (${named}), any others disconnected; waiting for new peers`;
}
