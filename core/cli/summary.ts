// The last object `--json` prints: how the command ended, and the torrent's figures.
import type { Swarm } from '../torrent/swarm.ts';
import { torrentStatus } from './progress.ts';

export interface SummaryFields {
  readonly outcome: 'complete' | 'interrupted' | 'stopped' | 'error';
  readonly exitCode: number;
  readonly seconds: number;
  readonly [field: string]: unknown;
}

export function summary(torrent: Swarm | undefined, fields: SummaryFields): object {
  if (torrent === undefined) return { type: 'summary', ...fields };
  const { name, infoHash, state, progress, done, total, downloaded, uploaded } = torrentStatus(torrent);
  return { type: 'summary', ...fields, name, infoHash, state, progress, done, total, downloaded, uploaded };
}
