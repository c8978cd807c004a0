// One line of download status for the terminal.
import type { Swarm } from '../torrent/swarm.ts';

const mb = (bytesPerSecond: number): string => `${(bytesPerSecond / 1e6).toFixed(1)} MB/s`;

export function progressLine(t: Swarm): string {
  const pct = (t.progress * 100).toFixed(1).padStart(5);
  return `${t.state.padEnd(11)} ${pct}%  down ${mb(t.downloadRate)}  up ${mb(t.uploadRate)}  peers ${t.peers.length}`;
}
