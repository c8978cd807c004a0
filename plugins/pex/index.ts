// Built-in plugin "pex": peer exchange (BEP 11, ut_pex) on the extension API,
// as libtorrent's ut_pex.cpp sits on its peer_plugin.
//
// - Every intervalMs (a minute, as libtorrent; the first one an interval
//   after the handshake) each peer that speaks ut_pex hears which peers of the
//   torrent we connected to since the last message (`added`, with a listen
//   port we know) and which are gone (`dropped`), at most maxPeersPerMessage
//   of each, IPv4 and IPv6.
// - What a peer tells us goes through the torrent's normal path
//   (Swarm.addPeers: allow_connection, the ban list, the connection limits);
//   the event pex_peers says what was learnt.
// - Never on private torrents (BEP 27): ut_pex is not even announced there (a
//   magnet link announces it before its metadata, as libtorrent does, and
//   exchanges nothing until the torrent is known to be public).
// - Hostile peers: a malformed or oversized message is reported as
//   peer_error (coded, see message.ts) and ignored; messages faster than half
//   the interval are ignored; the peer stays.
import schema from '../../config-schema/pex.schema.json' with { type: 'json' };
import { definePlugin, fillDefaults } from '../../core/index.ts';
import type { Address, Client, ExtensionPeer, JsonSchema, Peer } from '../../core/index.ts';
import { PexError, decodePexMessage, encodePexMessage, type PexPeer } from './message.ts';

export { MAX_PEX_MESSAGE_BYTES, MAX_PEX_PEERS_RECEIVED, MAX_PEX_PEERS_SENT, PexError, decodePexMessage, encodePexMessage } from './message.ts';
export type { PexErrorCode, PexMessage, PexPeer } from './message.ts';

import type { PexOptions, ResolvedPexOptions } from './generated/options.ts';

export type { PexOptions, ResolvedPexOptions } from './generated/options.ts';

export const UT_PEX = 'ut_pex';

const key = (a: Address): string => `${a.ip}|${a.port}`;

/** Where a connected peer accepts connections: the port we dialled, or the `p` of its handshake; undefined when unknown. */
function listenAddress(peer: Peer, known: ExtensionPeer | undefined): Address | undefined {
  if (peer.direction === 'outgoing') return { ip: peer.ip, port: peer.port };
  const p = known?.handshake.p;
  return p !== undefined && p > 0 && p < 65536 ? { ip: peer.ip, port: p } : undefined;
}

export default definePlugin<PexOptions>({
  name: 'pex',
  schema: schema as JsonSchema,
  apply(client: Client, given) {
    const options = fillDefaults<ResolvedPexOptions>(schema, given, 'pex');
    /** Per torrent, the ExtensionPeer of each connection that sent an extended handshake (for incoming peers' listen ports). */
    const known = new Map<string, Map<Peer, ExtensionPeer>>();
    // Only a torrent we hold, known to be public, exchanges peers.
    const isPrivate = (infoHash: string | undefined): boolean => infoHash === undefined || client.torrent(infoHash)?.private !== false;

    // BEP 27: no ut_pex on private torrents, not even in the handshake. A
    // magnet link's torrent is not known to be private before its metadata
    // (libtorrent announces ut_pex then too); nothing is exchanged until it is
    // known to be public.
    client.hooks.extended_handshake.tap('pex', (handshake, { infoHash }) => {
      if (client.torrent(infoHash)?.private !== true || !(UT_PEX in handshake.m)) return handshake;
      const m = { ...handshake.m };
      delete m[UT_PEX];
      return { ...handshake, m };
    });

    client.extensions.register({
      name: UT_PEX,
      plugin: 'pex',
      onPeer(ext) {
        const infoHash = ext.peer.infoHash;
        if (infoHash === undefined) return undefined;
        let peers = known.get(infoHash);
        if (peers === undefined) known.set(infoHash, (peers = new Map()));
        peers.set(ext.peer, ext);
        const torrentPeers = peers;
        if (ext.remoteId === undefined) return { onClose: () => forget(infoHash, ext.peer) };
        /** What this peer was told is connected (key -> address). */
        const told = new Map<string, Address>();
        let lastReceived = -Infinity;
        const timer = setInterval(() => {
          if (isPrivate(infoHash)) return;
          const torrent = client.torrent(infoHash);
          if (torrent === undefined) return;
          const now = new Map<string, Address>();
          for (const p of torrent.peers) {
            if (p === ext.peer) continue;
            const address = listenAddress(p, torrentPeers.get(p));
            if (address !== undefined) now.set(key(address), address);
          }
          const added: PexPeer[] = [];
          for (const [k, a] of now) if (!told.has(k) && added.length < options.maxPeersPerMessage) added.push({ ...a, flags: 0 });
          const dropped: Address[] = [];
          for (const [k, a] of told) if (!now.has(k) && dropped.length < options.maxPeersPerMessage) dropped.push(a);
          if (added.length === 0 && dropped.length === 0) return;
          for (const a of added) told.set(key(a), a);
          for (const a of dropped) told.delete(key(a));
          ext.send(encodePexMessage({ added, dropped }));
        }, options.intervalMs);
        timer.unref();
        return {
          onMessage(payload) {
            if (isPrivate(infoHash)) return;
            const at = Date.now();
            // A flood: one message per half interval is plenty (BEP 11: at most one a minute).
            if (at - lastReceived < options.intervalMs / 2) return;
            lastReceived = at;
            let message;
            try {
              message = decodePexMessage(payload);
            } catch (err) {
              if (!(err instanceof PexError)) throw err;
              client.emit('peer_error', { peer_id: undefined, ip: ext.peer.ip, error: err.message, code: err.code });
              return;
            }
            const torrent = client.torrent(infoHash);
            if (torrent === undefined) return;
            const added = message.added.filter((a) => !client.isBanned(a.ip, infoHash) && !(a.port === client.port && a.ip === ext.peer.ip));
            if (client.listens('pex_peers')) client.emit('pex_peers', { torrent, peer: ext.peer, added, dropped: [...message.dropped] });
            if (added.length > 0) torrent.addPeers(added.map(({ ip, port }) => ({ ip, port })));
          },
          onClose() {
            clearInterval(timer);
            forget(infoHash, ext.peer);
          },
        };
      },
    });

    function forget(infoHash: string, peer: Peer): void {
      const peers = known.get(infoHash);
      peers?.delete(peer);
      if (peers?.size === 0) known.delete(infoHash);
    }
  },
});
