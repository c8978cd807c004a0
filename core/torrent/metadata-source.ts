// Where a magnet link's info dictionary comes from. The engine holds a
// magnet link's torrent and its connections (MagnetSwarm) but speaks no
// metadata protocol: a metadata source, registered by a plugin (the
// ut-metadata built-in: BEP 9 from peers), finds the dictionary and hands it
// over with Client.supplyMetadata. A client with no source refuses magnet
// links at once (NO_METADATA_SOURCE) instead of waiting for ever, as a
// libtorrent session without its ut_metadata plugin cannot add them either.
import type { Peer } from '../types.ts';

export interface MetadataSource {
  /** The plugin that registered it, for errors. */
  readonly name: string;
  /**
   * Whether this connection of a magnet link's torrent can give us the
   * dictionary (ut_metadata: it announced a metadata_size). While the
   * metadata phase is full, a connection no source finds useful makes room
   * for a newcomer.
   */
  offersMetadata(peer: Peer): boolean;
}

/** The raw info dictionary of a torrent's metainfo (Metainfo.infoBuffer), when the object carries one. */
export function infoDictionaryOf(meta: object): Buffer | undefined {
  const info = (meta as { readonly infoBuffer?: unknown }).infoBuffer;
  return Buffer.isBuffer(info) ? info : undefined;
}
