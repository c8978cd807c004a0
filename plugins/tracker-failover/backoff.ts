// How long a failing tracker waits before it is tried again: libtorrent's
// formula, base + base * percent/100 * fails^2 seconds, capped.
import { resolveTrackerFailoverOptions, type TrackerFailoverOptions } from './options.ts';

/** Seconds; defaults (libtorrent's tracker_retry_delay_min, tracker_backoff, tracker_retry_delay_max) in the schema. */
export type BackoffOptions = Pick<TrackerFailoverOptions, 'backoffBaseSeconds' | 'backoffPercent' | 'maxBackoffSeconds'>;

/** Seconds to wait after a tracker failed `timesInRow` times in a row (0 when it has not failed). */
export function backoffSeconds(timesInRow: number, options: BackoffOptions = {}): number {
  if (!(timesInRow > 0)) return 0;
  const { backoffBaseSeconds: base, backoffPercent: percent, maxBackoffSeconds: max } = resolveTrackerFailoverOptions(options);
  return Math.min(max, base + base * (percent / 100) * timesInRow * timesInRow);
}
