// Built-in plugin "tracker-failover": which trackers of a torrent to announce
// to (BEP 12) and when a failing one may be tried again.
//
// - It decides through two policy hooks, at Stage.DEFAULT: choose_trackers
//   (the BEP 12 choice, in its own order of each tier) and tracker_retry
//   (libtorrent's back-off). A user plugin decides first by tapping either at
//   Stage.POLICY, or replaces it after switching it off
//   (["tracker-failover", false]); without any tap the engine uses the first
//   tracker, in the metainfo's order, whose retry time has passed, and a
//   doubling retry delay.
// - The order is the plugin's own, kept per torrent: each tier is shuffled
//   once, on the torrent's first choice, and a tracker_success event moves
//   that tracker to the front of its tier in this order (an event only
//   informs: the engine's objects are left alone).
import schema from '../../config-schema/tracker-failover.schema.json' with { type: 'json' };
import { definePlugin, Stage } from '../../core/index.ts';
import type { Client, JsonSchema, Torrent } from '../../core/index.ts';
import { backoffSeconds } from './backoff.ts';
import { chooseTrackers } from './choose.ts';
import { resolveTrackerFailoverOptions, type TrackerFailoverOptions } from './options.ts';
import { TrackerOrder } from './order.ts';

export { backoffSeconds } from './backoff.ts';
export type { BackoffOptions } from './backoff.ts';
export { chooseTrackers, groupByTier } from './choose.ts';
export type { ChoiceOptions } from './choose.ts';
export { shuffle, TrackerOrder } from './order.ts';
export { resolveTrackerFailoverOptions } from './options.ts';
export type { ResolvedTrackerFailoverOptions, TrackerFailoverOptions } from './options.ts';

/** The name its taps carry; a user plugin can look for it in hooks.choose_trackers.taps. */
export const TRACKER_FAILOVER = 'tracker-failover';

export const trackerFailoverPlugin = definePlugin<TrackerFailoverOptions>({
  name: TRACKER_FAILOVER,
  schema: schema as JsonSchema,
  apply(client: Client, given: TrackerFailoverOptions) {
    const options = resolveTrackerFailoverOptions(given);
    const orders = new WeakMap<Torrent, TrackerOrder>();
    const orderOf = (torrent: Torrent): TrackerOrder => {
      let order = orders.get(torrent);
      if (order === undefined) {
        order = new TrackerOrder({ shuffleTiers: options.shuffleTiers });
        orders.set(torrent, order);
      }
      return order;
    };

    client.hooks.choose_trackers.tap({ name: TRACKER_FAILOVER, stage: Stage.DEFAULT }, (choice) =>
      chooseTrackers(orderOf(choice.torrent).arrange(choice.trackers), choice.now, options),
    );

    client.hooks.tracker_retry.tap({ name: TRACKER_FAILOVER, stage: Stage.DEFAULT }, (failure) =>
      failure.now + backoffSeconds(failure.timesInRow, options) * 1000,
    );

    client.hooks.tracker_success.tap(TRACKER_FAILOVER, (_client, info) => orderOf(info.torrent).promote(info.url));
  },
});

export default trackerFailoverPlugin;
