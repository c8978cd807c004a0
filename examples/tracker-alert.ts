// A user plugin that raises an alert when a tracker keeps failing: after
// `threshold` tracker_failure events in a row for the same tracker of the same
// torrent, it prints one line (once per streak; a success starts over).
//
// Load it from a .btrc (paths are relative to the config file):
//   "plugins": [["./tracker-alert.ts", { "threshold": 5 }]]
//
// Run this file to watch it fire: it starts a tracker on 127.0.0.1 that
// answers every announce with HTTP 500, adds a torrent announced only there,
// and stops after the alert.
//   node --import=tsx examples/tracker-alert.ts
import http from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createClient, definePlugin } from '../core/index.ts';
import { createTorrent } from '../core/metainfo/index.ts'; // 'swarmhook/metainfo' in your project
import type { EventInfo, JsonSchema } from '../core/index.ts';

export interface TrackerAlertOptions {
  /** Failures in a row that raise the alert. Default 3. */
  readonly threshold?: number;
  /** Where the line goes. Default: console.log. */
  readonly alert?: (line: string, failure: EventInfo<'tracker_failure'>) => void;
}

const schema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    threshold: { type: 'integer', minimum: 1, default: 3 },
    alert: { description: 'A function called with the line (JavaScript config files and code only).' },
  },
};

export const trackerAlert = definePlugin<TrackerAlertOptions>({
  name: 'tracker-alert',
  schema,
  apply(client, options) {
    const threshold = options.threshold ?? 3;
    const alert = options.alert ?? ((line: string) => console.log(line));
    // The event carries times_in_row already: the plugin only remembers which streaks it reported.
    const reported = new Set<string>();
    const key = (infoHash: string, url: string): string => `${infoHash} ${url}`;
    client.hooks.tracker_failure.tap('tracker-alert', (_client, failure) => {
      const k = key(failure.torrent.infoHash, failure.url);
      if (failure.times_in_row < threshold || reported.has(k)) return;
      reported.add(k);
      alert(`ALERT ${failure.torrent.name}: tracker ${failure.url} failed ${failure.times_in_row} times in a row (${failure.reason})`, failure);
    });
    client.hooks.tracker_success.tap('tracker-alert', (_client, success) => {
      reported.delete(key(success.torrent.infoHash, success.url));
    });
  },
});

export default trackerAlert;

async function demo(): Promise<void> {
  const tracker = http.createServer((_req, res) => res.writeHead(500).end('down for maintenance'));
  await new Promise<void>((ok) => tracker.listen(0, '127.0.0.1', () => ok()));
  const url = `http://127.0.0.1:${(tracker.address() as AddressInfo).port}/announce`;
  const dir = await mkdtemp(join(tmpdir(), 'tracker-alert-'));
  const client = await createClient({
    config: false,
    listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' },
    plugins: [
      ['logger', false],
      // Short back-off, so that three failures come within a second or two.
      ['tracker-failover', { backoffBaseSeconds: 0.1, backoffPercent: 100 }],
      [trackerAlert, { threshold: 3 }],
    ],
  });
  try {
    await writeFile(join(dir, 'hello.txt'), 'hello, trackers\n');
    const { metainfo } = await createTorrent(join(dir, 'hello.txt'), { announce: [url] });
    const alerted = new Promise<void>((resolve) => client.on_tracker_failure((_c, f) => f.times_in_row >= 3 && resolve()));
    await client.addTorrent(metainfo, { dir: join(dir, 'download') });
    await alerted;
  } finally {
    await client.destroy();
    tracker.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await demo();
