// examples/tracker-alert.ts: its demo prints the alert line, and the plugin
// alerts once per streak of failures, starting over after a success.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import test from 'ava';
import { createClient } from '../../core/create-client.ts';
import type { EventAttributes } from '../../core/hooks.ts';
import { trackerAlert } from '../../examples/tracker-alert.ts';

const EXAMPLE = fileURLToPath(new URL('../../examples/tracker-alert.ts', import.meta.url));

test('the demo prints one alert line after three failures in a row', async (t) => {
  const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import=tsx', EXAMPLE], { timeout: 30_000 });
  t.regex(stdout, /^ALERT hello\.txt: tracker http:\/\/127\.0\.0\.1:\d+\/announce failed 3 times in a row \(HTTP 500 Internal Server Error\)\n$/);
  t.is(stderr, '');
});

test('the plugin alerts once per streak, per tracker, and again after a success ends the streak', async (t) => {
  const lines: string[] = [];
  const client = await createClient({ config: false, plugins: [['logger', false], [trackerAlert, { threshold: 2, alert: (line: string) => lines.push(line) }]] });
  const torrent = { infoHash: 'aa'.repeat(20), name: 'demo', state: 'downloading', private: false } as const;
  const fail = (url: string, n: number): void => {
    const failure: EventAttributes['tracker_failure'] = { torrent, url, times_in_row: n, status_code: 0, reason: 'timed out' };
    client.emit('tracker_failure', failure);
  };
  fail('http://a/announce', 1);
  fail('http://a/announce', 2);
  fail('http://a/announce', 3);
  fail('http://b/announce', 2);
  client.emit('tracker_success', { torrent, url: 'http://a/announce', peer_count: 0, interval: 1800 });
  fail('http://a/announce', 1);
  fail('http://a/announce', 2);
  t.deepEqual(lines, [
    'ALERT demo: tracker http://a/announce failed 2 times in a row (timed out)',
    'ALERT demo: tracker http://b/announce failed 2 times in a row (timed out)',
    'ALERT demo: tracker http://a/announce failed 2 times in a row (timed out)',
  ]);
  await t.throwsAsync(createClient({ config: false, plugins: [[trackerAlert, { threshold: 0 }]] }), { message: /threshold/ });
});
