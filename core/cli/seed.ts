// `bt seed <file.torrent> <dir> [--port N]`: checks the files and seeds them until interrupted.
import { parseArgs } from 'node:util';
import { CLIENT_OPTIONS, clientFromOptions } from './client-options.ts';
import { reportFileProblems, reportStop } from './file-problems.ts';
import { reachability } from './listening.ts';
import type { CliIO } from './info.ts';
import { progressLine } from './progress.ts';
import { listenForStop } from './signals.ts';

const USAGE = `usage: bt seed <file.torrent> <dir> [--port N] [--config FILE]

Checks the torrent's files in <dir> and seeds them until interrupted.
  --port N|A-B      listen port or range (default 6881-6889)
  --config FILE     a .btrc to load instead of searching for one
  --quiet           no progress lines

Ctrl-C (SIGINT) or SIGTERM stops cleanly (stopped announces, files closed,
log flushed) and exits 0; 1 on an error.
`;

export async function run(argv: string[], io: CliIO = process): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...CLIENT_OPTIONS,
    },
  });
  if (values.help || positionals.length !== 2) {
    io.stdout.write(USAGE);
    return values.help ? 0 : 1;
  }
  const client = await clientFromOptions(values);
  reportFileProblems(client, 'bt seed', io);
  const stop = listenForStop();
  try {
    const adding = client.addTorrent(positionals[0]!, { dir: positionals[1]! });
    // Destroying the client on a signal rejects an addTorrent still under way (checking the files): nobody waits for it then.
    adding.catch(() => undefined);
    const torrent = await Promise.race([adding, stop.signal]);
    // Seeding does not complete; a signal is how it ends, even during the check.
    if (typeof torrent === 'string') return 0;
    if (torrent.state !== 'seeding') {
      io.stderr.write(`bt seed: only ${(torrent.progress * 100).toFixed(1)}% of ${torrent.name} is in ${positionals[1]}; seeding what is there\n`);
    }
    io.stdout.write(`seeding ${torrent.name} (${torrent.infoHash}) ${await reachability(client)}\n`);
    const ticker = values.quiet ? undefined : setInterval(() => io.stdout.write(`${progressLine(torrent)}\n`), 5000);
    const unwatch = reportStop(torrent, 'bt seed', io);
    await stop.signal;
    unwatch();
    if (ticker !== undefined) clearInterval(ticker);
    return 0;
  } finally {
    // Still listening while the client shuts down, so that a second signal exits at once.
    await client.destroy();
    stop.dispose();
  }
}
