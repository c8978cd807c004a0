// How long a failing tracker waits before it is tried again: libtorrent's
// formula, base + base * percent/100 * fails^2 seconds, capped.

export interface BackoffOptions {
  /** Seconds; libtorrent's tracker_retry_delay_min (5). */
  readonly backoffBaseSeconds?: number;
  /** libtorrent's tracker_backoff (250). */
  readonly backoffPercent?: number;
  /** Seconds; libtorrent's tracker_retry_delay_max (3600). */
  readonly maxBackoffSeconds?: number;
}

export const DEFAULT_BACKOFF_BASE_SECONDS = 5;
export const DEFAULT_BACKOFF_PERCENT = 250;
export const DEFAULT_MAX_BACKOFF_SECONDS = 3600;

/** Seconds to wait after a tracker failed `timesInRow` times in a row (0 when it has not failed). */
export function backoffSeconds(timesInRow: number, options: BackoffOptions = {}): number {
  if (!(timesInRow > 0)) return 0;
  const base = options.backoffBaseSeconds ?? DEFAULT_BACKOFF_BASE_SECONDS;
  const percent = options.backoffPercent ?? DEFAULT_BACKOFF_PERCENT;
  const max = options.maxBackoffSeconds ?? DEFAULT_MAX_BACKOFF_SECONDS;
  return Math.min(max, base + base * (percent / 100) * timesInRow * timesInRow);
}
