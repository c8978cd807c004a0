// `bt download <file.torrent | magnet link> -o <dir> [--peer host:port]...`:
// downloads and exits 0 once every piece is verified. A magnet link's
// metadata comes from its peers (x.pe, --peer) and trackers first.
import { parseArgs } from 'node:util';
import { parseAddress } from '../net/address.ts';
import { CLIENT_OPTIONS, clientFromOptions } from './client-options.ts';
import { reportFileProblems } from './file-problems.ts';
import type { CliIO } from './info.ts';
import { progressLine } from './progress.ts';

const USAGE = `usage: bt download <file.torrent | magnet:?...> -o <dir> [--peer host:port]... [--port N] [--config FILE] [--seed]

Downloads a torrent into <dir> and exits 0 once every piece is verified.
A magnet link's metadata is fetched from its peers (x.pe, --peer) and trackers (tr) first.
  -o, --output DIR     where the files go (default: the config's downloadDir or .)
  --peer HOST:PORT     a peer to connect to (repeatable; IPv6 as [::1]:6881)
  --port N|A-B         listen port or range (default 6881-6889)
  --config FILE        a .btrc to load instead of searching for one
  --seed               keep seeding after the download until interrupted
  --quiet              no progress lines
`;

export async function run(argv: string[], io: CliIO = process): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      peer: { type: 'string', multiple: true },
      seed: { type: 'boolean' },
      ...CLIENT_OPTIONS,
    },
  });
  if (values.help || positionals.length !== 1) {
    io.stdout.write(USAGE);
    return values.help ? 0 : 1;
  }
  const peers = (values.peer ?? []).map((p) => parseAddress(p));
  const client = await clientFromOptions(values);
  reportFileProblems(client, 'bt download', io);
  const stop = (): void => void client.destroy().then(() => process.exit(130));
  process.once('SIGINT', stop);
  try {
    const source = positionals[0]!;
    const magnet = /^magnet:\?/i.test(source.trim());
    if (magnet && !values.quiet) io.stdout.write('fetching the metadata from peers...\n');
    const torrent = await client.addTorrent(source, { ...(values.output === undefined ? {} : { dir: values.output }), peers });
    if (magnet && !values.quiet) io.stdout.write(`metadata: ${torrent.name}, ${torrent.meta.files.length} file(s), ${torrent.meta.length} bytes\n`);
    const started = Date.now();
    const ticker = values.quiet ? undefined : setInterval(() => io.stdout.write(`${progressLine(torrent)}\n`), 1000);
    try {
      await Promise.race([torrent.whenComplete(), failure(torrent)]);
    } finally {
      if (ticker !== undefined) clearInterval(ticker);
    }
    const seconds = (Date.now() - started) / 1000;
    io.stdout.write(`${progressLine(torrent)}\ncomplete: ${torrent.name} (${torrent.meta.length} bytes) in ${seconds.toFixed(1)} s\n`);
    if (values.seed) {
      io.stdout.write(`seeding on port ${client.port}; Ctrl-C to stop\n`);
      await new Promise(() => undefined);
    }
    return 0;
  } finally {
    process.off('SIGINT', stop);
    await client.destroy();
  }
}

/** Rejects when the torrent stops in the error state (a file error pauses it). */
function failure(torrent: { readonly state: string; readonly error: Error | undefined }): Promise<never> {
  return new Promise((_, reject) => {
    const timer = setInterval(() => {
      if (torrent.state === 'error') {
        clearInterval(timer);
        reject(torrent.error ?? new Error('the torrent stopped with an error'));
      }
    }, 200);
    timer.unref();
  });
}
