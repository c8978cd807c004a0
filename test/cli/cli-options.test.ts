// The pieces of `bt`'s options: log level from -v/-q and the .btrc, seed
// limits, the status display's modes, the flags the completion offers.
import test from 'ava';
import { positiveInteger } from '../../core/cli/client-options.ts';
import { flagsOf } from '../../core/cli/commands.ts';
import { parseDuration, parseRatio, seedLimitReached, seedLimits, shareRatio } from '../../core/cli/seed-limits.ts';
import { displayMode, StatusDisplay } from '../../core/cli/status-display.ts';
import { cliLoggerEntry, loggerLevel } from '../../core/cli/verbosity.ts';
import { pieceRanges } from '../../core/cli/verify.ts';
import type { TorrentStatus } from '../../core/cli/progress.ts';

test('-v and -q move the log level from warning: -v info, -vv debug, -q critical, -qq off', (t) => {
  t.is(loggerLevel(0, 0), 'warning');
  t.is(loggerLevel(1, 0), 'info');
  t.is(loggerLevel(2, 0), 'debug');
  t.is(loggerLevel(5, 0), 'debug');
  t.is(loggerLevel(0, 1), 'critical');
  t.is(loggerLevel(0, 2), 'off');
  t.is(loggerLevel(0, 9), 'off');
  t.is(loggerLevel(1, 1), 'warning');
});

test('the .btrc wins when it sets the logger level or switches it off; its other logger options are kept', (t) => {
  t.deepEqual(cliLoggerEntry(undefined, 'warning'), ['logger', { level: 'warning' }]);
  t.deepEqual(cliLoggerEntry({ plugins: ['logger'] }, 'info'), ['logger', { level: 'info' }]);
  t.deepEqual(cliLoggerEntry({ plugins: [['logger', { file: 'bt.log', format: 'json' }]] }, 'debug'), ['logger', { file: 'bt.log', format: 'json', level: 'debug' }]);
  t.is(cliLoggerEntry({ plugins: [['logger', { level: 'info' }]] }, 'off'), undefined);
  t.is(cliLoggerEntry({ plugins: [['logger', false]] }, 'debug'), undefined);
  t.deepEqual(cliLoggerEntry({ plugins: [['peer-ban', { maxHashFails: 3 }]] }, 'warning'), ['logger', { level: 'warning' }]);
});

test('--seed-time: units s, m, h, d and their sums; a bare number is minutes', (t) => {
  t.is(parseDuration('90s'), 90);
  t.is(parseDuration('10m'), 600);
  t.is(parseDuration('1h30m'), 5400);
  t.is(parseDuration('2d'), 172800);
  t.is(parseDuration('1.5'), 90);
  t.throws(() => parseDuration('soon'), { code: 'CLI_BAD_OPTION' });
  t.throws(() => parseDuration('10x'), { code: 'CLI_BAD_OPTION' });
  t.throws(() => parseDuration(''), { code: 'CLI_BAD_OPTION' });
});

test('--seed-ratio: a number of at least 0', (t) => {
  t.is(parseRatio('2.5'), 2.5);
  t.is(parseRatio('0'), 0);
  t.throws(() => parseRatio('-1'), { code: 'CLI_BAD_OPTION' });
  t.throws(() => parseRatio('lots'), { code: 'CLI_BAD_OPTION' });
  t.is(seedLimits({}), undefined);
  t.deepEqual(seedLimits({ 'seed-ratio': '1', 'seed-time': '1h' }), { ratio: 1, seconds: 3600 });
});

test('seeding stops at the ratio or the time, whichever first; a torrent complete on disk counts its size as downloaded', (t) => {
  t.is(shareRatio(500, 1000, 4000), 0.5);
  t.is(shareRatio(2000, 0, 4000), 0.5);
  t.is(shareRatio(0, 0, 0), 0);
  const limits = { ratio: 1, seconds: 60 };
  t.is(seedLimitReached(limits, 0.9, 59_000), undefined);
  t.regex(seedLimitReached(limits, 1, 1000)!, /upload ratio 1\.00 reached/);
  t.regex(seedLimitReached(limits, 0.2, 60_000)!, /seeded 60 s/);
});

function capture(isTTY = false) {
  let out = '';
  return { io: { stdout: { isTTY, write: (s: string) => void (out += s) }, stderr: { write: () => undefined } }, out: () => out };
}

const STATUS: TorrentStatus = {
  name: 'x',
  infoHash: 'ab'.repeat(20),
  state: 'downloading',
  progress: 0.5,
  done: 512,
  total: 1024,
  downloadRate: 256,
  uploadRate: 0,
  eta: 2,
  peers: 1,
  seeds: 1,
  downloaded: 512,
  uploaded: 0,
};

test('display modes: --json first, then --quiet, then a terminal or not', (t) => {
  t.is(displayMode({ json: true, quiet: true }, capture(true).io), 'json');
  t.is(displayMode({ quiet: true }, capture(true).io), 'quiet');
  t.is(displayMode({ quiet: false }, capture(true).io), 'tty');
  t.is(displayMode({ quiet: false }, capture(false).io), 'plain');
});

test('plain: a status line per show and messages as lines; quiet: messages only, no notes or status', (t) => {
  const plain = capture();
  const display = new StatusDisplay('plain', plain.io);
  display.note('fetching');
  display.show(STATUS);
  display.say('complete');
  display.close();
  t.is(plain.out(), 'fetching\ndownloading  50.0%  512 B/1 KiB  ETA 0:02  down 256 B/s  up 0 B/s  peers 1 (1 seed)\ncomplete\n');
  const quiet = capture();
  const silent = new StatusDisplay('quiet', quiet.io);
  silent.note('fetching');
  silent.show(STATUS);
  silent.say('complete');
  t.is(quiet.out(), 'complete\n');
});

test('--json: every line is an object with a type; the status carries the numbers', (t) => {
  const json = capture();
  const display = new StatusDisplay('json', json.io);
  display.say('complete');
  display.show(STATUS);
  display.json({ type: 'summary', exitCode: 0 });
  const lines = json.out().trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string });
  t.deepEqual(lines.map((l) => l.type), ['message', 'status', 'summary']);
  t.like(lines[1], { state: 'downloading', done: 512, total: 1024, eta: 2, peers: 1, seeds: 1 });
});

test('the completion offers the flags each usage text defines, not the ones it mentions', (t) => {
  const usage = 'usage: bt x [--json]\n\nSee bt download --select.\n  -o, --output DIR   where\n  --seed-ratio R     ratio\n                     (and --not-this)\n';
  t.deepEqual(flagsOf(usage), ['--output', '--seed-ratio']);
});

test('piece lists print as ranges', (t) => {
  t.is(pieceRanges([0, 1, 2, 3, 7, 9, 10]), '0-3, 7, 9-10');
  t.is(pieceRanges([]), '');
});

test('--max-peers: a whole number of at least 1', (t) => {
  t.is(positiveInteger('--max-peers', '30'), 30);
  t.throws(() => positiveInteger('--max-peers', '0'), { code: 'CLI_BAD_OPTION', message: /--max-peers needs a whole number of at least 1, not "0"/ });
  t.throws(() => positiveInteger('--max-peers', '2.5'), { code: 'CLI_BAD_OPTION' });
});
