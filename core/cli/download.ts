// `bt download <file.torrent | magnet link> -o <dir> [--peer host:port]...`:
// downloads and exits 0 once every piece is verified. A magnet link's
// metadata comes from its peers (x.pe, --peer) and trackers first.
import { parseArgs } from 'node:util';
import { parseAddress } from '../net/index.ts';
import { CLIENT_OPTIONS, clientFromOptions } from './client-options.ts';
import { reportFileProblems } from './file-problems.ts';
import { reachability } from './listening.ts';
import type { CliIO } from './info.ts';
import { progressLine } from './progress.ts';
import { INTERRUPTED_EXIT_CODE, listenForStop, type StopSignal } from './signals.ts';

const USAGE = `usage: bt download <file.torrent | magnet:?...> -o <dir> [--peer host:port]... [--port N] [--config FILE] [--seed]

Downloads a torrent into <dir> and exits 0 once every piece is verified.
A magnet link's metadata is fetched from its peers (x.pe, --peer) and trackers (tr) first.
  -o, --output DIR     where the files go (default: the config's downloadDir or .)
  --peer HOST:PORT     a peer to connect to (repeatable; IPv6 as [::1]:6881)
  --port N|A-B         listen port or range (default 6881-6889)
  --config FILE        a .btrc to load instead of searching for one
  --seed               keep seeding after the download until interrupted
  --quiet              no progress lines

Ctrl-C (SIGINT) or SIGTERM stops cleanly. Exit code 0 once the download is
complete (also when seeding is then stopped), 130 (SIGINT) or 143 (SIGTERM)
when it was interrupted before it completed, 1 on an error.
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
  const stop = listenForStop();
  try {
    const source = positionals[0]!;
    const magnet = /^magnet:\?/i.test(source.trim());
    if (magnet && !values.quiet) io.stdout.write('fetching the metadata from peers...\n');
    const adding = client.addTorrent(source, { ...(values.output === undefined ? {} : { dir: values.output }), peers });
    // Destroying the client on a signal rejects an addTorrent still under way: nobody waits for it then.
    adding.catch(() => undefined);
    const added = await Promise.race([adding, stop.signal]);
    if (typeof added === 'string') return interrupted(io, added, 'before the torrent was added');
    const torrent = added;
    if (magnet && !values.quiet) io.stdout.write(`metadata: ${torrent.name}, ${torrent.meta.files.length} file(s), ${torrent.meta.length} bytes\n`);
    if (client.port === undefined) io.stderr.write(`bt download: downloading ${await reachability(client)}\n`);
    const started = Date.now();
    const ticker = values.quiet ? undefined : setInterval(() => io.stdout.write(`${progressLine(torrent, client.bans)}\n`), 1000);
    let signal: StopSignal | undefined;
    try {
      signal = await Promise.race([torrent.whenComplete().then(() => undefined), failure(torrent), stop.signal]);
    } finally {
      if (ticker !== undefined) clearInterval(ticker);
    }
    if (signal !== undefined) return interrupted(io, signal, `at ${(torrent.progress * 100).toFixed(1)}% of ${torrent.name}`);
    const seconds = (Date.now() - started) / 1000;
    io.stdout.write(`${progressLine(torrent)}\ncomplete: ${torrent.name} (${torrent.meta.length} bytes) in ${seconds.toFixed(1)} s\n`);
    if (values.seed) {
      io.stdout.write(`seeding ${await reachability(client)}; Ctrl-C to stop\n`);
      // The download is complete: stopping the seeding is success.
      await stop.signal;
    }
    return 0;
  } finally {
    // Still listening while the client shuts down, so that a second signal exits at once.
    await client.destroy();
    stop.dispose();
  }
}

/** The download did not complete: say so, and exit as the shell does for the signal. */
function interrupted(io: CliIO, signal: StopSignal, when: string): number {
  io.stderr.write(`bt download: ${signal} ${when}; the download is incomplete\n`);
  return INTERRUPTED_EXIT_CODE[signal];
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
