// CI runs every example as a user would (`node --import=tsx examples/x.ts`,
// bounded in time) and checks what it prints, line by line. An example file
// without an entry in EXPECTED fails the first test, so a new example cannot
// be forgotten. Also: the .btrc files in examples/btrc load and apply.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import test, { type ExecutionContext } from 'ava';
import { BUILTIN_PLUGINS, createClient } from '../../core/index.ts';
import { onCompleteCommand } from '../../examples/on-complete-command.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const EXAMPLES = join(ROOT, 'examples');

/** Files in examples/ that are not examples: helpers the examples import, and the sample's generator (it rewrites examples/sample/). */
const NOT_EXAMPLES = new Set(['local-swarm.ts', 'make-sample.ts']);

type Line = string | RegExp;

interface Expectation {
  /** Every line of stdout, in order: equal to the string, or matching the pattern. */
  readonly lines: readonly Line[];
  /** More checks on the captured groups of the patterns (one array per line). */
  readonly check?: (t: ExecutionContext, groups: readonly (readonly string[])[]) => void;
}

const PEER_LINE = /^ {2}127\.0\.0\.1:\d+ \(swarmhook \d+\.\d+\.\d+\): in (\d+) bytes, out (\d+) bytes$/;
const SAMPLE_BYTES = 300_425;

const EXPECTED: Record<string, Expectation> = {
  'first-plugin.ts': { lines: ['sample: 19 pieces passed'] },
  'custom-ban-policy.ts': {
    lines: [
      'public.iso 192.168.1.20 (proven): vetoed',
      'public.iso 203.0.113.5 (proven): ban',
      'public.iso 203.0.113.6 (1 failed): no ban',
      'private.iso 203.0.113.6 (1 failed): ban',
    ],
  },
  'tracker-alert.ts': {
    lines: [/^ALERT hello\.txt: tracker http:\/\/127\.0\.0\.1:\d+\/announce failed 3 times in a row \(HTTP 500 Internal Server Error\)$/],
  },
  'peer-stats.ts': {
    lines: ['sample complete: traffic with 2 peers', PEER_LINE, PEER_LINE, /^ {2}total: in (\d+) bytes, out (\d+) bytes$/, `payload: ${SAMPLE_BYTES} bytes in 19 pieces`],
    check: (t, groups) => {
      const [, a, b, total] = groups.map((g) => g.map(Number));
      t.is(a![0]! + b![0]!, total![0]!, 'the total is the sum of the peers');
      t.is(a![1]! + b![1]!, total![1]!);
      // Every payload byte came in, plus at least one 13-byte piece header per 16 KiB block.
      t.true(total![0]! >= SAMPLE_BYTES + 19 * 13, `read ${total![0]} bytes`);
      t.true(a![1]! > 0 && b![1]! > 0, 'both seeders got requests');
    },
  },
  'hello-extension.ts': { lines: ['downloader heard "hello from the seeder" (en)', 'seeder heard "hello from the downloader" (en)'] },
  'on-complete-command.ts': { lines: ['done: sample', './empty.txt', './hello.txt', './nested/data.bin'] },
  'runtime-ip-filter.ts': {
    lines: [
      'the downloader has sample: seeding',
      '127.0.0.2 sent a broken handshake; rule added: 127.0.0.2-127.0.0.2 (sent invalid data [BAD_PROTOCOL]) from block-on-peer-error',
      'ip_filter: refused 127.0.0.2 (tcp4) by rule 127.0.0.2-127.0.0.2 from block-on-peer-error',
      '127.0.0.1 is not blocked: true',
    ],
  },
  'working-hours-throttle.ts': {
    lines: [
      'Monday 10:00: download 524288 B/s, upload 131072 B/s',
      'Monday 18:00: download 4194304 B/s, upload 0 B/s',
      'Saturday 10:00: download 4194304 B/s, upload 0 B/s',
      'Tuesday 09:00: download 524288 B/s, upload 131072 B/s',
    ],
  },
  'stream-server.ts': {
    lines: [
      'seeding movie.webm (8388608 bytes)',
      'HEAD 200: 8388608 bytes of video/webm, ranges: bytes',
      'GET 206 bytes 6291456-6391455/8388608: bytes match',
      'the range came before the file was complete: true',
      'GET beyond the end: 416 bytes */8388608',
      'file_completed: movie.webm',
    ],
  },
  'policy-hooks.ts': {
    lines: [
      'allow_connection 203.0.113.7:80: refused (privileged port)',
      'allow_connection 203.0.113.7:51413: allowed',
      'ban_peer 192.168.1.20 (proven): vetoed',
      'ban_peer 203.0.113.9 (proven): ban',
      'parole_peer 192.168.1.20 after a failed piece: not on parole',
      'parole_peer 203.0.113.9 after a failed piece: on parole',
      'choose_trackers: https://tracker.example/announce',
      'choose_unchoke (2 slots): 192.168.1.30, 203.0.113.3',
      'announcing to https://tracker.example/announce: event started, numwant 200, left 0',
    ],
  },
};

const exampleFiles = readdirSync(EXAMPLES).filter((f) => f.endsWith('.ts') && !NOT_EXAMPLES.has(f)).sort();

test('every example file in examples/ is run below (add new ones to EXPECTED)', (t) => {
  t.deepEqual(exampleFiles, Object.keys(EXPECTED).sort());
});

