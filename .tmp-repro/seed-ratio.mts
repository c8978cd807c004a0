import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '../core/client.ts';
import { createTorrent } from '../core/metainfo/index.ts';
import { writeFiles } from '../test/helpers/payload.ts';

const BT = new URL('../bin/bt.js', import.meta.url).pathname;
const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;
for (let round = 0; round < Number(process.argv[2] ?? 10); round++) {
  const dir = await mkdtemp(join(tmpdir(), 'repro-'));
  await writeFiles(join(dir, 'pay'), { 'a.bin': 200_000, 'b.txt': 100_000 });
  const { torrent, metainfo } = await createTorrent(join(dir, 'pay'), { pieceLength: 16384 });
  const path = join(dir, 'pay.torrent');
  await writeFile(path, torrent);
  const config = join(dir, '.btrc.json');
  await writeFile(config, JSON.stringify({}));
  const t0 = Date.now();
  const child = spawn(process.execPath, [BT, 'seed', path, dir, '--port', '0', '--config', config, '--seed-ratio', '1', '--json', '-v'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SWARMHOOK_DHT_BOOTSTRAP: '', SWARMHOOK_LSD: 'off' } });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = once(child, 'exit');
  const port = await new Promise<number>((resolve) => {
    child.stdout.on('data', () => {
      const m = /on port (\d+)/.exec(stdout);
      if (m) resolve(Number(m[1]));
    });
  });
  const events: string[] = [];
  const leecher = new Client({ ...LOOPBACK, on_peer_handshake_complete: (_c, i) => void events.push(`${Date.now() - t0} handshake ${i.peer.protocol}`), on_peer_disconnect: (_c, i) => void events.push(`${Date.now() - t0} disconnect ${i.peer.protocol} ${i.reason}`), on_peer_error: (_c, i) => void events.push(`${Date.now() - t0} peer_error ${i.code} ${i.error}`) });
  const out = await mkdtemp(join(tmpdir(), 'repro-out-'));
  const t = await leecher.addTorrent(metainfo, { dir: out, peers: [{ ip: '127.0.0.1', port }] });
  const timeout = new Promise((r) => setTimeout(() => r('timeout'), 30_000));
  const complete = await Promise.race([t.whenComplete().then(() => 'complete'), timeout]);
  const ex = complete === 'complete' ? await Promise.race([exited.then(() => 'exited'), timeout]) : 'n/a';
  console.log(`round ${round}: ${complete} ${ex} in ${Date.now() - t0} ms, progress ${t.progress}, peers ${t.peers.length}`);
  if (complete !== 'complete' || ex !== 'exited') {
    console.log(events.join('\n'));
    console.log('STDOUT', stdout.slice(-3000));
    console.log('STDERR', stderr.slice(-6000));
    child.kill('SIGKILL');
    await leecher.destroy();
    process.exit(1);
  }
  await leecher.destroy();
}
