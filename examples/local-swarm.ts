// Shared by the examples (not an example itself): a swarm on this machine.
// Seeders share the bundled sample (examples/sample.torrent, data in
// examples/sample/) and one downloader fetches it into a temp folder; every
// client is built with createClient and the plugins given, and listens on
// 127.0.0.1 only, without LSD or the DHT. Once the download is complete (and
// the copy checked byte for byte) `whileRunning` may look at the clients;
// then every client is destroyed and the temp folder removed, whatever
// happened.
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '../core/index.ts';
import { parseTorrent } from '../core/metainfo/index.ts'; // 'swarmhook/metainfo' in your project
import type { Client, Metainfo, PluginEntry, Swarm } from '../core/index.ts';

export const SAMPLE_TORRENT = join(import.meta.dirname, 'sample.torrent');
/** The folder the sample's data is in (the torrent's files are sample/...). */
export const SAMPLE_DATA_DIR = import.meta.dirname;

const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;

export interface LocalSwarm {
  readonly meta: Metainfo;
  readonly seeders: readonly Client[];
  readonly downloader: Client;
  /** The downloader's torrent. */
  readonly torrent: Swarm;
  /** The downloader's folder; the torrent is in its sample/ subfolder. */
  readonly downloadDir: string;
}

export interface LocalSwarmOptions {
  /** Plugins of every seeder and of the downloader. The built-in logger is off unless an entry names it. */
  readonly seederPlugins?: readonly PluginEntry[];
  readonly downloaderPlugins?: readonly PluginEntry[];
  /** How many seeders (default 1); the downloader is told about each. */
  readonly seeders?: number;
  /** Give up when the download is not complete after this many ms (default 30 s). */
  readonly timeoutMs?: number;
}

/** Runs the swarm; resolves with what whileRunning returned, after every client is destroyed. */
export async function runLocalSwarm<T = void>(
  options: LocalSwarmOptions = {},
  whileRunning?: (swarm: LocalSwarm) => T | Promise<T>,
): Promise<T | undefined> {
  const meta = parseTorrent(await readFile(SAMPLE_TORRENT));
  const downloadDir = await mkdtemp(join(tmpdir(), 'swarmhook-example-'));
  const clients: Client[] = [];
  const make = async (name: string, plugins: readonly PluginEntry[] = []): Promise<Client> => {
    // config: false: a .btrc in the working directory must not change what the example shows.
    // No LSD or DHT: every example shares the sample torrent, and LSD's multicast reaches every process of
    // this machine, so examples run side by side (as CI runs them) would join each other's swarms.
    const client = await createClient({ ...LOOPBACK, name, config: false, plugins: [['logger', false], ['lsd', false], ['dht', false], ...plugins] });
    clients.push(client);
    return client;
  };
  try {
    const seeders: Client[] = [];
    for (let i = 0; i < (options.seeders ?? 1); i++) {
      const seeder = await make(`seeder${i + 1}`, options.seederPlugins);
      await seeder.addTorrent(meta, { dir: SAMPLE_DATA_DIR });
      seeders.push(seeder);
    }
    const downloader = await make('downloader', options.downloaderPlugins);
    const torrent = await downloader.addTorrent(meta, {
      dir: downloadDir,
      peers: seeders.map((s) => ({ ip: '127.0.0.1', port: s.port! })),
    });
    await withTimeout(torrent.whenComplete(), options.timeoutMs ?? 30_000, `the download of ${meta.name} did not complete`);
    for (const file of meta.files) {
      const [theirs, ours] = await Promise.all([readFile(join(SAMPLE_DATA_DIR, file.path)), readFile(join(downloadDir, file.path))]);
      if (!theirs.equals(ours)) throw new Error(`the downloaded ${file.path} differs from the seeder's`);
    }
    return await whileRunning?.({ meta, seeders, downloader, torrent, downloadDir });
  } finally {
    await Promise.all(clients.map((c) => c.destroy()));
    await rm(downloadDir, { recursive: true, force: true });
  }
}

/** Rejects with `message` when the promise has not settled after ms. */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
