// The built-in logger: JSON lines that parse back with plain attributes, the
// text format, level/include/exclude (and the untapped events they leave
// free), stderr output, options errors that name the option, and the log
// file closed when the client is destroyed.
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import {
  BUILTIN_PLUGINS,
  Client,
  createClient,
  EVENTS,
  EVENT_NAMES,
  PluginLoadError,
  type EventAttributes,
  type EventName,
  type PluginEntry,
} from '../../core/index.ts';
import { applyPlugins, resolvePlugins } from '../../core/plugin-host/index.ts';
import { compileSchema } from '../../core/json-schema.ts';
import { selectEvents } from '../../plugins/logger/index.ts';
import { FILE, sample, TORRENT } from '../helpers/event-samples.ts';

const OTHERS_OFF: PluginEntry[] = BUILTIN_PLUGINS.filter((n) => n !== 'logger').map((n) => [n, false] as const);

function tempDir(t: { teardown(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'swarmhook-logger-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A client whose logger writes to a fresh file; returns the client and a reader of the lines. */
/** Lines leave the logger once per event-loop turn: let that turn end before reading. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function loggedClient(t: { teardown(fn: () => void): void }, options: object): Promise<{ client: Client; lines: () => Promise<string[]> }> {
  const file = join(tempDir(t), 'bt.log');
  const client = await createClient({ config: false, plugins: [...OTHERS_OFF, ['logger', { ...options, file }]] });
  return { client, lines: async () => (await turn(), readFileSync(file, 'utf8').split('\n').filter(Boolean)) };
}

function emitAll(client: Client): void {
  for (const event of EVENT_NAMES) client.emit(event, sample(event) as never);
}

const severityAtLeast = (floor: number) =>
  EVENT_NAMES.filter((e) => ['debug', 'info', 'warning', 'critical', 'fatal'].indexOf(EVENTS[e].severity) >= floor);

test('json: one parseable line per event at or above the level, in order, with time, event, severity and message', async (t) => {
  const { client, lines } = await loggedClient(t, { format: 'json' });
  emitAll(client);
  const records = (await lines()).map((l) => JSON.parse(l) as Record<string, unknown>);
  const expected = severityAtLeast(1);
  t.deepEqual(
    records.map((r) => r['event']),
    expected,
  );
  t.true(expected.includes('tracker_failure') && expected.includes('plugin_error') && !expected.includes('peer_data_in'));
  for (const r of records) {
    const event = r['event'] as EventName;
    t.deepEqual(Object.keys(r).slice(0, 4), ['time', 'event', 'severity', 'message']);
    t.is(new Date(r['time'] as string).toISOString(), r['time'] as string);
    t.is(r['severity'], EVENTS[event].severity);
    t.is(r['message'], (EVENTS[event].message as (a: EventAttributes[EventName]) => string)(sample(event)));
  }
});

test('json: attributes become plain values (peer, torrent, file, address, error, buffers, arrays)', async (t) => {
  const { client, lines } = await loggedClient(t, { format: 'json', level: 'debug' });
  emitAll(client);
  const byEvent = new Map((await lines()).map((l) => [JSON.parse(l).event as string, JSON.parse(l) as Record<string, unknown>]));
  t.is(byEvent.size, EVENT_NAMES.length, 'level debug logs every event');

  const peer = { address: '127.0.0.1:51413', peer_id: Buffer.from('-LT2080-abcdefghijkl').toString('hex'), client: 'libtorrent 2.0.8' };
  t.deepEqual(byEvent.get('peer_id')?.['peer'], peer);
  t.is(byEvent.get('peer_id')?.['peer_id'], '-LT2080-abcdefghijkl');
  t.deepEqual(byEvent.get('peer_handshake_complete')?.['peer'], { address: '[::1]:6882' }, 'IPv6 in brackets; no id yet');
  t.deepEqual(byEvent.get('file_error')?.['file'], FILE.path);
  t.deepEqual(byEvent.get('file_error')?.['torrent'], { info_hash: TORRENT.infoHash, name: TORRENT.name });
  t.is(byEvent.get('file_error')?.['error'], 'ENOSPC: no space left on device');
  t.is(byEvent.get('ip_filter')?.['address'], '10.1.2.3:6881');
  t.deepEqual(byEvent.get('ip_filter')?.['rule'], { start: '10.0.0.0', end: '10.255.255.255', source: '.btrc', label: 'private' });
  t.deepEqual(byEvent.get('listen_failure')?.['port'], [6881, 6882]);
  const failed = byEvent.get('piece_hash_failed')!;
  t.deepEqual(failed['peers'], [peer, { address: '[::1]:6882' }]);
  t.deepEqual(failed['blocks'], [{ begin: 0, length: 16384, peer, ip: '127.0.0.1' }]);
  t.is(failed['data'], '<32768 bytes>', 'a whole piece is not dumped');
  t.false('data' in byEvent.get('piece_hash_passed')!, 'undefined attributes are left out');
  t.deepEqual(byEvent.get('peer_packet_in')?.['packet'], { type: 'have', index: 7 });
  t.is(byEvent.get('plugin_error')?.['error'], 'boom');
});

test('json: small buffers are hex, cycles and Maps do not break the line', async (t) => {
  const { client, lines } = await loggedClient(t, { format: 'json', include: ['peer_packet_in'] });
  const packet: Record<string, unknown> = { type: 'extended', payload: Buffer.from([0xde, 0xad]), meta: new Map([['m', 1]]), big: 10n };
  packet['self'] = packet;
  client.emit('peer_packet_in', { peer: sample('peer_id').peer, packet: packet as never });
  const [line] = await lines();
  t.deepEqual(JSON.parse(line!).packet, { type: 'extended', payload: 'dead', meta: { m: 1 }, big: '10', self: '[…]' });
});

test('level picks the severities; events below it are not even tapped', async (t) => {
  const { client, lines } = await loggedClient(t, { format: 'json', level: 'fatal' });
  t.false(client.listens('peer_data_in'));
  t.false(client.listens('tracker_failure'));
  t.true(client.listens('file_error'));
  emitAll(client);
  t.deepEqual(
    (await lines()).map((l) => JSON.parse(l).event),
    ['file_error'],
  );
  t.deepEqual(selectEvents({ level: 'warn' }), selectEvents({ level: 'warning' }));
  t.deepEqual(
    selectEvents({ level: 'error' }),
    EVENT_NAMES.filter((e) => e === 'plugin_error' || e === 'listen_failure' || e === 'file_error'),
  );
});

test('include adds events whatever their severity, exclude removes them, level off logs only include', async (t) => {
  const { client, lines } = await loggedClient(t, { format: 'json', include: ['peer_disconnect'], exclude: ['tracker_announce', 'plugin_error'] });
  emitAll(client);
  const logged = (await lines()).map((l) => JSON.parse(l).event as EventName);
  t.true(logged.includes('peer_disconnect'));
  t.false(logged.includes('tracker_announce'));
  t.false(logged.includes('plugin_error'));
  t.deepEqual(logged, selectEvents({ include: ['peer_disconnect'], exclude: ['tracker_announce', 'plugin_error'] }));
  t.false(client.listens('tracker_announce'), 'excluded events stay untapped');

  t.deepEqual(selectEvents({ level: 'off', include: ['peer_ban', 'file_read'] }), ['file_read', 'peer_ban']);
  t.deepEqual(selectEvents({ level: 'debug', exclude: ['peer_data_in'] }).length, EVENT_NAMES.length - 1);
});

test('text: time, level, event and message on one readable line; colour only when asked (or on a terminal)', async (t) => {
  const plain = await loggedClient(t, {});
  plain.client.emit('tracker_success', sample('tracker_success'));
  plain.client.emit('tracker_failure', sample('tracker_failure'));
  const [ok, bad] = await plain.lines();
  t.regex(ok!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z info  tracker_success tracker http:\/\/tracker\.example\/announce answered with 42 peers, next announce in 1800 s$/);
  t.regex(bad!, / warn  tracker_failure tracker udp:\/\/tracker\.example:6969 failed \(3 in a row, status 0\): timed out$/);

  const coloured = await loggedClient(t, { color: true });
  coloured.client.emit('file_error', sample('file_error'));
  t.true((await coloured.lines())[0]!.includes('\x1b[1;31mfatal\x1b[0m file_error file error on ubuntu/ubuntu.iso'));
});

test('without a file the logger writes to stderr', async (t) => {
  const resolved = await resolvePlugins({ code: [...OTHERS_OFF, ['logger', { level: 'warn', color: false }]] });
  const written: string[] = [];
  const original = process.stderr.write;
  process.stderr.write = ((chunk: string) => written.push(chunk) > 0) as typeof process.stderr.write;
  try {
    const client = new Client();
    applyPlugins(client, resolved);
    client.emit('tracker_warning', sample('tracker_warning'));
    client.emit('tracker_success', sample('tracker_success'));
    await turn();
  } finally {
    process.stderr.write = original;
  }
  t.is(written.length, 1);
  t.regex(written[0]!, / warn  tracker_warning tracker http:\/\/tracker\.example\/announce warns: slow down\n$/);
});

test('bad options: PLUGIN_OPTIONS naming the option', async (t) => {
  const cases: [object, string][] = [
    [{ level: 'loud' }, 'option /level must be one of "debug", "info", "warn", "warning", "error", "critical", "fatal", "off"'],
    [{ format: 'xml' }, 'option /format must be one of "text", "json"'],
    [{ include: ['peer_dance'] }, 'option /include/0 must be one of'],
    [{ exclude: 'peer_data_in' }, 'option /exclude must be array'],
    [{ include: ['peer_ban', 'peer_ban'] }, 'option /include must NOT have duplicate items'],
    [{ file: '' }, 'option /file must NOT have fewer than 1 characters'],
    [{ colour: true }, 'options has unknown key "colour" (allowed: level, format, file, color, include, exclude)'],
  ];
  for (const [options, expected] of cases) {
    const err = await t.throwsAsync(createClient({ config: false, plugins: [['logger', options]] }), { instanceOf: PluginLoadError });
    t.is(err?.code, 'PLUGIN_OPTIONS');
    t.is(err?.plugin, 'logger');
    t.true(err?.message.startsWith(`plugin "logger": ${expected}`), err?.message);
  }
});

test('a log file that cannot be opened fails the logger at apply, by name', async (t) => {
  const dir = tempDir(t);
  const err = await t.throwsAsync(createClient({ config: false, plugins: [['logger', { file: dir }]] }), { instanceOf: PluginLoadError });
  t.is(err?.code, 'PLUGIN_APPLY');
  t.is(err?.plugin, 'logger');
  t.regex(err!.message, /^plugin "logger" failed to apply: EISDIR/);
});

test('config-schema/logger.schema.json compiles strictly and lists every event of the hook table', (t) => {
  const schema = JSON.parse(readFileSync(new URL('../../config-schema/logger.schema.json', import.meta.url), 'utf8'));
  t.notThrows(() => compileSchema(schema, { strict: true, useDefaults: false }));
  t.deepEqual(schema.$defs.eventName.enum, [...EVENT_NAMES], 'add the new event names to config-schema/logger.schema.json');
});

/** Descriptors of this process open on `file` (Linux: /proc/self/fd). */
function descriptorsOn(file: string): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === file;
    } catch {
      return false; // the descriptor readdir itself used is gone by now
    }
  }).length;
}

test('the log file is closed when the client is destroyed; later events are dropped, not reported as failures', async (t) => {
  const file = join(tempDir(t), 'bt.log');
  const client = await createClient({ config: false, plugins: [...OTHERS_OFF, ['logger', { file, level: 'debug' }]] });
  const failures: string[] = [];
  client.on_plugin_error((_c, info) => failures.push(info.message));
  await client.listen();
  t.is(descriptorsOn(file), 1);
  await client.destroy();
  t.is(descriptorsOn(file), 0);
  const written = readFileSync(file, 'utf8');
  t.regex(written, /listen_success listening on tcp4 port/);
  client.emit('tracker_warning', sample('tracker_warning'));
  t.is(readFileSync(file, 'utf8'), written);
  t.deepEqual(failures, []);
});
