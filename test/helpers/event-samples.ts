// Sample attributes for firing events by hand (client.emit) in tests of the
// hook table and of plugins that listen to everything. Real-traffic tests
// live with the modules that fire the events.
import type { EventAttributes, EventName, FilterRule, Packet, Peer, Torrent, TorrentFile } from '../../core/index.ts';

export function samplePeer(overrides: Partial<Peer> = {}): Peer {
  return {
    ip: '127.0.0.1',
    port: 51413,
    protocol: 'tcp4',
    encryption: 'none',
    direction: 'outgoing',
    peerId: Buffer.from('-LT2080-abcdefghijkl'),
    clientName: 'libtorrent 2.0.8',
    amChoking: true,
    amInterested: false,
    peerChoking: true,
    peerInterested: false,
    bytesIn: 0,
    bytesOut: 0,
    infoHash: 'c12fe1c06bba254a9dc9f519b335aa7c1367a88a',
    disconnect: () => undefined,
    ...overrides,
  };
}

export const TORRENT: Torrent = {
  infoHash: 'c12fe1c06bba254a9dc9f519b335aa7c1367a88a',
  name: 'ubuntu.iso',
  state: 'downloading',
  private: false,
};

export const FILE: TorrentFile = {
  path: 'ubuntu/ubuntu.iso',
  absolutePath: '/downloads/ubuntu/ubuntu.iso',
  length: 1 << 20,
  offset: 0,
};

export const RULE: FilterRule = { start: '10.0.0.0', end: '10.255.255.255', source: '.btrc', label: 'private' };

export const PACKET: Packet = { type: 'have', index: 7 };

const PEER = samplePeer();
const PEER6 = samplePeer({ ip: '::1', port: 6882, protocol: 'tcp6', peerId: undefined, clientName: undefined });

