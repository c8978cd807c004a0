// The serving side of BEP 9: a request from a peer is answered with the piece
// of our info dictionary, or a reject. A malformed message ends the
// connection with a coded peer_error.
import type { EventSink } from '../../core/index.ts';
import { answerMetadataRequest, decodeMetadataMessage, encodeMetadataMessage, MetadataError, remoteMetadataSupport, type MetadataMessage } from './message.ts';
import type { MetadataPeer } from './metadata-peer.ts';

/**
 * Handles a ut_metadata message from `peer`: a request is answered with the
 * piece from `info`, or a reject when we do not have the metadata, the piece
 * does not exist, or the peer is not reading what we send (over
 * `maxQueuedBytes` wait in its socket). Returns the decoded message so that
 * the fetcher can take data and rejects. Throws MetadataError for a
 * malformed message.
 */
export function serveMetadataMessage(peer: MetadataPeer, payload: Uint8Array, info: Uint8Array | undefined, maxQueuedBytes: number): MetadataMessage {
  const message = decodeMetadataMessage(payload);
  if (message.type !== 'request') return message;
  // BEP 9: requests come from peers that announced ut_metadata; without its id we cannot answer.
  if (remoteMetadataSupport(peer.extendedHandshake) === undefined) return message;
  const answer = peer.writableLength > maxQueuedBytes ? ({ type: 'reject', piece: message.piece } as const) : answerMetadataRequest(info, message.piece);
  peer.send(encodeMetadataMessage(answer));
  return message;
}

/** serveMetadataMessage for a connection: a malformed message ends it with peer_error (and returns undefined). */
export function handleMetadataMessage(
  peer: MetadataPeer,
  payload: Uint8Array,
  info: Uint8Array | undefined,
  maxQueuedBytes: number,
  sink: EventSink,
): MetadataMessage | undefined {
  try {
    return serveMetadataMessage(peer, payload, info, maxQueuedBytes);
  } catch (err) {
    if (!(err instanceof MetadataError)) throw err;
    sink.emit('peer_error', { peer_id: peer.peerIdText, ip: peer.ip, error: err.message, code: err.code });
    peer.disconnect(`invalid data [${err.code}]: ${err.message}`);
    return undefined;
  }
}
