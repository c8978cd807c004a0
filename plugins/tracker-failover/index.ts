// Built-in plugin "tracker-failover": which trackers of a torrent to announce
// to (BEP 12) and when a failing one may be tried again.
//
// - The decision is its choose_trackers tap (Stage.DEFAULT). A user plugin
//   decides first by tapping at Stage.POLICY, or replaces it after switching
//   it off (["tracker-failover", false]); without any tap the engine uses the
//   first tracker, in tier order, whose retryAt has passed.
// - It learns from the events: tracker_failure sets the tracker's retryAt
//   (libtorrent's back-off), tracker_success moves the tracker to the front
//   of its tier. Each tier is shuffled once, on the torrent's first choice.
import schema from '../../config-schema/tracker-failover.schema.json' with { type: 'json' };
import { announcerOf, definePlugin, Stage } from '../../core/index.ts';
import type { Announcer, Client, JsonSchema, Torrent } from '../../core/index.ts';
import { backoffSeconds } from './backoff.ts';
import { chooseTrackers, shuffle } from './choose.ts';
import { resolveTrackerFailoverOptions, type TrackerFailoverOptions } from './options.ts';

export { backoffSeconds } from './backoff.ts';
export type { BackoffOptions } from './backoff.ts';
export { chooseTrackers, groupByTier, shuffle } from './choose.ts';
export type { ChoiceOptions } from './choose.ts';
export { resolveTrackerFailoverOptions } from './options.ts';
export type { ResolvedTrackerFailoverOptions, TrackerFailoverOptions } from './options.ts';

/** The name its taps carry; a user plugin can look for it in hooks.choose_trackers.taps. */
export const TRACKER_FAILOVER = 'tracker-failover';

/** Shuffles every tier of the torrent's trackers. */
export function shuffleTiers(announcer: Announcer, random: () => number = Math.random): void {
  announcer.tiers.forEach((tier, i) => announcer.reorderTier(i, shuffle(tier.map((t) => t.url), random)));
}

export const trackerFailoverPlugin = definePlugin<TrackerFailoverOptions>({
  name: TRACKER_FAILOVER,
  schema: schema as JsonSchema,
  apply(client: Client, given: TrackerFailoverOptions) {
    const options = resolveTrackerFailoverOptions(given);
    const shuffled = new WeakSet<Announcer>();

    client.hooks.choose_trackers.tap({ name: TRACKER_FAILOVER, stage: Stage.DEFAULT }, (choice) => {
      let trackers = choice.trackers;
      const announcer = announcerOf(choice.torrent);
      if (options.shuffleTiers !== false && announcer !== undefined && !shuffled.has(announcer)) {
        shuffled.add(announcer);
        shuffleTiers(announcer);
        trackers = announcer.trackers.map((t) => t.candidate);
      }
      return chooseTrackers(trackers, choice.now, options);
    });

    client.hooks.tracker_failure.tap(TRACKER_FAILOVER, (_client, info) => {
      const tracker = announcerOf(info.torrent)?.tracker(info.url);
      if (tracker !== undefined) tracker.retryAt = Date.now() + backoffSeconds(info.times_in_row, options) * 1000;
    });

    client.hooks.tracker_success.tap(TRACKER_FAILOVER, (_client, info) => {
      const announcer = announcerOf(info.torrent);
      const tracker = announcer?.tracker(info.url);
      if (announcer === undefined || tracker === undefined) return;
      tracker.retryAt = 0;
      announcer.moveToFront(info.url);
    });
  },
});

export default trackerFailoverPlugin;
