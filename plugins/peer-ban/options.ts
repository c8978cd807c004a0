// The plugin's options with the defaults of its schema filled in: the schema
// (config-schema/peer-ban.schema.json) is their only source, also for the
// defaults of TrustTable and BlockEvidence built without options.
import schema from '../../config-schema/peer-ban.schema.json' with { type: 'json' };
import { fillDefaults } from '../../core/index.ts';
import type { PeerBanOptions, ResolvedPeerBanOptions } from './generated/options.ts';

export type { PeerBanOptions, ResolvedPeerBanOptions } from './generated/options.ts';

/** Frozen; maxHashFails stays absent unless given (absent: off). Throws OptionsError for options the schema rejects. */
export function resolvePeerBanOptions(given: PeerBanOptions = {}): ResolvedPeerBanOptions {
  return Object.freeze(fillDefaults<ResolvedPeerBanOptions>(schema, given, 'peer-ban'));
}
