// One plugin tapping each policy hook: the engine asks these hooks for its
// decisions (whom to connect to, whom to ban, whom to put on parole, which
// trackers to announce to, when to retry a failing one, whom to unchoke, what
// to announce). The built-ins tap them at Stage.DEFAULT; these taps use
// Stage.POLICY, so they answer first, and `undefined` (no opinion) leaves the
// decision to the built-in or the engine's default.
// README.md shows each region below; test/project/readme-guide.test.ts keeps them equal.
//
// Run this file to see the answers to made-up questions (built-ins behind):
//   node --import=tsx examples/policy-hooks.ts
import { pathToFileURL } from 'node:url';
import { definePlugin, Stage } from '../core/index.ts';
import type { Peer, Torrent } from '../core/index.ts';

export const myPolicies = definePlugin({
  name: 'my-policies',
  apply(client) {
    // #region allow_connection
    // Refuse peers on privileged ports (< 1024): often bogus entries in trackers' peer lists.
    client.hooks.allow_connection.tap({ name: 'my-policies', stage: Stage.POLICY }, ({ address }) =>
      address.port < 1024 ? { allow: false, rule: { start: address.ip, end: address.ip, source: 'my-policies', label: 'privileged port' } } : undefined,
    );
    // #endregion
    // #region ban_peer
    // Never ban machines of the home network, whatever peer-ban's evidence says; others: peer-ban decides.
    client.hooks.ban_peer.tap({ name: 'my-policies', stage: Stage.POLICY }, (candidate) =>
      candidate.ip.startsWith('192.168.') ? false : undefined,
    );
    // #endregion
    // #region parole_peer
    // Machines of the home network share pieces even after a failed piece; others: peer-ban decides.
    client.hooks.parole_peer.tap({ name: 'my-policies', stage: Stage.POLICY }, ({ peer }) =>
      peer.ip.startsWith('192.168.') ? false : undefined,
    );
    // #endregion
    // #region choose_trackers
    // Announce to the first HTTPS tracker that is not backing off; without one, tracker-failover chooses.
    client.hooks.choose_trackers.tap({ name: 'my-policies', stage: Stage.POLICY }, ({ trackers, now }) => {
      const https = trackers.find((t) => t.url.startsWith('https:') && t.retryAt <= now);
      return https === undefined ? undefined : [https.url];
    });
    // #endregion
    // #region tracker_retry
    // A tracker that refuses with 403 will not change its mind soon: try it again in an hour; others: tracker-failover decides.
    client.hooks.tracker_retry.tap({ name: 'my-policies', stage: Stage.POLICY }, ({ statusCode, now }) =>
      statusCode === 403 ? now + 3_600_000 : undefined,
    );
    // #endregion
    // #region choose_unchoke
    // While seeding, give the upload slots to interested peers of the home network first.
    client.hooks.choose_unchoke.tap({ name: 'my-policies', stage: Stage.POLICY }, ({ peers, slots, seeding, rateOf }) => {
      if (!seeding) return undefined;
      const interested = peers.filter((p) => p.peerInterested);
      const home = (p: Peer): number => (p.ip.startsWith('192.168.') ? 0 : 1);
      return interested.sort((a, b) => home(a) - home(b) || rateOf(b) - rateOf(a)).slice(0, slots);
    });
    // #endregion
    // #region announce_params
    // Ask trackers for up to 200 peers (a waterfall: each tap returns the parameters, changed or not).
    client.hooks.announce_params.tap('my-policies', (params) => (params.event === 'stopped' ? params : { ...params, numwant: 200 }));
    // #endregion
    // #region stages
    // Stage.REPORT runs after the others: here it sees the parameters as they will be sent.
    client.hooks.announce_params.tap({ name: 'my-policies', stage: Stage.REPORT }, (params) => {
      console.log(`announcing to ${params.url}: event ${params.event}, numwant ${params.numwant}, left ${params.left}`);
      return params;
    });
    // #endregion
  },
});

export default myPolicies;

// ------------------------------------------------------------------ demo

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { createClient } = await import('../core/index.ts');
  const client = await createClient({ config: false, plugins: [['logger', false], myPolicies] });
  const torrent: Torrent = { infoHash: 'ab'.repeat(20), name: 'demo.iso', state: 'seeding', private: false };
  const peer = (ip: string, interested: boolean): Peer =>
    ({ ip, port: 6881, protocol: 'tcp4', direction: 'incoming', peerInterested: interested }) as Partial<Peer> as Peer;

  const connect = (ip: string, port: number): string => {
    const verdict = client.hooks.allow_connection.call({ address: { ip, port }, protocol: 'tcp4', direction: 'outgoing' });
    return verdict === undefined || verdict.allow ? 'allowed' : `refused (${verdict.rule.label})`;
  };
  console.log(`allow_connection 203.0.113.7:80: ${connect('203.0.113.7', 80)}`);
  console.log(`allow_connection 203.0.113.7:51413: ${connect('203.0.113.7', 51413)}`);

  const ban = (ip: string): string => {
    const answer = client.hooks.ban_peer.call({ torrent, ip, failedPieces: 1, passedPieces: 0, proven: true, reason: 'sent a corrupt block' });
    return answer === true ? 'ban' : answer === false ? 'vetoed' : 'no ban';
  };
  console.log(`ban_peer 192.168.1.20 (proven): ${ban('192.168.1.20')}`);
  console.log(`ban_peer 203.0.113.9 (proven): ${ban('203.0.113.9')}`);

  // A piece both sent a block of fails: peer-ban puts both on parole, unless a policy says otherwise.
  const block = (ip: string, begin: number) => ({ begin, length: 16384, peer: undefined, ip });
  client.emit('piece_hash_failed', { torrent, index: 0, peers: [], blocks: [block('192.168.1.20', 0), block('203.0.113.9', 16384)], data: undefined });
  const parole = (ip: string): string =>
    client.hooks.parole_peer.call({ torrent, peer: peer(ip, true), after: 'piece_failed', index: 0 }) === true ? 'on parole' : 'not on parole';
  console.log(`parole_peer 192.168.1.20 after a failed piece: ${parole('192.168.1.20')}`);
  console.log(`parole_peer 203.0.113.9 after a failed piece: ${parole('203.0.113.9')}`);

  const trackers = [
    { url: 'udp://tracker.example:6969/announce', tier: 0, timesInRow: 0, retryAt: 0 },
    { url: 'https://tracker.example/announce', tier: 1, timesInRow: 0, retryAt: 0 },
  ];
  console.log(`choose_trackers: ${client.hooks.choose_trackers.call({ torrent, trackers, now: Date.now() })?.join(', ')}`);

  const peers = [peer('203.0.113.1', true), peer('192.168.1.30', true), peer('203.0.113.2', false), peer('203.0.113.3', true)];
  const rateOf = (p: Peer): number => (p.ip === '203.0.113.3' ? 5000 : 1000);
  const unchoked = client.hooks.choose_unchoke.call({ torrent, peers, slots: 2, seeding: true, rateOf });
  console.log(`choose_unchoke (2 slots): ${unchoked?.map((p) => p.ip).join(', ')}`);

  const params = { url: 'https://tracker.example/announce', infoHash: torrent.infoHash, port: 6881, uploaded: 0, downloaded: 0, left: 0, event: 'started', numwant: 50 } as const;
  client.hooks.announce_params.call(params);
  await client.destroy();
}
