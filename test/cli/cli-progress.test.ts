// The status line of `bt download`: bytes, rates, ETA and peers, or why there are no peers.
import test from 'ava';
import type { BanEntry } from '../../core/ban-list.ts';
import { etaSeconds, formatBytes, formatEta, formatRate } from '../../core/cli/human-units.ts';
import { progressLine, statusLine, torrentStatus, type StatusSource } from '../../core/cli/progress.ts';

const INFO_HASH = 'ab'.repeat(20);
const PIECE = 1 << 20;

/** Ten pieces of 1 MiB; `had` of them verified. */
function swarm(fields: Partial<Record<'state' | 'downloaded' | 'downloadRate' | 'had' | 'peerCount' | 'seedCount', unknown>>): StatusSource {
  const { peerCount = 0, seedCount = 0, had = 4, ...rest } = fields as Record<string, number>;
  return {
    name: 'x',
    infoHash: INFO_HASH,
    state: 'downloading',
    progress: had / 10,
    left: (10 - had) * PIECE,
    downloaded: 1_000_000,
    uploaded: 0,
    downloadRate: 0,
    uploadRate: 0,
    peers: Array.from({ length: peerCount }, (_, i) => ({ isSeed: i < seedCount })),
    picker: { pieceCount: 10, wanted: new Uint8Array(10).fill(1), pieceSize: () => PIECE },
    ...rest,
  } as StatusSource;
}

const ban = (ip: string, infoHash: string | undefined = INFO_HASH): BanEntry => ({ ip, infoHash, reason: 'test', until: undefined, at: 0 });

test('sizes and rates in binary units', (t) => {
  t.is(formatBytes(0), '0 B');
  t.is(formatBytes(512), '512 B');
  t.is(formatBytes(1536), '1.5 KiB');
  t.is(formatBytes(10 * PIECE), '10 MiB');
  t.is(formatBytes(256.4 * PIECE), '256.4 MiB');
  t.is(formatBytes(3 * 2 ** 40), '3 TiB');
  t.is(formatRate(2.5 * PIECE), '2.5 MiB/s');
});

test('ETA: from what is left and the rate; unknown while nothing arrives or when absurdly far', (t) => {
  t.is(etaSeconds(10 * PIECE, PIECE), 10);
  t.is(etaSeconds(0, 0), 0);
  t.is(etaSeconds(PIECE, 0), undefined);
  t.is(etaSeconds(2 ** 50, 1), undefined);
  t.is(formatEta(7), '0:07');
  t.is(formatEta(754), '12:34');
  t.is(formatEta(3723), '1:02:03');
  t.is(formatEta(3 * 86400 + 4 * 3600 + 5), '3d 04h');
  t.is(formatEta(undefined), '--:--');
});

test('with peers: percent, bytes done of the total, rates, ETA, peers and seeds', (t) => {
  t.is(
    progressLine(swarm({ peerCount: 3, seedCount: 1, downloadRate: 2 * PIECE }), [ban('127.0.0.4')]),
    'downloading  40.0%  4 MiB/10 MiB  ETA 0:03  down 2 MiB/s  up 0 B/s  peers 3 (1 seed)',
  );
  t.regex(progressLine(swarm({ peerCount: 2 })), /ETA --:--  down 0 B\/s  up 0 B\/s  peers 2 \(0 seeds\)$/);
});

test('the numbers of the line, for --json: only the selected pieces count', (t) => {
  const s = swarm({ had: 2, downloadRate: PIECE });
  const wanted = new Uint8Array(10);
  wanted.fill(1, 0, 4);
  const status = torrentStatus({ ...s, progress: 0.5, left: 2 * PIECE, picker: { ...s.picker, wanted } });
  t.like(status, { done: 2 * PIECE, total: 4 * PIECE, progress: 0.5, eta: 2, peers: 0, seeds: 0 });
});

test('every peer gone: says so, with the bans of this torrent and client-wide ones', (t) => {
  const bans = [ban('127.0.0.4'), ban('10.9.9.9', 'cd'.repeat(20)), ban('127.0.0.5', undefined)];
  t.is(
    progressLine(swarm({}), bans),
    'downloading  40.0%  no peers left: 2 banned (127.0.0.4, 127.0.0.5), any others disconnected; waiting for new peers',
  );
  t.regex(progressLine(swarm({})), /no peers left: none banned, all disconnected; waiting for new peers$/);
  const many = ['1.1.1.1', '2.2.2.2', '3.3.3.3', '4.4.4.4', '5.5.5.5'].map((ip) => ban(ip));
  t.regex(progressLine(swarm({}), many), /5 banned \(1\.1\.1\.1, 2\.2\.2\.2, 3\.3\.3\.3, \+2 more\)/);
});

test('no peers yet at the start (nothing downloaded, nobody banned), or when seeding: the plain line, no ETA when seeding', (t) => {
  t.is(progressLine(swarm({ downloaded: 0, had: 0 }), []), 'downloading   0.0%  0 B/10 MiB  ETA --:--  down 0 B/s  up 0 B/s  peers 0 (0 seeds)');
  const seeding = statusLine(torrentStatus(swarm({ state: 'seeding', had: 10 })), [ban('127.0.0.4')]);
  t.is(seeding, 'seeding     100.0%  10 MiB/10 MiB  down 0 B/s  up 0 B/s  peers 0 (0 seeds)');
});
