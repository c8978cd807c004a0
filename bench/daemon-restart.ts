// bt daemon restart with 100 torrents: the time from start until every
// torrent is back (seeding, from the session and resume data, no piece
// hashed) and the time of a clean stop, against the reference measured in
// the same run: the same 100 torrents added to a fresh client that checks
// every piece (resume.enabled false). The data (100 files of 4 MiB) is
// generated once into .bench-data/daemon-restart/ (git-ignored).
// Run: node --import=tsx bench/daemon-restart.ts [--torrents 100] [--mib 4] [--rounds 3]
import { randomFillSync } from 'node:crypto';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startDaemon } from '../core/cli/daemon.ts';
import { Client } from '../core/client.ts';
import { createTorrent, type Metainfo } from '../core/metainfo/index.ts';

const { values } = parseArgs({ options: { torrents: { type: 'string', default: '100' }, mib: { type: 'string', default: '4' }, rounds: { type: 'string', default: '3' } } });
const COUNT = Number(values.torrents);
const LENGTH = Number(values.mib) * 1024 * 1024;
const ROUNDS = Number(values.rounds);
const root = join(import.meta.dirname, '..', '.bench-data', 'daemon-restart');
const dataDir = join(root, 'data');
const stateDir = join(root, 'state');
const LOOPBACK = { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } as const;

async function generate(): Promise<Metainfo[]> {
  await mkdir(dataDir, { recursive: true });
  const metas: Metainfo[] = [];
  for (let i = 0; i < COUNT; i++) {
    const path = join(dataDir, `t${String(i).padStart(3, '0')}.bin`);
    if ((await stat(path).catch(() => undefined))?.size !== LENGTH) await writeFile(path, randomFillSync(Buffer.allocUnsafe(LENGTH)));
    metas.push((await createTorrent(path, { pieceLength: 256 * 1024, creationDate: null })).metainfo);
  }
  return metas;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

console.log(`${COUNT} torrents of ${values.mib} MiB under ${dataDir}`);
const metas = await generate();
await rm(stateDir, { recursive: true, force: true });
const config = join(root, '.btrc.json');
await writeFile(config, JSON.stringify({ listen: LOOPBACK, plugins: [['dht', false], ['pex', false], ['logger', false], ['transmission-rpc', { port: 0 }]] }));

// The session the restarts come back to: every torrent added once and checked.
const first = await startDaemon({ state: stateDir, config, logLevel: 'off' });
for (const meta of metas) await first.client.addTorrent(meta, { dir: dataDir });
await first.stop();

const restarts: number[] = [];
const stops: number[] = [];
const references: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  let hashed = 0;
  // Counts the pieces hashed while the session is restored (there should be none).
  const counter = {
    name: 'count-hashed',
    apply: (c: Client): void => {
      c.hooks.piece_hash_passed.tap('count-hashed', () => void hashed++);
      c.hooks.piece_hash_failed.tap('count-hashed', () => void hashed++);
    },
  };
  const started = performance.now();
  const daemon = await startDaemon({ state: stateDir, config, logLevel: 'off', plugins: [counter] });
  const restartMs = performance.now() - started;
  const seeding = daemon.client.torrents.filter((t) => t.state === 'seeding').length;
  const stopping = performance.now();
  await daemon.stop();
  stops.push(performance.now() - stopping);
  restarts.push(restartMs);
  if (seeding !== COUNT || hashed !== 0) throw new Error(`round ${round}: ${seeding} of ${COUNT} seeding, ${hashed} pieces hashed after the restart`);

  const client = new Client({ listen: LOOPBACK, resume: { enabled: false } });
  const t0 = performance.now();
  for (const meta of metas) await client.addTorrent(meta, { dir: dataDir });
  references.push(performance.now() - t0);
  await client.destroy();
  console.log(`round ${round + 1}: restart ${restartMs.toFixed(0)} ms (${seeding} seeding, 0 hashed), stop ${stops.at(-1)!.toFixed(0)} ms; full recheck ${references.at(-1)!.toFixed(0)} ms`);
}
const restart = median(restarts);
const reference = median(references);
console.log(`median restart ${restart.toFixed(0)} ms, stop ${median(stops).toFixed(0)} ms; full recheck of the same torrents ${reference.toFixed(0)} ms; restart / recheck = ${(restart / reference).toFixed(3)}`);
