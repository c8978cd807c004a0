// One connection as the metadata exchange sees it: the plugin builds it from
// the extension API's ExtensionPeer; tests use fakes.
import type { ExtendedHandshake } from '../../core/wire/index.ts';

export interface MetadataPeer {
  readonly ip: string;
  readonly peerIdText: string | undefined;
  readonly closed: boolean;
  /** The peer's extended handshake (its ut_metadata id and metadata_size), once received. */
  readonly extendedHandshake: ExtendedHandshake | undefined;
  /** Bytes queued for the peer, not yet taken by its socket. */
  readonly writableLength: number;
  /** Sends a ut_metadata message under the id the peer announced; false when it cannot. */
  send(payload: Buffer): boolean;
  disconnect(reason: string): void;
}
