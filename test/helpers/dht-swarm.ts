// A DHT of one router node on loopback and a swarmhook seeder whose torrent
// it announced there: the start of every test where a downloader given only
// `magnet:?xt=urn:btih:<hash>` finds the seeder through the DHT.
import { join } from 'node:path';
import type { ExecutionContext } from 'ava';
import type { Client, ClientOptions, Metainfo, PluginEntry } from '../../core/index.ts';
import { createClient } from '../../core/create-client.ts';
import { createTorrent } from '../../core/metainfo/index.ts';
import { DhtNode } from '../../plugins/dht/node.ts';
import { tempDir, writeFiles } from './payload.ts';

/** Room enough for the tests' queries: no node, peer or rate limit bites. */
export const DHT_NODE_OPTIONS = { maxNodes: 2000, maxPeersPerTorrent: 100, maxStoredPeers: 10_000, maxQueriesPerSecond: 1000, queryTimeoutMs: 1000 };

const LISTEN = {
  4: { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } },
  6: { listen: { ports: 0, tcp4: false, tcp6: true, host6: '::1' } },
} as const;

export interface DhtSwarm {
  readonly router: DhtNode;
  /** The listen settings of the family, for the downloader. */
  readonly listen: (typeof LISTEN)[4 | 6];
  /** The plugins every client of the swarm runs: the logger off, the dht bootstrapped from the router. */
  readonly plugins: readonly PluginEntry[];
  /** The folder holding the payload's file `data.bin`. */
  readonly payload: string;
  readonly metainfo: Metainfo;
  readonly seeder: Client;
}

export interface DhtSwarmOptions {
  readonly family: 4 | 6;
  /** Bytes of data.bin. */
  readonly length: number;
  /** dht plugin options beyond the bootstrap node. */
  readonly dht?: Readonly<Record<string, unknown>>;
  /** Listeners and settings of the seeder (on_* taps see its start). */
  readonly seeder?: ClientOptions;
}

/** Starts the router and the seeder, and resolves once the seeder's torrent was announced to a node. */
export async function dhtSwarm(t: ExecutionContext, options: DhtSwarmOptions): Promise<DhtSwarm> {
  const { family } = options;
  const router = new DhtNode({ ...DHT_NODE_OPTIONS, ...(family === 6 ? { family: 6 as const } : {}) });
  t.teardown(() => router.close());
  await router.listen(0, family === 6 ? '::1' : '127.0.0.1');
  const bootstrap = family === 6 ? `[::1]:${router.port}` : `127.0.0.1:${router.port}`;
  const plugins: PluginEntry[] = [['logger', false], ['dht', { bootstrap: [bootstrap], fewPeersIntervalSeconds: 1, ...options.dht }]];

  const dir = await tempDir(t);
  const payload = join(dir, 'payload');
  await writeFiles(payload, { 'data.bin': options.length });
  const { metainfo } = await createTorrent(join(payload, 'data.bin'), { pieceLength: 32768 });
  const listen = LISTEN[family];
  const seeder = await createClient({ ...options.seeder, ...listen, config: false, plugins });
  t.teardown(() => seeder.destroy());
  let announced!: () => void;
  const announcedOnce = new Promise<void>((resolve) => (announced = resolve));
  seeder.on_dht_announce((_c, info) => info.nodes > 0 && announced());
  await seeder.addTorrent(metainfo, { dir: payload });
  await announcedOnce;
  return { router, listen, plugins, payload, metainfo, seeder };
}
