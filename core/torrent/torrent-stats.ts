// The `stats` event of one running torrent, at the stats.intervalMs of the
// settings: a clock of that period ticks every torrent's stats (one timer for
// all of them), while the torrent runs; a tick with no listener builds nothing.
import type { EventSink } from '../hooks.ts';
import type { Torrent } from '../types.ts';
import type { SessionClock } from './session-clock.ts';

/** The figures a stats event reports. */
export interface StatsSource extends Torrent {
  readonly downloadRate: number;
  readonly uploadRate: number;
  readonly downloaded: number;
  readonly uploaded: number;
  readonly left: number;
  readonly progress: number;
  readonly numPeers: number;
  readonly numSeeds: number;
  /** Milliseconds; Infinity when nothing comes in. */
  readonly timeRemaining: number;
}

/** Milliseconds until `left` bytes are in at `rate` bytes per second: 0 when none are left, Infinity when nothing comes in. */
export function timeRemainingMs(left: number, rate: number): number {
  if (left === 0) return 0;
  return rate > 0 ? Math.round((left * 1000) / rate) : Infinity;
}

export class TorrentStats {
  readonly #torrent: StatsSource;
  readonly #sink: EventSink;
  readonly #clock: SessionClock | undefined;
  #stopTicking: (() => void) | undefined;

  /** `clock`: ticks at stats.intervalMs; none: never fires (intervalMs 0). */
  constructor(torrent: StatsSource, sink: EventSink, clock: SessionClock | undefined) {
    this.#torrent = torrent;
    this.#sink = sink;
    this.#clock = clock;
  }

  start(): void {
    this.stop();
    this.#stopTicking = this.#clock?.add(() => this.#fire());
  }

  stop(): void {
    this.#stopTicking?.();
    this.#stopTicking = undefined;
  }

  #fire(): void {
    if (!this.#sink.listens('stats')) return;
    const t = this.#torrent;
    const ms = t.timeRemaining;
    this.#sink.emit('stats', {
      torrent: t,
      download_rate: t.downloadRate,
      upload_rate: t.uploadRate,
      downloaded: t.downloaded,
      uploaded: t.uploaded,
      left: t.left,
      progress: t.progress,
      num_peers: t.numPeers,
      num_seeds: t.numSeeds,
      eta: Number.isFinite(ms) ? Math.round(ms / 1000) : undefined,
    });
  }
}
