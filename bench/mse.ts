// The cost of MSE with RC4 against plain BitTorrent, swarmhook to swarmhook
// over loopback (TCP only: the default transport order would try uTP first).
// Two `bt seed` children serve the same torrent, one with encryption
// disabled, one with it forced to RC4 (`allowedMethods: ["rc4"]`, so the
// handshake cannot settle on MSE's plaintext method); a Client in this process
// downloads from each in turn with the matching settings, the order
// alternating from run to run, a sync between downloads. Figures: the time
// from addTorrent to every piece verified, median of --runs, as MB/s and the
// ratio rc4 / plain; the CPU time of each side (this process by
// process.cpuUsage(), the seeder from /proc) and the difference, rc4 minus
// plain, per GB moved: what RC4 costs. Then the raw speed of our RC4
// (core/transport/mse/rc4.ts) against OpenSSL's, which Node 20 only has with
// --openssl-legacy-provider (a child process runs that half).
//
// Run: node --import=tsx bench/mse.ts [MiB] [--runs N] [--dist]
//   --dist   the seeders run dist/ (`npm run build` first), as the installed package does
import { execFileSync, spawnSync } from 'node:child_process';
import { createCipheriv, createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Client } from '../core/client.ts';
import type { ClientSettings } from '../core/settings.ts';
import { createTorrent, type Metainfo } from '../core/metainfo/index.ts';
import { Rc4 } from '../core/transport/mse/rc4.ts';
import type { PeerEncryption } from '../core/types.ts';
import { btCommand, btLine, Child, freePort, median, MIB, seconds, writeRandomFile } from './processes.ts';

const PIECE = 256 * 1024;
const GB = 1e9;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string', default: '3' }, dist: { type: 'boolean', default: false } },
});
const totalMiB = Number(positionals[0] ?? 256);
const LENGTH = totalMiB * MIB;
const RUNS = Number(values.runs);

type Encryption = NonNullable<ClientSettings['encryption']>;
const listen = { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } as const;
const transports = { order: ['tcp'] } as const;

interface Download {
  readonly wallMs: number;
  /** This process (the downloading Client and its hash workers) during the download. */
  readonly downloaderCpuMs: number;
  readonly seederCpuMs: number;
}

interface Mode {
  readonly name: string;
  readonly encryption: Encryption;
  /** What every peer of the download must have settled on, or the run measured the wrong thing. */
  readonly expect: PeerEncryption;
  seeder?: Child;
  port?: number;
  readonly runs: Download[];
}

const modes: Mode[] = [
  { name: 'plain', encryption: { policy: 'disabled' }, expect: 'none', runs: [] },
  { name: 'rc4', encryption: { policy: 'forced', preferRc4: true, allowedMethods: ['rc4'] }, expect: 'rc4', runs: [] },
];

