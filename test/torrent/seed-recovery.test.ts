import test from 'ava';
import type { SwarmPeer } from '../../core/torrent/contracts.ts';
import { SeedRecovery, type RecoveryHost } from '../../core/torrent/seed-recovery.ts';

/** A peer that has the pieces given and records the HAVEs it is sent. */
function peerWith(pieces: readonly number[]): { peer: SwarmPeer; told: number[] } {
  const told: number[] = [];
  const has = new Set(pieces);
  const peer = { hasPiece: (i: number) => has.has(i), have: (i: number) => void told.push(i) } as Partial<SwarmPeer> as SwarmPeer;
  return { peer, told };
}

test('advertise tells each peer of a new piece unless it has the piece already (a seed has them all)', (t) => {
  const seed = peerWith([0, 1, 2, 3]);
  const hasOne = peerWith([1]);
  const hasNone = peerWith([]);
  const recovery: SeedRecovery = new SeedRecovery({
    peers: () => [seed, hasOne, hasNone].map(({ peer }) => [peer, recovery.attach()] as const),
  } as Partial<RecoveryHost> as RecoveryHost);
  recovery.advertise(1);
  recovery.advertise(2);
  t.deepEqual(seed.told, []);
  t.deepEqual(hasOne.told, [2]);
  t.deepEqual(hasNone.told, [1, 2]);
});
