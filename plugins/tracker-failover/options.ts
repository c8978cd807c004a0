// The plugin's options with the defaults of its schema filled in: the schema
// (config-schema/tracker-failover.schema.json) is their only source.
import schema from '../../config-schema/tracker-failover.schema.json' with { type: 'json' };
import { fillDefaults } from '../../core/index.ts';
import type { ResolvedTrackerFailoverOptions, TrackerFailoverOptions } from './generated/options.ts';

export type { ResolvedTrackerFailoverOptions, TrackerFailoverOptions } from './generated/options.ts';

/** Throws OptionsError for options the schema rejects. */
export function resolveTrackerFailoverOptions(given: TrackerFailoverOptions = {}): ResolvedTrackerFailoverOptions {
  return fillDefaults<ResolvedTrackerFailoverOptions>(schema, given, 'tracker-failover');
}
