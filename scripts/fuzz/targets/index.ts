// Every fuzz target, by name.
import type { FuzzTarget } from '../target.ts';
import { bencodeTarget } from './bencode.ts';
import { dhtTarget } from './dht.ts';
import { extendedHandshakeTarget, utMetadataTarget } from './extended.ts';
import { lsdTarget } from './lsd.ts';
import { magnetTarget } from './magnet.ts';
import { metainfoTarget } from './metainfo.ts';
import { rpcTarget } from './rpc.ts';
import { selfTestTarget } from './self-test.ts';
import { trackerHttpTarget, trackerUdpTarget } from './tracker.ts';
import { wireTarget } from './wire.ts';

export const TARGETS: readonly FuzzTarget[] = [
  bencodeTarget,
  metainfoTarget,
  wireTarget,
  extendedHandshakeTarget,
  utMetadataTarget,
  trackerHttpTarget,
  trackerUdpTarget,
  magnetTarget,
  dhtTarget,
  lsdTarget,
  rpcTarget,
  selfTestTarget,
];

export function targetNamed(name: string): FuzzTarget {
  const target = TARGETS.find((t) => t.name === name);
  if (target === undefined) throw new Error(`no fuzz target "${name}" (known: ${TARGETS.map((t) => t.name).join(', ')})`);
  return target;
}
