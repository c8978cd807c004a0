// Built-in plugin "ut-metadata": the metadata exchange (BEP 9, ut_metadata)
// on the extension API, as libtorrent's ut_metadata.cpp sits on its
// peer_plugin. Both directions:
//
// - serving: a peer's request for a piece of the info dictionary of a
//   torrent we hold is answered with the piece (metadata_size is in our
//   extended handshake), or a reject when we have no metadata yet, the piece
//   does not exist, or the peer does not read what we send (maxQueuedBytes);
// - fetching: for a magnet link's torrent, one peer announcing a
//   metadata_size at a time is asked for the whole dictionary (fetcher.ts);
//   once it hashes to the info hash it goes to the engine through
//   client.supplyMetadata and the torrent starts.
//
// It is also the client's metadata source (client.addMetadataSource): a
// client without it refuses magnet links (NO_METADATA_SOURCE) instead of
// waiting for ever, as a libtorrent session without its ut_metadata plugin
// cannot add them either. createClient and .btrc apply it by default; a bare
// `new Client()` applies no plugin, so `utMetadata.apply(client, {})`.
//
// Hostile peers: a malformed message ends the connection with a coded
// peer_error (BAD_METADATA_MESSAGE); metadata that does not hash to the info
// hash, or pieces and sizes that do not fit, blame the source the same way
// (BAD_METADATA, BAD_METADATA_PIECE, BAD_METADATA_SIZE). What a peer can make
// us allocate is bounded by maxMetadataSize.
import schema from '../../config-schema/ut-metadata.schema.json' with { type: 'json' };
import { definePlugin, fillDefaults } from '../../core/index.ts';
import { formatPeerId } from '../../core/peer/index.ts';
import type { Client, JsonSchema, Peer } from '../../core/index.ts';
import { MetadataFetcher } from './fetcher.ts';
import { remoteMetadataSupport, UT_METADATA } from './message.ts';
import type { MetadataPeer } from './metadata-peer.ts';
import { handleMetadataMessage } from './serve.ts';
import type { ResolvedUtMetadataOptions, UtMetadataOptions } from './generated/options.ts';

export { MetadataAssembler } from './assembler.ts';
export { MetadataFetcher } from './fetcher.ts';
export type { MetadataFetcherOptions } from './fetcher.ts';
export {
  METADATA_PIECE_LENGTH,
  MetadataError,
  UT_METADATA,
  answerMetadataRequest,
  decodeMetadataMessage,
  encodeMetadataMessage,
  metadataPiece,
  metadataPieceCount,
  metadataPieceLength,
  remoteMetadataSupport,
} from './message.ts';
export type { MetadataErrorCode, MetadataMessage, RemoteMetadataSupport } from './message.ts';
export type { MetadataPeer } from './metadata-peer.ts';
export { handleMetadataMessage, serveMetadataMessage } from './serve.ts';
export type { ResolvedUtMetadataOptions, UtMetadataOptions } from './generated/options.ts';

const NAME = 'ut-metadata';
/** How often fetchers look for stalled requests and peers to ask again. */
const TICK_MS = 1000;

export default definePlugin<UtMetadataOptions>({
  name: NAME,
  schema: schema as JsonSchema,
  apply(client: Client, given) {
    const options = fillDefaults<ResolvedUtMetadataOptions>(schema, given, NAME);
    /** Every connection that sent an extended handshake, as the exchange sees it. */
    const peers = new Map<Peer, MetadataPeer>();
    /** One fetcher per magnet link still waiting for its metadata. */
    const fetchers = new Map<string, MetadataFetcher>();
    /** Magnet links whose dictionary went to the engine, until their torrent starts: a late peer starts no second fetch. */
    const supplied = new Set<string>();
    let timer: NodeJS.Timeout | undefined;

    // BEP 9: a peer asks only for metadata we announce the size of.
    client.hooks.extended_handshake.tap(NAME, (handshake, { infoHash }) => {
      const size = client.infoDictionary(infoHash)?.length;
      return size === undefined ? handshake : { ...handshake, metadata_size: size };
    });

    client.addMetadataSource({
      name: NAME,
      offersMetadata: (peer) => remoteMetadataSupport(peers.get(peer)?.extendedHandshake)?.size !== undefined,
    });

    client.extensions.register({
      name: UT_METADATA,
      plugin: NAME,
      onPeer(ext) {
        const infoHash = ext.peer.infoHash;
        if (infoHash === undefined) return undefined;
        let closed = false;
        const peer: MetadataPeer = {
          ip: ext.peer.ip,
          get peerIdText() {
            return ext.peer.peerId === undefined ? undefined : formatPeerId(ext.peer.peerId);
          },
          get closed() {
            return closed;
          },
          get extendedHandshake() {
            return ext.handshake;
          },
          get writableLength() {
            return ext.queuedBytes;
          },
          send: (payload) => ext.send(payload),
          disconnect: (reason) => ext.peer.disconnect(reason),
        };
        peers.set(ext.peer, peer);
        fetcherFor(infoHash)?.addPeer(peer);
        return {
          onMessage(payload) {
            const message = handleMetadataMessage(peer, payload, client.infoDictionary(infoHash), options.maxQueuedBytes, client);
            if (message !== undefined && !closed) fetchers.get(infoHash)?.onMessage(peer, message);
          },
          onHandshake() {
            fetchers.get(infoHash)?.handshakeChanged(peer);
          },
          onClose() {
            closed = true;
            peers.delete(ext.peer);
            fetchers.get(infoHash)?.removePeer(peer);
          },
        };
      },
    });

    client.onDestroy(NAME, () => {
      for (const fetcher of fetchers.values()) fetcher.stop();
      fetchers.clear();
      stopTimer();
    });

    /** The fetcher of a magnet link waiting for its metadata; undefined for any other torrent. */
    function fetcherFor(infoHash: string): MetadataFetcher | undefined {
      let fetcher = fetchers.get(infoHash);
      if (fetcher !== undefined) return fetcher;
      for (const done of supplied) if (!isWaiting(done)) supplied.delete(done);
      if (supplied.has(infoHash) || !isWaiting(infoHash)) return undefined;
      fetcher = new MetadataFetcher({
        infoHash: Buffer.from(infoHash, 'hex'),
        sink: client,
        onMetadata: (info) => supply(infoHash, info),
        maxSize: options.maxMetadataSize,
        window: options.requestWindow,
        requestTimeoutMs: options.requestTimeoutMs,
        retryMs: options.retryMs,
      });
      fetchers.set(infoHash, fetcher);
      timer ??= setInterval(tick, TICK_MS).unref();
      return fetcher;
    }

    function isWaiting(infoHash: string): boolean {
      return client.magnets.some((m) => m.infoHash === infoHash);
    }

    function supply(infoHash: string, info: Buffer): void {
      forget(infoHash);
      supplied.add(infoHash);
      // The fetcher checked the SHA-1: the engine takes it (false: the magnet was removed meanwhile).
      client.supplyMetadata(infoHash, info);
    }

    function tick(): void {
      for (const [infoHash, fetcher] of fetchers) {
        if (isWaiting(infoHash)) fetcher.tick();
        else forget(infoHash);
      }
    }

    function forget(infoHash: string): void {
      fetchers.get(infoHash)?.stop();
      fetchers.delete(infoHash);
      if (fetchers.size === 0) stopTimer();
    }

    function stopTimer(): void {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    }
  },
});