/** One download from the mode's seeder into a fresh folder; rejects if a peer spoke another encryption. */
async function download(meta: Metainfo, mode: Mode, dir: string): Promise<Download> {
  const seen = new Set<PeerEncryption>();
  const client = new Client({
    listen,
    transports,
    encryption: mode.encryption,
    resume: { enabled: false },
    on_peer_handshake_complete: (_client, { peer }) => void seen.add(peer.encryption),
  });
  try {
    await client.listen();
    const seederCpu0 = mode.seeder!.cpuMs();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const swarm = await client.addTorrent(meta, { dir, peers: [{ ip: '127.0.0.1', port: mode.port! }] });
    await swarm.whenComplete();
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const seederCpuMs = mode.seeder!.cpuMs() - seederCpu0;
    if (seen.size !== 1 || !seen.has(mode.expect)) throw new Error(`${mode.name}: peers spoke ${[...seen].join(', ') || 'nothing'}, expected ${mode.expect}`);
    return { wallMs, downloaderCpuMs: (cpu.user + cpu.system) / 1000, seederCpuMs };
  } finally {
    await client.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Our RC4 over `buffer` (in 16 KiB pieces, as socket reads arrive), median of 3: MB/s. */
function ourRc4Rate(buffer: Buffer): number {
  const times: number[] = [];
  for (let r = 0; r < 3; r++) {
    const rc4 = new Rc4(Buffer.alloc(20, 7));
    const t0 = performance.now();
    for (let off = 0; off < buffer.length; off += 16384) rc4.apply(buffer.subarray(off, off + 16384));
    times.push(performance.now() - t0);
  }
  return buffer.length / 1e6 / (median(times) / 1000);
}

/** SHA-1 of the first `bytes` of RC4 keystream for a key of twenty 7s: both implementations must agree. */
const KEYSTREAM_CHECK = (bytes: number): string => createHash('sha1').update(new Rc4(Buffer.alloc(20, 7)).apply(new Uint8Array(bytes))).digest('hex');

/**
 * OpenSSL's RC4 through node:crypto, in a child with the legacy provider:
 * its MB/s and keystream hash, or why it could not run.
 */
function opensslRc4(bytes: number): { rate: number; keystream: string } | string {
  const script = `
    const { createCipheriv, createHash } = await import('node:crypto');
    const { performance } = await import('node:perf_hooks');
    const key = Buffer.alloc(20, 7);
    const keystream = createHash('sha1').update(createCipheriv('rc4', key, null).update(Buffer.alloc(${1 * MIB}))).digest('hex');
    const buffer = Buffer.alloc(${bytes}, 0x5a);
    const times = [];
    for (let r = 0; r < 3; r++) {
      const cipher = createCipheriv('rc4', key, null);
      const t0 = performance.now();
      for (let off = 0; off < buffer.length; off += 16384) cipher.update(buffer.subarray(off, off + 16384));
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(JSON.stringify({ rate: buffer.length / 1e6 / (times[1] / 1000), keystream }));`;
  const child = spawnSync(process.execPath, ['--openssl-legacy-provider', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 120_000 });
  if (child.status !== 0) return `node --openssl-legacy-provider failed: ${(child.stderr || child.error?.message || '').trim().split('\n').at(-1)}`;
  return JSON.parse(child.stdout) as { rate: number; keystream: string };
}

/** Whether this process's OpenSSL offers rc4 (Node 20 with OpenSSL 3: not without the legacy provider). */
function rc4InThisProcess(): string {
  try {
    createCipheriv('rc4', Buffer.alloc(16), null);
    return 'available';
  } catch (err) {
    return `unavailable (${(err as Error).message})`;
  }
}

const root = await mkdtemp(join(tmpdir(), 'swarmhook-bench-mse-'));
try {
  const seedDir = join(root, 'seed');
  await mkdir(seedDir);
  const dataPath = join(seedDir, 'payload.bin');
  await writeRandomFile(dataPath, LENGTH);
  const { torrent, metainfo } = await createTorrent(dataPath, { pieceLength: PIECE, creationDate: null });
  const torrentPath = join(root, 'payload.torrent');
  await writeFile(torrentPath, torrent);

  for (const mode of modes) {
    const btrc = join(root, `btrc-${mode.name}.json`);
    const seederListen = { tcp6: false, host4: '127.0.0.1' };
    await writeFile(btrc, JSON.stringify({ listen: seederListen, transports, encryption: mode.encryption, plugins: [['dht', false], ['lsd', false]] }));
    mode.port = await freePort();
    const [cmd, args] = btCommand(values.dist, ['seed', torrentPath, seedDir, '--port', String(mode.port), '--json', '--config', btrc]);
    mode.seeder = new Child(`swarmhook seeder (${mode.name})`, cmd, args);
  }
  for (const mode of modes) await mode.seeder!.waitFor(btLine('message', /^seeding /), `the ${mode.name} seeder`);

  for (let r = 0; r < RUNS; r++) {
    for (let k = 0; k < modes.length; k++) {
      const mode = modes[(r + k) % modes.length]!;
      mode.runs.push(await download(metainfo, mode, join(root, `download-${r}`)));
      execFileSync('sync');
    }
    console.log(`run ${r + 1}: ${modes.map((m) => `${m.name} ${seconds(m.runs[r]!.wallMs)} (cpu downloader ${seconds(m.runs[r]!.downloaderCpuMs)}, seeder ${seconds(m.runs[r]!.seederCpuMs)})`).join(', ')}`);
  }

  const [plain, rc4] = modes as [Mode, Mode];
  const wall = (m: Mode): number => median(m.runs.map((d) => d.wallMs));
  const rate = (m: Mode): number => LENGTH / 1e6 / (wall(m) / 1000);
  const cpuPerGB = (m: Mode, side: 'downloaderCpuMs' | 'seederCpuMs'): number => median(m.runs.map((d) => d[side])) / 1000 / (LENGTH / GB);
  console.log(`\nswarmhook -> swarmhook over loopback TCP, ${totalMiB} MiB (${LENGTH / PIECE} pieces of ${PIECE / 1024} KiB), median of ${RUNS}:`);
  for (const m of modes) {
    console.log(`  ${m.name.padEnd(5)} ${seconds(wall(m))}  ${rate(m).toFixed(0)} MB/s   cpu s/GB: downloader ${cpuPerGB(m, 'downloaderCpuMs').toFixed(2)}, seeder ${cpuPerGB(m, 'seederCpuMs').toFixed(2)}`);
  }
  const paired = median(rc4.runs.map((d, r) => plain.runs[r]!.wallMs / d.wallMs)).toFixed(2);
  console.log(`  ratio rc4 / plain throughput: ${(rate(rc4) / rate(plain)).toFixed(2)} (paired ${paired})`);
  const extraDown = cpuPerGB(rc4, 'downloaderCpuMs') - cpuPerGB(plain, 'downloaderCpuMs');
  const extraSeed = cpuPerGB(rc4, 'seederCpuMs') - cpuPerGB(plain, 'seederCpuMs');
  console.log(`  RC4 cost: ${(extraDown + extraSeed).toFixed(2)} CPU s per GB moved (downloader ${extraDown.toFixed(2)}, seeder ${extraSeed.toFixed(2)})`);

  // Raw RC4: what the cipher alone costs, to read the figure above by.
  const sample = Buffer.alloc(Math.min(LENGTH, 64 * MIB), 0x5a);
  const ours = ourRc4Rate(sample);
  console.log(`\nraw RC4 over ${sample.length / MIB} MiB in 16 KiB chunks, median of 3:`);
  console.log(`  core/transport/mse/rc4.ts  ${ours.toFixed(0)} MB/s  (${(GB / 1e6 / ours).toFixed(2)} CPU s per GB, once per side: ${((2 * GB) / 1e6 / ours).toFixed(2)} s per GB moved)`);
  console.log(`  node:crypto 'rc4' in this process: ${rc4InThisProcess()}`);
  const openssl = opensslRc4(sample.length);
  if (typeof openssl === 'string') {
    console.log(`  OpenSSL rc4: ${openssl}`);
  } else {
    const agree = openssl.keystream === KEYSTREAM_CHECK(MIB) ? 'same keystream as ours' : 'KEYSTREAM DIFFERS FROM OURS';
    console.log(`  OpenSSL rc4 (node --openssl-legacy-provider)  ${openssl.rate.toFixed(0)} MB/s; ${agree}`);
    console.log(`  ratio ours / OpenSSL: ${(ours / openssl.rate).toFixed(2)}`);
  }
} finally {
  await Promise.all(modes.map((m) => m.seeder?.stop()));
  await rm(root, { recursive: true, force: true });
}
