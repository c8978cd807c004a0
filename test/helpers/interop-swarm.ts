// Shared pieces of the interop tests (test/interop/*): torrents with
// deterministic data laid out so that any client can seed them, swarmhook as
// the downloader or the seeder, byte-for-byte checks, time bounds, ports.
import { readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { join } from 'node:path';
import type { ExecutionContext } from 'ava';
import { Client, type ClientOptions } from '../../core/client.ts';
import { createTorrent, type Metainfo } from '../../core/metainfo/index.ts';
import type { Swarm } from '../../core/torrent/swarm.ts';
import type { Address } from '../../core/types.ts';
import { bencode, compactPeers, FakeHttpTracker, type RecordedHttpRequest } from './fake-tracker.ts';
import { tempDir, writeFiles } from './payload.ts';
import utMetadata from '../../plugins/ut-metadata/index.ts';

export interface SeedTorrent {
  /** The save folder: the data is `dir/<metainfo.name>` (a file, or a folder of files). */
  readonly dir: string;
  /** The .torrent file, outside `dir`. */
  readonly torrentPath: string;
  readonly torrent: Buffer;
  readonly metainfo: Metainfo;
}

export interface SeedTorrentOptions {
  /** One file of this many bytes (a single-file torrent), or paths below the torrent's folder -> lengths. */
  readonly files: number | Readonly<Record<string, number>>;
  readonly pieceLength: number;
  /** The torrent's name: the file's or the top folder's. */
  readonly name: string;
}

/** A few MiB in one file, an odd size. */
export const SINGLE_FILE: SeedTorrentOptions = { name: 'single.bin', files: 3 * 1024 * 1024 + 12_345, pieceLength: 64 * 1024 };

/** Odd sizes; a 17-byte file puts three files into one piece; an empty file. */
export const MULTI_FILE: SeedTorrentOptions = {
  name: 'multi',
  files: {
    'a/first.bin': 1_000_003,
    'a/empty.txt': 0,
    'b/c/tiny.bin': 17,
    'b/middle.bin': 700_001,
    'z-last.bin': 1_234_567,
  },
  pieceLength: 32 * 1024,
};

/** Writes deterministic data and a .torrent for it in fresh temp dirs (removed at teardown). */
export async function makeSeedTorrent(t: ExecutionContext, options: SeedTorrentOptions): Promise<SeedTorrent> {
  const dir = await tempDir(t, 'swarmhook-seed-');
  const meta = await tempDir(t, 'swarmhook-torrent-');
  if (typeof options.files === 'number') await writeFiles(dir, { [options.name]: options.files });
  else await writeFiles(join(dir, options.name), options.files);
  const { torrent, metainfo } = await createTorrent(join(dir, options.name), { pieceLength: options.pieceLength, creationDate: null });
  const torrentPath = join(meta, `${options.name}.torrent`);
  await writeFile(torrentPath, torrent);
  return { dir, torrentPath, torrent, metainfo };
}

/** Rejects with `what` (and whatever `explain` adds) when `promise` takes longer than `ms`. */
export async function within<T>(promise: Promise<T>, ms: number, what: string, explain: () => string = () => ''): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}\n${explain()}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A loopback-only client; `family` picks 127.0.0.1 or ::1. It speaks
 * ut_metadata, as a client from createClient does: real peers given a magnet
 * link fetch the metadata from it (`new Client()` applies no built-in).
 */
export function loopbackClient(family: 4 | 6, options: ClientOptions = {}): Client {
  const listen =
    family === 4 ? { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } : { ports: 0, tcp4: false, tcp6: true, host6: '::1' };
  const client = new Client({ ...options, listen });
  utMetadata.apply(client, {});
  return client;
}

/** What a swarmhook client saw: connections closed and their reasons, hash results. */
export class SwarmLog {
  readonly passed: number[] = [];
  readonly failed: number[] = [];
  readonly lines: string[] = [];

  listeners(): ClientOptions {
    return {
      on_piece_hash_passed: (_c, e) => void this.passed.push(e.index),
      on_piece_hash_failed: (_c, e) => {
        this.failed.push(e.index);
        this.#note(`piece ${e.index} failed its hash check`);
      },
      on_peer_handshake_complete: (_c, e) => this.#note(`handshake with ${e.peer.ip}:${e.peer.port} (${e.peer.clientName ?? '?'})`),
      on_peer_disconnect: (_c, e) => this.#note(`disconnected from ${e.peer.ip}:${e.peer.port}: ${e.reason}`),
      on_peer_error: (_c, e) => this.#note(`peer error from ${e.ip}: ${e.code} ${e.error}`),
      on_invalid_request: (_c, e) => this.#note(`invalid request from ${e.ip}: ${e.reason}`),
      on_file_error: (_c, e) => this.#note(`file error on ${e.file.path}: ${e.error.message}`),
    };
  }

  #note(line: string): void {
    if (this.lines.length < 200) this.lines.push(line);
  }

  toString(): string {
    return `swarmhook: ${this.passed.length} pieces passed; ${this.lines.join('; ') || 'no peer events'}`;
  }
}

