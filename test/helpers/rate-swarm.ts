// Two clients over loopback for the rate-limit tests and bench/rate-limit.ts:
// a seeder of one file of random bytes and a downloader, each with the
// settings given (e.g. rates), the built-in plugins off. No ava here, so the
// bench can use it.
import { randomFillSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '../../core/index.ts';
import { createTorrent } from '../../core/metainfo/index.ts';
import type { ClientSettings, Swarm } from '../../core/index.ts';

const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;

export interface RateSwarm {
  readonly seeder: Client;
  readonly downloader: Client;
  /** The seeder's and the downloader's torrent. */
  readonly seeding: Swarm;
  readonly downloading: Swarm;
  /** Destroys both clients and removes the files. */
  close(): Promise<void>;
}

export interface RateSwarmOptions {
  /** Bytes of the file shared. */
  readonly length: number;
  readonly seeder?: ClientSettings;
  readonly downloader?: ClientSettings;
}

/** Starts the seeder and the downloader; the download has begun when it resolves. */
export async function startRateSwarm(options: RateSwarmOptions): Promise<RateSwarm> {
  const dir = await mkdtemp(join(tmpdir(), 'swarmhook-rate-'));
  const clients: Client[] = [];
  try {
    const data = Buffer.allocUnsafe(options.length);
    randomFillSync(data);
    await writeFile(join(dir, 'payload.bin'), data);
    const { metainfo } = await createTorrent(join(dir, 'payload.bin'), { pieceLength: 256 * 1024 });
    const seeder = new Client({ ...LOOPBACK, ...options.seeder });
    clients.push(seeder);
    const seeding = await seeder.addTorrent(metainfo, { dir, seedMode: true });
    const downloader = new Client({ ...LOOPBACK, ...options.downloader });
    clients.push(downloader);
    const downloading = await downloader.addTorrent(metainfo, { dir: join(dir, 'down'), peers: [{ ip: '127.0.0.1', port: seeder.port! }] });
    return {
      seeder,
      downloader,
      seeding,
      downloading,
      close: async () => {
        await Promise.all(clients.map((c) => c.destroy()));
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await Promise.all(clients.map((c) => c.destroy()));
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

/** Bytes of payload the downloader got over `ms` milliseconds from its first block, per second. */
export async function measureRate(torrent: Swarm, ms: number): Promise<number> {
  // Connecting is not part of the figure: the window starts once blocks arrive.
  for (let waited = 0; torrent.downloaded === 0 && waited < 10_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
  const from = torrent.downloaded;
  const start = performance.now();
  await new Promise((resolve) => setTimeout(resolve, ms));
  return ((torrent.downloaded - from) * 1000) / (performance.now() - start);
}
