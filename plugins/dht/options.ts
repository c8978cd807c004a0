// The plugin's options with the defaults of its schema filled in: the schema
// (config-schema/dht.schema.json) is their only source.
import schema from '../../config-schema/dht.schema.json' with { type: 'json' };
import { fillDefaults } from '../../core/index.ts';
import type { DhtOptions, ResolvedDhtOptions } from './generated/options.ts';

export type { DhtOptions, ResolvedDhtOptions } from './generated/options.ts';

/** Throws OptionsError for options the schema rejects. */
export function resolveDhtOptions(given: DhtOptions = {}): ResolvedDhtOptions {
  return fillDefaults<ResolvedDhtOptions>(schema, given, 'dht');
}
