// --seed-ratio and --seed-time: seed until the upload ratio reaches R or the
// time passes, whichever comes first (as aria2c's --seed-ratio/--seed-time).
import { CliOptionError } from './client-options.ts';

export interface SeedLimits {
  /** Stop once uploaded / downloaded (or / the selected size, when nothing was downloaded) reaches this. */
  readonly ratio?: number;
  /** Stop after seeding this many seconds. */
  readonly seconds?: number;
}

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400 };

/** "90s", "10m", "1h30m", "2d"; a bare number is minutes, as in aria2c and transmission. */
export function parseDuration(text: string): number {
  const trimmed = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 60;
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)([smhd])/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== trimmed) {
    throw new CliOptionError('CLI_BAD_OPTION', `--seed-time needs a duration such as 90s, 10m, 1h30m or 2d (a bare number is minutes), not "${text}"`);
  }
  return parts.reduce((sum, [, n, unit]) => sum + Number(n) * UNIT_SECONDS[unit!]!, 0);
}

export function parseRatio(text: string): number {
  const ratio = Number(text);
  if (text.trim() === '' || !Number.isFinite(ratio) || ratio < 0) throw new CliOptionError('CLI_BAD_OPTION', `--seed-ratio needs a number of at least 0, such as 1 or 2.5, not "${text}"`);
  return ratio;
}

/** The limits the flags set; undefined when neither is given (seed until interrupted, or not at all). */
export function seedLimits(values: { readonly 'seed-ratio'?: string; readonly 'seed-time'?: string }): SeedLimits | undefined {
  const ratio = values['seed-ratio'] === undefined ? undefined : parseRatio(values['seed-ratio']);
  const seconds = values['seed-time'] === undefined ? undefined : parseDuration(values['seed-time']);
  if (ratio === undefined && seconds === undefined) return undefined;
  return { ...(ratio === undefined ? {} : { ratio }), ...(seconds === undefined ? {} : { seconds }) };
}

/** uploaded / downloaded; a torrent that was complete on disk counts its selected size as downloaded. */
export function shareRatio(uploaded: number, downloaded: number, size: number): number {
  const base = downloaded > 0 ? downloaded : size;
  return base === 0 ? 0 : uploaded / base;
}

/** Why seeding may stop now ("ratio 1.02 reached", "seeded 10m"), or undefined to go on. */
export function seedLimitReached(limits: SeedLimits, ratio: number, seededMs: number): string | undefined {
  if (limits.ratio !== undefined && ratio >= limits.ratio) return `upload ratio ${ratio.toFixed(2)} reached (--seed-ratio ${limits.ratio})`;
  if (limits.seconds !== undefined && seededMs >= limits.seconds * 1000) return `seeded ${Math.round(seededMs / 1000)} s (--seed-time)`;
  return undefined;
}

/** Resolves with the reason once a limit is reached; checked twice a second. The timer does not keep the process alive. */
export function whenSeedLimitReached(limits: SeedLimits, ratio: () => number): { readonly reached: Promise<string>; cancel(): void } {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const reached = new Promise<string>((resolve) => {
    const check = (): void => {
      const reason = seedLimitReached(limits, ratio(), Date.now() - started);
      if (reason === undefined) return;
      clearInterval(timer);
      resolve(reason);
    };
    timer = setInterval(check, 500);
    timer.unref();
    check();
  });
  return { reached, cancel: () => clearInterval(timer) };
}
