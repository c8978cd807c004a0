// A plugin that keeps traffic statistics per peer from the hot events
// peer_data_in and peer_data_out (raw bytes read from and written to each
// connection, protocol overhead included), and prints them when a download
// completes. Hot events cost nothing while untapped; this plugin taps them, so
// its taps do the least possible: two additions per socket read or write.
//
// Load it from a .btrc (paths are relative to the config file):
//   "plugins": ["./peer-stats.ts"]
//
// Run this file to watch it on a local swarm (two seeders, one downloader):
//   node --import=tsx examples/peer-stats.ts
import { pathToFileURL } from 'node:url';
import { definePlugin } from '../core/index.ts';
import type { JsonSchema, Peer } from '../core/index.ts';
import { runLocalSwarm } from './local-swarm.ts';

export interface PeerStatsOptions {
  /** Where the lines go. Default: console.log. */
  readonly print?: (line: string) => void;
}

interface Traffic {
  readonly address: string;
  client: string | undefined;
  bytesIn: number;
  bytesOut: number;
}

const schema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { print: { description: 'A function called with each line (JavaScript config files and code only).' } },
};

export const peerStats = definePlugin<PeerStatsOptions>({
  name: 'peer-stats',
  schema,
  apply(client, options) {
    const print = options.print ?? ((line: string) => console.log(line));
    // One record per connection, per torrent; a WeakMap would lose closed connections' counts.
    const byTorrent = new Map<string, Map<Peer, Traffic>>();
    const recordOf = (peer: Peer): Traffic => {
      const key = peer.infoHash ?? 'no torrent yet';
      let peers = byTorrent.get(key);
      if (peers === undefined) byTorrent.set(key, (peers = new Map()));
      let record = peers.get(peer);
      if (record === undefined) {
        const address = peer.protocol === 'tcp6' ? `[${peer.ip}]:${peer.port}` : `${peer.ip}:${peer.port}`;
        peers.set(peer, (record = { address, client: undefined, bytesIn: 0, bytesOut: 0 }));
      }
      return record;
    };
    client.hooks.peer_data_in.tap('peer-stats', (_client, { peer, length }) => void (recordOf(peer).bytesIn += length));
    client.hooks.peer_data_out.tap('peer-stats', (_client, { peer, length }) => void (recordOf(peer).bytesOut += length));
    client.hooks.peer_id.tap('peer-stats', (_client, { peer }) => void (recordOf(peer).client = peer.clientName));

    client.hooks.torrent_complete.tap('peer-stats', (_client, { torrent }) => {
      const peers = [...(byTorrent.get(torrent.infoHash)?.values() ?? [])];
      // A torrent complete when added (found on disk) moved no bytes: nothing to report.
      if (peers.length === 0) return;
      peers.sort((a, b) => b.bytesIn - a.bytesIn || a.address.localeCompare(b.address));
      print(`${torrent.name} complete: traffic with ${peers.length} peer${peers.length === 1 ? '' : 's'}`);
      for (const p of peers) print(`  ${p.address} (${p.client ?? 'unknown client'}): in ${p.bytesIn} bytes, out ${p.bytesOut} bytes`);
      const total = peers.reduce((sum, p) => ({ in: sum.in + p.bytesIn, out: sum.out + p.bytesOut }), { in: 0, out: 0 });
      print(`  total: in ${total.in} bytes, out ${total.out} bytes`);
    });
  },
});

export default peerStats;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runLocalSwarm({ seeders: 2, downloaderPlugins: [peerStats] }, ({ meta }) => {
    console.log(`payload: ${meta.length} bytes in ${meta.pieceCount} pieces`);
  });
}
