// Fast resume: the restart of a complete 1 GiB download (addTorrent until it
// seeds) with resume data, against the same restart with a full recheck
// (resume.enabled false), alternating in the same run. Target: under 5%.
// The data is generated once into .bench-data/resume/ (git-ignored) and kept
// for the next run. Run: node --import=tsx bench/resume.ts [--mib 1024] [--rounds 3]
import { randomFillSync } from 'node:crypto';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Client } from '../core/client.ts';
import type { ClientSettings } from '../core/settings.ts';
import { createTorrent } from '../core/metainfo/index.ts';

const { values } = parseArgs({ options: { mib: { type: 'string', default: '1024' }, rounds: { type: 'string', default: '3' } } });
const MIB = 1024 * 1024;
const totalMiB = Number(values.mib);
const rounds = Number(values.rounds);
const FILE_COUNT = 4;
const fileLength = Math.floor((totalMiB * MIB) / FILE_COUNT);

const root = join(import.meta.dirname, '..', '.bench-data', 'resume');
const dataDir = join(root, `${totalMiB}mib`);
const stateDir = join(root, 'state');

/** Four files of random bytes under dataDir/payload, unless they are there already. */
async function generate(): Promise<void> {
  const folder = join(dataDir, 'payload');
  await mkdir(folder, { recursive: true });
  const chunk = Buffer.allocUnsafe(64 * MIB);
  for (let i = 0; i < FILE_COUNT; i++) {
    const path = join(folder, `part-${i}.bin`);
    if ((await stat(path).catch(() => undefined))?.size === fileLength) continue;
    const file = await open(path, 'w');
    for (let off = 0; off < fileLength; off += chunk.length) {
      const n = Math.min(chunk.length, fileLength - off);
      await file.write(randomFillSync(chunk, 0, n), 0, n, off);
    }
    await file.close();
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`generating ${totalMiB} MiB in ${FILE_COUNT} files under ${dataDir} (kept for later runs)`);
await generate();
console.log('hashing it into a torrent (256 KiB pieces)');
const { metainfo } = await createTorrent(join(dataDir, 'payload'), { pieceLength: 256 * 1024 });
await rm(stateDir, { recursive: true, force: true });

/** ms from addTorrent to a seeding torrent, in a fresh client; pieces hashed on the way. */
async function restart(resume: ClientSettings['resume']): Promise<{ ms: number; hashed: number }> {
  const client = new Client({ listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' }, ...(resume === undefined ? {} : { resume }) });
  let hashed = 0;
  client.on_piece_hash_passed(() => void hashed++);
  client.on_piece_hash_failed(() => void hashed++);
  try {
    const start = performance.now();
    const torrent = await client.addTorrent(metainfo, { dir: dataDir });
    const ms = performance.now() - start;
    if (torrent.state !== 'seeding') throw new Error(`the torrent is ${torrent.state}, not seeding`);
    return { ms, hashed };
  } finally {
    await client.destroy();
  }
}

const withResume = { dir: stateDir, enabled: true };
const fullCheck = { enabled: false };
// A first start with resume on checks everything and, at its stop, saves the resume data.
const first = await restart(withResume);
console.log(`first start (no resume data yet): ${first.ms.toFixed(0)} ms, ${first.hashed} pieces hashed`);

const resumed: number[] = [];
const checked: number[] = [];
for (let r = 0; r < rounds; r++) {
  const a = await restart(withResume);
  const b = await restart(fullCheck);
  if (a.hashed !== 0) throw new Error(`the restart with resume data hashed ${a.hashed} pieces`);
  if (b.hashed !== metainfo.pieceCount) throw new Error(`the full check hashed ${b.hashed} of ${metainfo.pieceCount} pieces`);
  resumed.push(a.ms);
  checked.push(b.ms);
  console.log(`round ${r + 1}: with resume data ${a.ms.toFixed(1)} ms, full recheck ${b.ms.toFixed(0)} ms`);
}
const ratio = median(resumed) / median(checked);
console.log(
  `${totalMiB} MiB, ${metainfo.pieceCount} pieces: restart with resume data ${median(resumed).toFixed(1)} ms, full recheck ${median(checked).toFixed(0)} ms (medians of ${rounds}); ratio ${(ratio * 100).toFixed(2)}% (target < 5%)`,
);
await rm(stateDir, { recursive: true, force: true });