for (const file of exampleFiles) {
  const expected = EXPECTED[file];
  if (expected === undefined) continue; // reported by the test above
  test(`examples/${file} runs and prints what it should`, async (t) => {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import=tsx', join(EXAMPLES, file)], {
      cwd: ROOT,
      timeout: 60_000,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    t.is(stderr, '');
    const lines = stdout.split('\n');
    t.is(lines.pop(), '', 'output ends with a newline');
    t.is(lines.length, expected.lines.length, stdout);
    const groups = expected.lines.map((want, i) => {
      const got = lines[i] ?? '';
      if (typeof want === 'string') {
        t.is(got, want);
        return [];
      }
      t.regex(got, want);
      return want.exec(got)?.slice(1) ?? [];
    });
    expected.check?.(t, groups);
  });
}

test('examples/btrc/.btrc.json is found in its folder and sets every built-in, validated, beside two example plugins', async (t) => {
  const dir = join(EXAMPLES, 'btrc');
  const client = await createClient({ cwd: dir, stopDir: dir, listen: { ports: 0, tcp6: false, host4: '127.0.0.1' } });
  t.teardown(() => client.destroy());
  t.deepEqual([...client.plugins.keys()], [...BUILTIN_PLUGINS, 'peer-stats', 'on-complete-command']);
  t.like(client.plugins.get('peer-ban'), { maxHashFails: 3, scope: 'torrent', banDurationMs: 3_600_000, trustPenalty: 2 });
  t.like(client.plugins.get('tracker-failover'), { backoffBaseSeconds: 5, shuffleTiers: true });
  t.like(client.plugins.get('logger'), { level: 'info', include: ['peer_ban', 'ip_filter'] });
  t.is(client.settings.downloadDir, join(dir, 'downloads'));
  t.is(client.settings.resume.dir, join(dir, 'state'));
  t.is(client.settings.limits.maxUploadSlots, 4);
  // The README says this file sets every key: it shows them all.
  const file = JSON.parse(readFileSync(join(dir, '.btrc.json'), 'utf8')) as Record<string, unknown>;
  const schema = JSON.parse(readFileSync(join(ROOT, 'config-schema', 'btrc.schema.json'), 'utf8')) as SchemaNode;
  t.deepEqual(leafKeys(file, ''), leafKeys(schema.properties!, '', true));
});

interface SchemaNode {
  readonly properties?: Record<string, SchemaNode>;
}

/** "listen.ports", "limits.maxConnections", ...; plugins and $schema are not settings. */
function leafKeys(node: Record<string, unknown>, prefix: string, schema = false): string[] {
  return Object.entries(node)
    .filter(([k]) => k !== 'plugins' && k !== '$schema')
    .flatMap(([k, v]) => {
      const children = schema ? (v as SchemaNode).properties : typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
      return children === undefined ? [`${prefix}${k}`] : leafKeys(children, `${prefix}${k}.`, schema);
    })
    .sort();
}

test('examples/typed-config/bt.config.ts, written with defineConfig, is found in its folder and applied', async (t) => {
  const dir = join(EXAMPLES, 'typed-config');
  const client = await createClient({ cwd: dir, stopDir: dir, listen: { ports: 0, tcp6: false, host4: '127.0.0.1' } });
  t.teardown(() => client.destroy());
  t.deepEqual([...client.plugins.keys()], BUILTIN_PLUGINS.filter((name) => name !== 'tracker-failover'));
  t.like(client.plugins.get('logger'), { level: 'warn', include: ['peer_ban'] });
  t.like(client.plugins.get('peer-ban'), { maxHashFails: 3 });
  t.is(client.settings.downloadDir, join(dir, 'downloads'));
  t.is(client.settings.rates.maxUploadRate, 512 * 1024);
});

test('examples/btrc/custom-ban-policy.btrc.json loads the example policy next to peer-ban', async (t) => {
  const client = await createClient({ config: join(EXAMPLES, 'btrc', 'custom-ban-policy.btrc.json'), listen: { ports: 0, tcp6: false, host4: '127.0.0.1' } });
  t.teardown(() => client.destroy());
  t.true(client.plugins.has('peer-ban') && client.plugins.has('custom-ban-policy'));
  t.like(client.plugins.get('custom-ban-policy'), { trusted: ['192.168.1.20', '2001:db8::20'] });
});

test('on-complete-command: a failing command is reported as plugin_error; destroy waits for it; torrents found complete only when asked', async (t) => {
  const errors: string[] = [];
  const make = (includeFoundComplete: boolean) =>
    createClient({
      config: false,
      listen: { ports: 0, tcp6: false, host4: '127.0.0.1' },
      plugins: [['logger', false], [onCompleteCommand, { command: 'sh', args: ['-c', 'sleep 0.2; exit 3', 'sh'], includeFoundComplete }]],
      on_plugin_error: (_c, info) => errors.push(`${info.plugin} ${info.hook}: ${info.error.message}`),
    });
  for (const include of [false, true]) {
    const client = await make(include);
    // The sample where its data is: complete once checked, nothing downloaded.
    await client.addTorrent(join(EXAMPLES, 'sample.torrent'), { dir: EXAMPLES });
    await client.destroy();
  }
  t.is(errors.length, 1, errors.join('\n'));
  t.regex(errors[0]!, /^on-complete-command torrent_complete: sh for sample failed: Command failed: sh -c sleep 0\.2; exit 3 sh sample \/.+\/examples\/sample [0-9a-f]{40}$/);
  await t.throwsAsync(createClient({ config: false, plugins: [[onCompleteCommand, {}]] }), { message: 'plugin "on-complete-command": options must have key "command" (plugins[0] given in code)' });
});
