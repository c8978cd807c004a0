// A plugin that throttles the client during working hours: from `from` to
// `to` o'clock on the days listed, the client's rate limits are set to
// `download` / `upload` bytes per second; outside them, back to what they
// were when the plugin was applied (the .btrc's rates, or unlimited).
//
// Rate limits are a setting, changed when the user's clock says so, not a
// decision the engine takes at some event: so the plugin keeps its own
// timer (unref'd, so it never keeps the process alive, and cleared on
// destroy) and calls the public API, client.setRateLimits(). Per-torrent
// limits work the same way with torrent.setRateLimits().
//
// Load it from a .btrc (paths are relative to the config file):
//   "plugins": [["./working-hours-throttle.ts", { "download": 524288, "upload": 131072 }]]
//
// Run this file to watch it decide at a few given times (a fake clock):
//   node --import=tsx examples/working-hours-throttle.ts
import { pathToFileURL } from 'node:url';
import { createClient, definePlugin } from '../core/index.ts';
import type { JsonSchema, RateLimits } from '../core/index.ts';

export interface WorkingHoursThrottleOptions {
  /** First hour of the working day (0-23, local time). */
  readonly from?: number;
  /** Hour the working day ends (1-24). */
  readonly to?: number;
  /** Working days, 0 = Sunday ... 6 = Saturday. */
  readonly days?: readonly number[];
  /** Bytes per second during working hours; 0 = unlimited. */
  readonly download?: number;
  readonly upload?: number;
  /** How often the clock is looked at. */
  readonly checkEveryMs?: number;
}

const NAME = 'working-hours-throttle';

const schema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    from: { type: 'integer', minimum: 0, maximum: 23, default: 9 },
    to: { type: 'integer', minimum: 1, maximum: 24, default: 17 },
    days: { type: 'array', items: { type: 'integer', minimum: 0, maximum: 6 }, default: [1, 2, 3, 4, 5] },
    download: { type: 'integer', minimum: 0, default: 512 * 1024 },
    upload: { type: 'integer', minimum: 0, default: 128 * 1024 },
    checkEveryMs: { type: 'integer', minimum: 1000, default: 60_000 },
  },
};

/** The limits the plugin wants at `time`: the working-hours ones, or `otherwise`. */
export function limitsAt(time: Date, options: Required<WorkingHoursThrottleOptions>, otherwise: RateLimits): RateLimits {
  const hour = time.getHours();
  const working = options.days.includes(time.getDay()) && hour >= options.from && hour < options.to;
  return working ? { download: options.download, upload: options.upload } : otherwise;
}

/** `now` is for the demo and tests: the clock to read. */
export function workingHoursThrottle(now: () => Date = () => new Date()) {
  return definePlugin<WorkingHoursThrottleOptions>({
    name: NAME,
    schema,
    apply(client, options) {
      const resolved = options as Required<WorkingHoursThrottleOptions>; // the schema filled every default
      const otherwise = client.rateLimits;
      const check = (): void => {
        const wanted = limitsAt(now(), resolved, otherwise);
        const current = client.rateLimits;
        if (wanted.download !== current.download || wanted.upload !== current.upload) client.setRateLimits(wanted);
      };
      check();
      const timer = setInterval(check, resolved.checkEveryMs);
      timer.unref();
      client.onDestroy(NAME, () => clearInterval(timer));
    },
  });
}

export default workingHoursThrottle();

async function demo(): Promise<void> {
  let clock = new Date(2026, 0, 5, 10, 0); // a Monday, 10:00
  // Outside working hours the .btrc's 4 MiB/s download limit applies.
  const client = await createClient({
    config: false,
    listen: { tcp4: false, tcp6: false },
    rates: { maxDownloadRate: 4 * 1024 * 1024 },
    plugins: [['logger', false], [workingHoursThrottle(() => clock), { checkEveryMs: 1000 }]],
  });
  const show = (label: string): void => {
    const { download, upload } = client.rateLimits;
    console.log(`${label}: download ${download} B/s, upload ${upload} B/s`);
  };
  show('Monday 10:00');
  for (const [label, time] of [
    ['Monday 18:00', new Date(2026, 0, 5, 18, 0)],
    ['Saturday 10:00', new Date(2026, 0, 10, 10, 0)],
    ['Tuesday 09:00', new Date(2026, 0, 6, 9, 0)],
  ] as const) {
    clock = time;
    await new Promise((resolve) => setTimeout(resolve, 1100));
    show(label);
  }
  await client.destroy();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await demo();
