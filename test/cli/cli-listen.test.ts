// `bt seed` when its listen port is busy: not fatal. The logger's
// listen_failure line and the command's own line say that it goes on without
// accepting incoming connections, and it still stops cleanly with exit 0.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import net from 'node:net';
import { join } from 'node:path';
import test from 'ava';
import { createTorrent } from '../../core/metainfo/index.ts';
import { tempDir, writeFiles } from '../helpers/payload.ts';

const BT = new URL('../../bin/bt.js', import.meta.url).pathname;

test('bt seed on a busy port says it runs without accepting incoming connections, and goes on', async (t) => {
  const busy = net.createServer();
  await new Promise<void>((resolve) => busy.listen({ host: '127.0.0.1', port: 0 }, resolve));
  t.teardown(() => new Promise<void>((r) => busy.close(() => r())));
  const port = (busy.address() as net.AddressInfo).port;

  const dir = await tempDir(t, 'swarmhook-cli-listen-');
  await writeFiles(dir, { 'busy.bin': 100_000 });
  const { torrent } = await createTorrent(join(dir, 'busy.bin'), { pieceLength: 32768 });
  await writeFile(join(dir, 'busy.torrent'), torrent);
  const config = join(dir, '.btrc.json');
  await writeFile(config, JSON.stringify({ listen: { ports: port, tcp4: true, tcp6: false, host4: '127.0.0.1' }, plugins: [['logger', { level: 'critical' }]] }));

  const child = spawn(process.execPath, [BT, 'seed', join(dir, 'busy.torrent'), dir, '--config', config, '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
  t.teardown(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = once(child, 'exit');
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bt seed did not start seeding: ${stdout}${stderr}`)), 20_000);
    child.stdout.on('data', () => {
      if (/^seeding /m.test(stdout)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  t.regex(stdout, /^seeding busy\.bin \([0-9a-f]{40}\) with no listening port: not accepting incoming connections, connecting out to peers only$/m);
  t.regex(stderr, new RegExp(`could not listen on tcp4 at any of ports ${port}: .*EADDRINUSE.*; no port is open, so the client runs without accepting incoming connections; outgoing connections continue`));
  child.kill('SIGTERM');
  const [code] = (await Promise.race([exited, new Promise((_, reject) => setTimeout(() => reject(new Error('bt seed did not exit')), 20_000))])) as [number | null];
  t.is(code, 0, stderr);
});
