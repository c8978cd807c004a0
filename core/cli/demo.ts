// `bt demo` (what `npm start` runs): a local swarm on loopback on the bundled
// sample torrent. One seeder and two downloaders, each with the logger plugin;
// the second downloader also knows the first, so it may fetch from either.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Client } from '../client.ts';
import { createClient } from '../create-client.ts';
import { CodedError } from '../errors.ts';
import { parseTorrent } from '../metainfo/index.ts';
import { formatAddress } from '../net/index.ts';
import type { CliIO } from './info.ts';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const LOOPBACK = { listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' } } as const;

export const USAGE = `usage: bt demo

Runs a local swarm on loopback on the bundled sample (examples/sample.torrent):
one seeder and two downloaders, each with the logger plugin at info. What
\`npm start\` runs; in a clone only (the npm package does not ship the sample).
Reads no config file and takes no options.
  -h, --help   this help
`;

export async function run(argv: string[], io: CliIO = process): Promise<number> {
  // Any argument is a request for help: the demo takes none, and must not start by surprise.
  if (argv.length > 0) {
    const help = argv.every((a) => a === '--help' || a === '-h');
    (help ? io.stdout : io.stderr).write(USAGE);
    return help ? 0 : 1;
  }
  // The sample (300 KB of data) stays in the repository: the npm package ships no examples.
  if (!existsSync(join(EXAMPLES, 'sample.torrent'))) {
    throw new CodedError('DEMO_NO_SAMPLE', 'the demo shares examples/sample/, which is in the repository but not in the npm package: run `npm start` in a clone of https://github.com/swarmhook/swarmhook');
  }
  const meta = parseTorrent(await readFile(join(EXAMPLES, 'sample.torrent')));
  io.stdout.write(`swarmhook demo: ${meta.name}, ${meta.files.length} files, ${meta.length} bytes, ${meta.pieceCount} pieces of ${meta.pieceLength} bytes\n`);
  const work = await mkdtemp(join(tmpdir(), 'swarmhook-demo-'));
  const clients: Client[] = [];
  try {
    const make = async (name: string): Promise<Client> => {
      const client = await createClient({
        ...LOOPBACK,
        name,
        config: false,
        plugins: [['logger', { level: 'info', exclude: ['piece_hash_passed'] }]],
      });
      let pieces = 0;
      client.on_piece_hash_passed(() => void pieces++);
      client.on_torrent_complete((_c, info) => io.stdout.write(`[${name}] ${info.message} (${pieces} pieces verified here)\n`));
      client.on_peer_handshake_complete((_c, info) =>
        io.stdout.write(`[${name}] handshake with ${formatAddress(info.peer)} (${info.peer.clientName ?? 'unknown client'})\n`),
      );
      clients.push(client);
      return client;
    };
    const seeder = await make('seeder');
    const alice = await make('alice');
    const bob = await make('bob');
    await seeder.addTorrent(meta, { dir: EXAMPLES });
    const started = Date.now();
    const a = await alice.addTorrent(meta, { dir: join(work, 'alice'), peers: [{ ip: '127.0.0.1', port: seeder.port! }] });
    const b = await bob.addTorrent(meta, {
      dir: join(work, 'bob'),
      peers: [
        { ip: '127.0.0.1', port: seeder.port! },
        { ip: '127.0.0.1', port: alice.port! },
      ],
    });
    await Promise.all([a.whenComplete(), b.whenComplete()]);
    const ms = Date.now() - started;
    for (const [who, t] of [['alice', a], ['bob', b]] as const) {
      for (const f of meta.files) {
        const [x, y] = await Promise.all([readFile(join(EXAMPLES, f.path)), readFile(join(work, who, f.path))]);
        if (!x.equals(y)) throw new Error(`${who}'s copy of ${f.path} differs from the seeder's`);
      }
      io.stdout.write(`${who}: ${t.state}, downloaded ${t.downloaded} bytes, uploaded ${t.uploaded} bytes\n`);
    }
    io.stdout.write(`done in ${ms} ms: both copies are byte for byte the seeder's\n`);
    return 0;
  } finally {
    await Promise.all(clients.map((c) => c.destroy()));
    await rm(work, { recursive: true, force: true });
  }
}
