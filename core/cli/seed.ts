// `bt seed <file.torrent> <dir> [--port N]`: checks the files and seeds them until interrupted.
import { parseArgs } from 'node:util';
import { CLIENT_OPTIONS, clientFromOptions } from './client-options.ts';
import { reportFileProblems, reportStop } from './file-problems.ts';
import type { CliIO } from './info.ts';
import { progressLine } from './progress.ts';

const USAGE = `usage: bt seed <file.torrent> <dir> [--port N] [--config FILE]

Checks the torrent's files in <dir> and seeds them until interrupted.
  --port N|A-B      listen port or range (default 6881-6889)
  --config FILE     a .btrc to load instead of searching for one
  --quiet           no progress lines
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
  const torrent = await client.addTorrent(positionals[0]!, { dir: positionals[1]! });
  if (torrent.state !== 'seeding') {
    io.stderr.write(`bt seed: only ${(torrent.progress * 100).toFixed(1)}% of ${torrent.name} is in ${positionals[1]}; seeding what is there\n`);
  }
  io.stdout.write(`seeding ${torrent.name} (${torrent.infoHash}) on port ${client.port}\n`);
  const ticker = values.quiet ? undefined : setInterval(() => io.stdout.write(`${progressLine(torrent)}\n`), 5000);
  const unwatch = reportStop(torrent, 'bt seed', io);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  unwatch();
  if (ticker !== undefined) clearInterval(ticker);
  await client.destroy();
  return 0;
}
