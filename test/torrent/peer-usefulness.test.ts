// The default choice of whom a newcomer replaces, and of who is idle.
import test from 'ava';
import { idleReason, isIdle, leastUsefulPeer, PROTECT_AFTER_BLOCK_MS, type PeerActivity } from '../../core/torrent/peer-usefulness.ts';
import type { Peer } from '../../core/types.ts';

function peer(ip: string, amInterested = false, peerInterested = false): Peer {
  return {
    ip,
    port: 6881,
    protocol: 'tcp4',
    encryption: 'none',
    direction: 'incoming',
    peerId: undefined,
    clientName: undefined,
    amChoking: true,
    amInterested,
    peerChoking: true,
    peerInterested,
    bytesIn: 0,
    bytesOut: 0,
    infoHash: undefined,
    disconnect: () => undefined,
  };
}

const NOW = 1_000_000;
const at = (p: Peer, joinedAt: number, lastBlockAt?: number, busy = false): PeerActivity<Peer> => ({ peer: p, busy, joinedAt, lastBlockAt });

test('a peer nobody is interested in goes before one that wants or offers something, whatever their ages', (t) => {
  const wanted = peer('10.0.0.1', true);
  const wanting = peer('10.0.0.2', false, true);
  const nobody = peer('10.0.0.3');
  const chosen = leastUsefulPeer([at(wanted, 0), at(wanting, 0), at(nobody, NOW - 1000)], NOW);
  t.is(chosen?.peer, nobody);
  t.is(chosen?.reason, 'replaced by a new connection: the torrent is full and this peer was the least useful (neither side interested, no block for 1 s)');
  // Between one-way interests, the longest without a block.
  t.is(leastUsefulPeer([at(wanted, NOW - 5000), at(wanting, NOW - 9000)], NOW)?.peer, wanting);
});

test('among equals, the longest without a block goes first: its last block, or its arrival when it never sent one', (t) => {
  const a = peer('10.0.0.1');
  const b = peer('10.0.0.2');
  const c = peer('10.0.0.3');
  const chosen = leastUsefulPeer([at(a, NOW - 200_000, NOW - 90_000), at(b, NOW - 100_000), at(c, NOW - 50_000)], NOW, 'the client holds its maximum of connections');
  t.is(chosen?.peer, b);
  t.regex(chosen!.reason, /^replaced by a new connection: the client holds its maximum of connections and this peer/);
});

test('peers exchanging data are never chosen: none left means the newcomer is refused', (t) => {
  const busy = peer('10.0.0.1');
  const recent = peer('10.0.0.2');
  t.is(leastUsefulPeer([at(busy, 0, undefined, true), at(recent, 0, NOW - PROTECT_AFTER_BLOCK_MS + 1)], NOW), undefined);
  // A block longer ago than the protection does not protect.
  t.is(leastUsefulPeer([at(recent, 0, NOW - PROTECT_AFTER_BLOCK_MS)], NOW)?.peer, recent);
  // A newcomer that has not exchanged anything yet has no grace period.
  t.is(leastUsefulPeer([at(recent, NOW)], NOW)?.peer, recent);
});

test('idle: neither side interested, nothing outstanding, no block for idleMs', (t) => {
  const p = peer('10.0.0.1');
  t.true(isIdle(at(p, NOW - 600_000), NOW, 600_000));
  t.false(isIdle(at(p, NOW - 599_000), NOW, 600_000));
  t.false(isIdle(at(p, NOW - 900_000, NOW - 10_000), NOW, 600_000), 'a block lately');
  t.false(isIdle(at(p, NOW - 900_000, undefined, true), NOW, 600_000), 'requests outstanding');
  t.false(isIdle(at(peer('10.0.0.2', false, true), NOW - 900_000), NOW, 600_000), 'it is interested');
  t.false(isIdle(at(peer('10.0.0.3', true), NOW - 900_000), NOW, 600_000), 'we are interested');
  t.is(idleReason(at(p, NOW - 600_000), NOW), 'idle timeout (neither side interested, no block for 600 s)');
});
