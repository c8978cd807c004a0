// What the Client (and the engine behind it) throws when it is asked
// something it cannot do in its present state.
import { CodedError } from './errors.ts';

export type ClientErrorCode =
  /** The client was destroyed: it adds no torrent and opens no socket any more. */
  | 'CLIENT_DESTROYED'
  /** A torrent with this info hash is already added (or its magnet link is fetching metadata). */
  | 'TORRENT_EXISTS'
  /** A plugin of this name is already applied to this client. */
  | 'PLUGIN_ALREADY_APPLIED'
  /** A magnet link was added to a client with no metadata source (the ut-metadata plugin): its torrent could never start. */
  | 'NO_METADATA_SOURCE'
  /** A metadata source supplied an info dictionary that does not hash to the torrent's info hash. */
  | 'METADATA_MISMATCH'
  /** A .torrent file given by an http(s) URL could not be fetched (status, size, time, connection): the cause says which. */
  | 'TORRENT_URL_FAILED';

export class ClientError extends CodedError<ClientErrorCode> {}
