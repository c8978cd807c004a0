// A user ban policy that overrides the built-in peer-ban plugin's decisions
// without replacing it: peer-ban still gathers the evidence and asks the
// ban_peer policy hook; this plugin answers first (Stage.POLICY).
//
// - Addresses in `trusted` (your own seedbox, a friend's machine) are never
//   banned, whatever the evidence: the answer false vetoes the ban.
// - On a private torrent every untrusted address that sent part of a piece
//   that failed is banned at the first failure (`strictOnPrivate`): on a
//   private tracker there are plenty of accountable peers, so no second chances.
// - Anything else: no opinion (undefined), so peer-ban's own rule decides.
//
// Load it from a .btrc (paths are relative to the config file), e.g.
// examples/btrc/custom-ban-policy.btrc.json:
//   "plugins": [["../custom-ban-policy.ts", { "trusted": ["192.168.1.20"] }]]
//
// Run this file to see its answers (with peer-ban's behind it) to made-up candidates:
//   node --import=tsx examples/custom-ban-policy.ts
import { pathToFileURL } from 'node:url';
import { definePlugin, Stage } from '../core/index.ts';
import { isIp, normalizeIp } from '../core/net/address.ts'; // 'swarmhook/net' in your project
import type { BanCandidate, JsonSchema } from '../core/index.ts';

export interface CustomBanPolicyOptions {
  /** Addresses never to ban (IPv4 or IPv6; ::ffff:1.2.3.4 counts as 1.2.3.4). */
  readonly trusted?: readonly string[];
  /** Ban at the first failed piece on private torrents. Default true. */
  readonly strictOnPrivate?: boolean;
}

const schema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    trusted: { type: 'array', items: { type: 'string', minLength: 1 }, default: [] },
    strictOnPrivate: { type: 'boolean', default: true },
  },
};

export const customBanPolicy = definePlugin<CustomBanPolicyOptions>({
  name: 'custom-ban-policy',
  schema,
  // Not required: without peer-ban nothing asks ban_peer, and this plugin simply waits.
  apply(client, options) {
    const trusted = new Set(
      (options.trusted ?? []).map((ip) => {
        if (!isIp(ip)) throw new TypeError(`custom-ban-policy: trusted entry ${JSON.stringify(ip)} is not an IP address`);
        return normalizeIp(ip);
      }),
    );
    const strictOnPrivate = options.strictOnPrivate ?? true;
    client.hooks.ban_peer.tap({ name: 'custom-ban-policy', stage: Stage.POLICY }, (candidate: BanCandidate) => {
      if (isIp(candidate.ip) && trusted.has(normalizeIp(candidate.ip))) return false;
      if (strictOnPrivate && candidate.torrent.private && candidate.failedPieces >= 1) return true;
      return undefined;
    });
  },
});

export default customBanPolicy;

// ------------------------------------------------------------------ demo

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { createClient } = await import('../core/index.ts');
  const client = await createClient({
    config: false,
    plugins: [['logger', false], [customBanPolicy, { trusted: ['192.168.1.20'] }]],
  });
  const publicTorrent = { infoHash: 'ab'.repeat(20), name: 'public.iso', state: 'downloading', private: false } as const;
  const privateTorrent = { infoHash: 'cd'.repeat(20), name: 'private.iso', state: 'downloading', private: true } as const;
  const ask = (c: BanCandidate): void => {
    const answer = client.hooks.ban_peer.call(c);
    console.log(`${c.torrent.name} ${c.ip} (${c.proven ? 'proven' : `${c.failedPieces} failed`}): ${answer === true ? 'ban' : answer === false ? 'vetoed' : 'no ban'}`);
  };
  const base = { failedPieces: 1, passedPieces: 0, reason: 'example' };
  ask({ ...base, torrent: publicTorrent, ip: '192.168.1.20', proven: true }); // trusted: vetoed
  ask({ ...base, torrent: publicTorrent, ip: '203.0.113.5', proven: true }); // peer-ban's rule: ban
  ask({ ...base, torrent: publicTorrent, ip: '203.0.113.6', proven: false }); // peer-ban's rule: wait
  ask({ ...base, torrent: privateTorrent, ip: '203.0.113.6', proven: false }); // strict on private: ban
  await client.destroy();
}
