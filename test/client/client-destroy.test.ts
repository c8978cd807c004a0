// client.onDestroy: handlers run once, after destroy() closed the torrents'
// files and connections, last registered first, awaited; a failing handler is
// reported as plugin_error under its name and the others still run.
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { Client } from '../../core/index.ts';

const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;
const SAMPLE = fileURLToPath(new URL('../../examples/sample.torrent', import.meta.url));
const SAMPLE_DIR = fileURLToPath(new URL('../../examples/', import.meta.url));

test('handlers run after the shutdown closed files, last registered first, each awaited, once', async (t) => {
  const seen: string[] = [];
  // Without resume data: trusted resume data would spare the check from opening the files at all.
  const client = new Client({ ...LOOPBACK, resume: { enabled: false }, on_file_close: (_c, info) => seen.push(`file_close ${info.file.path}`) });
  client.onDestroy('first', () => void seen.push('first'));
  client.onDestroy('second', async () => {
    await new Promise((resolve) => setTimeout(resolve, 20));
    seen.push('second (after 20 ms)');
  });
  // Checking the sample's files opens them; the handle pool keeps them open until the torrent closes.
  const swarm = await client.addTorrent(SAMPLE, { dir: SAMPLE_DIR });
  t.is(swarm.state, 'seeding');
  await Promise.all([client.destroy(), client.destroy()]);
  await client.destroy();
  const handlers = seen.filter((s) => !s.startsWith('file_close'));
  t.deepEqual(handlers, ['second (after 20 ms)', 'first']);
  const closes = seen.slice(0, seen.indexOf('second (after 20 ms)'));
  t.true(closes.length > 0 && closes.every((s) => s.startsWith('file_close')), seen.join(', '));
});

test('a handler that throws or rejects is reported as plugin_error naming it; the others still run', async (t) => {
  const errors: string[] = [];
  const ran: string[] = [];
  const client = new Client({ on_plugin_error: (_c, info) => errors.push(`${info.plugin} ${info.hook}: ${info.error.message}`) });
  client.onDestroy('quiet', () => void ran.push('quiet'));
  client.onDestroy('thrower', () => {
    throw new Error('cannot close');
  });
  client.onDestroy('rejecter', () => Promise.reject(new Error('still busy')));
  await client.destroy();
  t.deepEqual(errors, ['rejecter destroy: still busy', 'thrower destroy: cannot close']);
  t.deepEqual(ran, ['quiet']);
});

test('on a destroyed client a handler runs at once; a non-function is refused', async (t) => {
  const client = new Client();
  await client.destroy();
  const ran = new Promise<string>((resolve) => client.onDestroy('late', () => resolve('late')));
  t.is(await ran, 'late');
  t.throws(() => client.onDestroy('bad', 'close' as never), { instanceOf: TypeError });
  t.is(client.onDestroy('chained', () => undefined), client);
});
