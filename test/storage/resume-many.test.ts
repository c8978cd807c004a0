// Many torrents saving resume data at once hold few file descriptors: the
// saves take turns (the engine's resume write slots). A client in a child
// process under `ulimit -n 256` adds 400 small complete torrents; each check
// finds its torrent complete and saves its resume file. Before the slots, the
// 400 saves opened their temporary files all at once, and those past the
// limit failed with EMFILE (resume_data_error), leaving their torrents to be
// checked again at the next start.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { createTorrent } from '../../core/metainfo/index.ts';
import { ManagedProcess } from '../helpers/child-process.ts';
import { tempDir, writeFiles } from '../helpers/payload.ts';

const TORRENTS = 400;
const FD_LIMIT = 256;
const CLIENT = fileURLToPath(new URL('../../core/index.ts', import.meta.url));

const script = `
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
const { Client } = await import(${JSON.stringify(CLIENT)});
const [torrents, data, state] = process.argv.slice(2);
const errors = [];
const client = new Client({
  listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' },
  resume: { dir: state },
  transports: { order: ['tcp'] },
  plugins: [['dht', false], ['lsd', false]],
  on_resume_data_error: (_client, e) => errors.push(e.message),
});
const added = await Promise.all(readdirSync(torrents).map((n) => client.addTorrent(readFileSync(join(torrents, n)), { dir: data })));
await client.destroy();
console.log(JSON.stringify({ seeding: added.filter((t) => t.state === 'seeding').length, errors }));
`;

test(`${TORRENTS} torrents saving resume data under ulimit -n ${FD_LIMIT}: every save lands, none fails with EMFILE`, async (t) => {
  t.timeout(120_000);
  const root = await tempDir(t);
  const data = join(root, 'data');
  const torrents = join(root, 'torrents');
  const state = join(root, 'state');
  const names = Array.from({ length: TORRENTS }, (_, i) => `file-${i}.bin`);
  await writeFiles(data, Object.fromEntries(names.map((n, i) => [n, 1024 + i])));
  await mkdir(torrents);
  for (const name of names) {
    const { torrent } = await createTorrent(join(data, name), { pieceLength: 16384, creationDate: null });
    await writeFile(join(torrents, `${name}.torrent`), torrent);
  }
  const scriptPath = join(root, 'client.mjs');
  await writeFile(scriptPath, script);
  const child = ManagedProcess.start(t, 'bash', ['-c', `ulimit -n ${FD_LIMIT} && exec "$0" --import=tsx "$@"`, process.execPath, scriptPath, torrents, data, state], { name: 'client under ulimit' });
  const code = await child.waitForExit('the client to add, save and close', 100_000);
  t.is(code, 0, child.stderr);
  const result = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { seeding: number; errors: string[] };
  t.is(result.seeding, TORRENTS);
  t.deepEqual(result.errors, [], 'no resume save failed');
  t.is((await readdir(state)).filter((n) => n.endsWith('.swarmhook-resume')).length, TORRENTS, 'a resume file for every torrent');
});
