// `bt seed <file.torrent> <dir> [--port N]`: checks the files and seeds them until interrupted
// (or until --seed-ratio / --seed-time).
import { parseArgs } from 'node:util';
import { CLIENT_OPTIONS, CLIENT_OPTIONS_USAGE, clientFromOptions, isQuiet } from './client-options.ts';
import { reportFileProblems, reportStop } from './file-problems.ts';
import { SEED_OPTIONS, SEED_OPTIONS_USAGE, seedUntilDone } from './seeding.ts';
import { seedLimits } from './seed-limits.ts';
import { listenForStop } from './signals.ts';
import type { DisplayIO } from './status-display.ts';
import { RunSummary, summary } from './summary.ts';

export const USAGE = `usage: bt seed <file.torrent> <dir> [options]

Checks the torrent's files in <dir> and seeds them until interrupted.
${SEED_OPTIONS_USAGE}${CLIENT_OPTIONS_USAGE}
Ctrl-C (SIGINT) or SIGTERM stops cleanly (stopped announces, files closed,
log flushed) and exits 0, as does reaching --seed-ratio or --seed-time; 1 on an error.

examples:
  bt seed ubuntu.torrent ~/Downloads
  bt seed ubuntu.torrent ~/Downloads --seed-ratio 2 --seed-time 12h
`;

export async function run(argv: string[], io: DisplayIO = process): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...SEED_OPTIONS,
      ...CLIENT_OPTIONS,
    },
  });
  if (values.help || positionals.length !== 2) {
    io.stdout.write(USAGE);
    return values.help ? 0 : 1;
  }
  const run = new RunSummary({ json: values.json, quiet: isQuiet(values) }, io);
  const { display, failed } = run;
  const { limits, client } = await (async () => ({ limits: seedLimits(values), client: await clientFromOptions(values) }))().catch(failed);
  reportFileProblems(client, 'bt seed', io);
  const stop = listenForStop();
  try {
    const adding = client.addTorrent(positionals[0]!, { dir: positionals[1]! });
    // Destroying the client on a signal rejects an addTorrent still under way (checking the files): nobody waits for it then.
    adding.catch(() => undefined);
    const added = await Promise.race([adding, stop.signal]);
    // Seeding does not complete; a signal is how it ends, even during the check.
    if (typeof added === 'string') {
      display.json(summary(undefined, { outcome: 'stopped', exitCode: 0, seconds: run.seconds, seedStop: added }));
      return 0;
    }
    run.torrent = added;
    if (added.state !== 'seeding') {
      io.stderr.write(`bt seed: only ${(added.progress * 100).toFixed(1)}% of ${added.name} is in ${positionals[1]}; seeding what is there\n`);
    }
    const unwatch = reportStop(added, 'bt seed', io);
    const outcome = await seedUntilDone({
      client,
      torrent: added,
      limits,
      stop: stop.signal,
      display,
      headline: (where, until) => `seeding ${added.name} (${added.infoHash}) ${where}${until === undefined ? '' : `; ${until}`}`,
    });
    unwatch();
    display.json(summary(run.torrent, { outcome: 'stopped', exitCode: 0, seconds: run.seconds, ...outcome }));
    return 0;
  } catch (err) {
    return failed(err);
  } finally {
    display.close();
    // Still listening while the client shuts down, so that a second signal exits at once.
    await client.destroy();
    stop.dispose();
  }
}
