// The seeding phase of `bt download --seed` and of `bt seed`: the status,
// and the end: a signal, or --seed-ratio / --seed-time reached.
import type { ParseArgsConfig } from 'node:util';
import type { Client } from '../client.ts';
import type { Swarm } from '../torrent/swarm.ts';
import { reachability } from './listening.ts';
import { torrentStatus } from './progress.ts';
import { shareRatio, whenSeedLimitReached, type SeedLimits } from './seed-limits.ts';
import type { StopSignal } from './signals.ts';
import type { StatusDisplay } from './status-display.ts';

export const SEED_OPTIONS = {
  'seed-ratio': { type: 'string' },
  'seed-time': { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

export const SEED_OPTIONS_USAGE = `  --seed-ratio R       seed until uploaded / downloaded reaches R, then exit 0
  --seed-time TIME     seed for TIME (90s, 10m, 1h30m, 2d; a bare number is minutes),
                       then exit 0; with --seed-ratio whichever comes first
`;

export interface SeedingOptions {
  readonly client: Client;
  readonly torrent: Swarm;
  readonly limits: SeedLimits | undefined;
  readonly stop: Promise<StopSignal>;
  readonly display: StatusDisplay;
  /** Announced before the status starts, from "on port N" and "until ratio 1 or Ctrl-C" (undefined without limits); default "seeding on port N; Ctrl-C to stop". */
  readonly headline?: (where: string, until: string | undefined) => string;
}

/** What the seeding came to, for the --json summary. */
export interface SeedingOutcome {
  readonly seedStop: string;
  readonly ratio: number;
}

/** The upload ratio of a torrent: a torrent complete on disk counts its selected size as downloaded. */
export function torrentRatio(t: Swarm): number {
  const status = torrentStatus(t);
  return shareRatio(status.uploaded, status.downloaded, status.total);
}

/** Seeds until a signal or a limit; the display shows the status meanwhile. */
export async function seedUntilDone(options: SeedingOptions): Promise<SeedingOutcome> {
  const { client, torrent, limits, stop, display } = options;
  const where = await reachability(client);
  const until = limits === undefined ? undefined : `until ${describeLimits(limits)} or Ctrl-C`;
  display.say(options.headline?.(where, until) ?? `seeding ${where}; ${until ?? 'Ctrl-C to stop'}`);
  display.watch(() => torrentStatus(torrent));
  const limit = limits === undefined ? undefined : whenSeedLimitReached(limits, () => torrentRatio(torrent));
  try {
    const ended = await Promise.race([stop.then((signal) => ({ signal })), limit?.reached.then((reason) => ({ reason })) ?? new Promise<never>(() => undefined)]);
    display.stop();
    display.close();
    if ('reason' in ended) {
      display.say(`stopping: ${ended.reason}`);
      return { seedStop: ended.reason, ratio: torrentRatio(torrent) };
    }
    return { seedStop: ended.signal, ratio: torrentRatio(torrent) };
  } finally {
    limit?.cancel();
    display.stop();
  }
}

function describeLimits(limits: SeedLimits): string {
  const parts: string[] = [];
  if (limits.ratio !== undefined) parts.push(`ratio ${limits.ratio}`);
  if (limits.seconds !== undefined) parts.push(`${limits.seconds} s`);
  return parts.join(' or ');
}
