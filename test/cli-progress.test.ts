// The status line of `bt download`: rates and peers, or why there are no peers.
import test from 'ava';
import type { BanEntry } from '../core/ban-list.ts';
import { progressLine } from '../core/cli/progress.ts';
import type { Swarm } from '../core/torrent/swarm.ts';

const INFO_HASH = 'ab'.repeat(20);

function swarm(fields: Partial<Record<'state' | 'progress' | 'downloaded' | 'peerCount', unknown>>): Swarm {
  const { peerCount = 0, ...rest } = fields;
  return {
    infoHash: INFO_HASH,
    state: 'downloading',
    progress: 0.42,
    downloaded: 1_000_000,
    downloadRate: 0,
    uploadRate: 0,
    peers: Array.from({ length: peerCount as number }, () => ({})),
    ...rest,
  } as unknown as Swarm;
}

const ban = (ip: string, infoHash: string | undefined = INFO_HASH): BanEntry => ({ ip, infoHash, reason: 'test', until: undefined, at: 0 });

test('with peers: rates and the peer count', (t) => {
  t.is(progressLine(swarm({ peerCount: 2 }), [ban('127.0.0.4')]), 'downloading  42.0%  down 0.0 MB/s  up 0.0 MB/s  peers 2');
});

test('every peer gone: says so, with the bans of this torrent and client-wide ones', (t) => {
  const bans = [ban('127.0.0.4'), ban('10.9.9.9', 'cd'.repeat(20)), ban('127.0.0.5', undefined)];
  t.is(
    progressLine(swarm({}), bans),
    'downloading  42.0%  no peers left: 2 banned (127.0.0.4, 127.0.0.5), any others disconnected; waiting for new peers',
  );
  t.regex(progressLine(swarm({})), /no peers left: none banned, all disconnected; waiting for new peers$/);
  const many = ['1.1.1.1', '2.2.2.2', '3.3.3.3', '4.4.4.4', '5.5.5.5'].map((ip) => ban(ip));
  t.regex(progressLine(swarm({}), many), /5 banned \(1\.1\.1\.1, 2\.2\.2\.2, 3\.3\.3\.3, \+2 more\)/);
});

test('no peers yet at the start (nothing downloaded, nobody banned), or when seeding: the plain line', (t) => {
  t.is(progressLine(swarm({ downloaded: 0, progress: 0 }), []), 'downloading   0.0%  down 0.0 MB/s  up 0.0 MB/s  peers 0');
  t.regex(progressLine(swarm({ state: 'seeding', progress: 1 }), [ban('127.0.0.4')]), /^seeding     100\.0%  down/);
});