export interface SwarmhookDownload {
  readonly dir: string;
  readonly client: Client;
  readonly swarm: Swarm;
  readonly log: SwarmLog;
}

/**
 * swarmhook downloads `seed` from `peer` into a fresh temp dir, within `ms`.
 * `explain` adds the other side's state to a time-out error.
 */
export async function swarmhookDownload(
  t: ExecutionContext,
  seed: SeedTorrent,
  peer: Address,
  options: { readonly ms: number; readonly family?: 4 | 6; readonly explain?: () => string },
): Promise<SwarmhookDownload> {
  const dir = await tempDir(t, 'swarmhook-leech-');
  const log = new SwarmLog();
  const client = loopbackClient(options.family ?? 4, log.listeners());
  t.teardown(() => client.destroy());
  const swarm = await client.addTorrent(seed.torrent, { dir, peers: [peer] });
  t.is(swarm.state, 'downloading');
  await within(swarm.whenComplete(), options.ms, `swarmhook to download ${seed.metainfo.name} from ${peer.ip}:${peer.port}`, () =>
    [`swarmhook progress ${(swarm.progress * 100).toFixed(1)}%`, String(log), options.explain?.() ?? ''].join('\n'),
  );
  return { dir, client, swarm, log };
}

/** Every piece passed swarmhook's hash check exactly once, none failed, and every file equals the seed's byte for byte. */
export async function assertDownloaded(t: ExecutionContext, seed: SeedTorrent, download: SwarmhookDownload): Promise<void> {
  const { metainfo } = seed;
  t.is(download.swarm.state, 'seeding');
  t.deepEqual(
    [...download.log.passed].sort((a, b) => a - b),
    Array.from({ length: metainfo.pieceCount }, (_, i) => i),
    'piece_hash_passed once for every piece',
  );
  t.deepEqual(download.log.failed, [], 'no piece failed its hash check');
  await assertSameFiles(t, seed, download.dir);
}

/** Each of the torrent's files (empty ones too) exists under `dir` and equals the seed's byte for byte. */
export async function assertSameFiles(t: ExecutionContext, seed: SeedTorrent, dir: string): Promise<void> {
  for (const file of seed.metainfo.files) {
    if (file.padding) continue;
    const [want, got] = await Promise.all([readFile(join(seed.dir, ...file.pathSegments)), readFile(join(dir, ...file.pathSegments))]);
    t.is(got.length, want.length, `${file.path} has ${want.length} bytes`);
    t.true(got.equals(want), `${file.path} equals the seed's bytes`);
  }
}

/** swarmhook seeds `seed` from its own folder (after checking it), listening on loopback. */
export async function swarmhookSeed(
  t: ExecutionContext,
  seed: SeedTorrent,
  options: { readonly family?: 4 | 6 } = {},
): Promise<{ readonly client: Client; readonly swarm: Swarm; readonly port: number; readonly log: SwarmLog }> {
  const log = new SwarmLog();
  const client = loopbackClient(options.family ?? 4, log.listeners());
  t.teardown(() => client.destroy());
  const swarm = await client.addTorrent(seed.torrent, { dir: seed.dir });
  t.is(swarm.state, 'seeding', 'swarmhook found every piece on disk');
  t.is(log.passed.length, seed.metainfo.pieceCount);
  log.passed.length = 0;
  return { client, swarm, port: client.port!, log };
}

/** A port nobody listened on a moment ago (the caller retries if another process takes it first). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Resolves once a TCP connection to host:port succeeds (and closes it at
 * once). Not for Transmission: it drops incoming handshakes from an address
 * while one from there is pending, and the probe's may be.
 */
export async function waitForListening(host: string, port: number, ms: number, what: string, explain: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host, port });
      socket.setTimeout(1000);
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('timeout', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what} to listen on ${host}:${port}\n${explain()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * An HTTP tracker on 127.0.0.1 that answers every announce with `peers()` in
 * compact form (an empty list is fine), and records the announces. Closed at teardown.
 */
export async function startPeerListTracker(t: ExecutionContext, peers: () => readonly Address[]): Promise<FakeHttpTracker> {
  const tracker = await FakeHttpTracker.start(() => ({
    kind: 'reply',
    body: bencode({ interval: 60, 'min interval': 30, complete: 1, incomplete: 1, peers: compactPeers(peers()) }),
  }));
  t.teardown(() => tracker.close());
  return tracker;
}

/** A query parameter of a recorded announce, as text. */
export function announced(request: RecordedHttpRequest, key: string): string | undefined {
  return request.query.get(key)?.[0]?.toString('latin1');
}

/** Polls `condition` until it holds; rejects after `ms`, or at once when `gaveUp()` says the other side is gone. */
export async function waitUntil(
  condition: () => boolean,
  ms: number,
  what: string,
  options: { readonly explain?: () => string; readonly gaveUp?: () => boolean } = {},
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (options.gaveUp?.() === true) throw new Error(`gave up waiting for ${what}\n${options.explain?.() ?? ''}`);
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}\n${options.explain?.() ?? ''}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