/** One set of attributes per event (every spec event has one). */
export const SAMPLES: { readonly [K in EventName]?: EventAttributes[K] } = {
  ip_filter: { address: { ip: '10.1.2.3', port: 6881 }, protocol: 'tcp4', rule: RULE },
  listen_failure: { port: [6881, 6882], protocol: 'tcp6', error: new Error('EADDRINUSE'), listening: [{ protocol: 'tcp4', port: 6881 }] },
  listen_success: { port: 6881, protocol: 'tcp4' },
  peer_id: { peer: PEER, peer_id: '-LT2080-abcdefghijkl' },
  peer_handshake_complete: { peer: PEER6 },
  peer_disconnect: { peer: PEER, reason: 'connection reset' },
  peer_data_in: { peer: PEER, length: 16397 },
  peer_data_out: { peer: PEER, length: 68 },
  peer_packet_out: { peer: PEER, packet: { type: 'interested' } },
  peer_packet_in: { peer: PEER, packet: PACKET },
  file_error: { file: FILE, torrent: TORRENT, error: new Error('ENOSPC: no space left on device') },
  file_open: { file: FILE, mode: 'r+' },
  file_close: { file: FILE },
  file_write: { file: FILE, length: 16384 },
  file_read: { file: FILE, length: 16384 },
  tracker_announce: { torrent: TORRENT, url: 'http://tracker.example/announce', announce_event: 'started' },
  tracker_failure: { torrent: TORRENT, url: 'udp://tracker.example:6969', times_in_row: 3, status_code: 0, reason: 'timed out' },
  tracker_success: { torrent: TORRENT, url: 'http://tracker.example/announce', peer_count: 42, interval: 1800 },
  tracker_warning: { torrent: TORRENT, url: 'http://tracker.example/announce', warning: 'slow down' },
  url_seed: { url: 'http://seed.example/ubuntu.iso', torrent: TORRENT, reason: 'HTTP 404' },
  piece_hash_failed: {
    torrent: TORRENT,
    index: 3,
    peers: [PEER, PEER6],
    blocks: [{ begin: 0, length: 16384, peer: PEER, ip: PEER.ip }],
    data: Buffer.alloc(32768, 1),
  },
  piece_hash_passed: { torrent: TORRENT, index: 4, peers: [PEER], blocks: [], data: undefined },
  peer_ban: { torrent: TORRENT, ip: '192.0.2.7', reason: 'sent 3 corrupt pieces' },
  peer_error: { peer_id: undefined, ip: '192.0.2.8', error: 'message length 9999999 is over the limit', code: 'WIRE_TOO_LONG' },
  invalid_request: { torrent: TORRENT, ip: '192.0.2.9', reason: 'block beyond the end of piece 3' },
  tracker_write: { torrent: TORRENT, url: 'udp://tracker.example:6969', length: 98 },
  tracker_read: { torrent: TORRENT, url: 'udp://tracker.example:6969', length: 320 },
  torrent_complete: { torrent: TORRENT },
  plugin_error: { plugin: 'example', hook: 'peer_ban', error: new Error('boom') },
  file_recheck: { torrent: TORRENT, file: FILE, phase: 'finished', pieces: 12, missing: 5 },
  pex_peers: { torrent: TORRENT, peer: PEER, added: [{ ip: '10.0.0.2', port: 6881 }, { ip: '2001:db8::2', port: 51413 }], dropped: [{ ip: '10.0.0.3', port: 6882 }] },
  resume_data_error: { torrent: TORRENT, path: '/data/.ubuntu.0123abcd.swarmhook-resume', operation: 'load', error: new Error('resume data is corrupt') },
  dht_bootstrap: { port: 6881, nodes: 57 },
  dht_get_peers: { info_hash: '0123456789abcdef0123456789abcdef01234567', peers: 12, nodes: 8 },
  dht_announce: { info_hash: '0123456789abcdef0123456789abcdef01234567', nodes: 8 },
  dht_error: { code: 'DHT_BOOTSTRAP', error: new Error('getaddrinfo ENOTFOUND router.example'), address: 'router.example:6881' },
  torrent_added: { torrent: TORRENT },
  torrent_removed: { torrent: TORRENT },
  torrent_paused: { torrent: TORRENT },
  torrent_resumed: { torrent: TORRENT },
  metadata_received: { torrent: TORRENT, size: 30_452 },
  state_changed: { torrent: TORRENT, from: 'checking', to: 'downloading' },
  torrent_checked: { torrent: TORRENT, pieces: 12, total: 640 },
  file_completed: { torrent: TORRENT, file: FILE, index: 0 },
  stats: { torrent: TORRENT, download_rate: 2_500_000, upload_rate: 180_000, downloaded: 52_428_800, uploaded: 1_048_576, left: 104_857_600, progress: 0.33, num_peers: 7, num_seeds: 3, eta: 42 },
  lsd_peer: { torrent: TORRENT, ip: '192.168.1.20', port: 6881 },
  lsd_error: { code: 'LSD_BAD_INFOHASH', error: new Error('LSD info hash "xyz" is not 40 hex digits'), address: '192.168.1.20:6771' },
  rpc_request: { method: 'torrent-stop', ip: '127.0.0.1', user: 'admin', arguments: { ids: [1] } },
  rpc_refused: { ip: '192.0.2.7', code: 'RPC_AUTH_FAILED', reason: 'wrong user name or password' },
  watch_dir_added: { path: '/srv/watch/ubuntu.iso.torrent.added', torrent: TORRENT },
  watch_dir_error: { path: '/srv/watch/broken.torrent', code: 'BAD_BENCODE', error: new Error('not a bencoded dictionary') },
};

/** The sample of event K; throws when there is none (a new event needs one here). */
export function sample<K extends EventName>(event: K): EventAttributes[K] {
  const attributes = SAMPLES[event] as EventAttributes[K] | undefined;
  if (attributes === undefined) throw new Error(`test/helpers/event-samples.ts has no sample for ${event}`);
  return attributes;
}
