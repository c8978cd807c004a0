// One line of download status for the terminal.
import type { BanEntry } from '../ban-list.ts';
import type { Swarm } from '../torrent/index.ts';

const mb = (bytesPerSecond: number): string => `${(bytesPerSecond / 1e6).toFixed(1)} MB/s`;

/** Addresses shown by name when every peer is gone; beyond, a count. */
const SHOWN_BANS = 3;

/**
 * The status line. `bans` (the client's) explain a download left with no
 * peer: without them a stalled download showed only "0.0 MB/s, peers 0".
 */
export function progressLine(t: Swarm, bans: readonly BanEntry[] = []): string {
  const pct = (t.progress * 100).toFixed(1).padStart(5);
  const head = `${t.state.padEnd(11)} ${pct}%`;
  if (t.state === 'downloading' && t.peers.length === 0) {
    const banned = bans.filter((b) => b.infoHash === undefined || b.infoHash === t.infoHash).map((b) => b.ip);
    // Before anything arrived or anyone was banned it is the start, not a loss.
    if (banned.length > 0 || t.downloaded > 0) return `${head}  ${noPeersLeft(banned)}`;
  }
  return `${head}  down ${mb(t.downloadRate)}  up ${mb(t.uploadRate)}  peers ${t.peers.length}`;
}

function noPeersLeft(banned: readonly string[]): string {
  if (banned.length === 0) return 'no peers left: none banned, all disconnected; waiting for new peers';
  const unique = [...new Set(banned)];
  const named = unique.slice(0, SHOWN_BANS).join(', ') + (unique.length > SHOWN_BANS ? `, +${unique.length - SHOWN_BANS} more` : '');
  return `no peers left: ${unique.length} banned (${named}), any others disconnected; waiting for new peers`;
}
