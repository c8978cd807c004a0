import test from 'ava';
import type { ExecutionContext } from 'ava';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Stage } from '../../core/index.ts';
import type { EventInfo } from '../../core/index.ts';
import { admitConnection } from '../../core/net/gate.ts';
import ipFilterDefault, {
  BLOCKLIST_WARNING_CODE,
  getIpFilter,
  IpFilterError,
  ipFilterPlugin,
  type IpFilterOptions,
} from '../../plugins/ip-filter/index.ts';

function tempDir(t: ExecutionContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'swarmhook-ipfilter-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The options as the plugin host hands them over: validated, defaults filled in. */
function validated(options: unknown): IpFilterOptions {
  const ajv = new Ajv2020({ useDefaults: true, allErrors: true, strict: true });
  const validate = ajv.compile(ipFilterPlugin.schema ?? {});
  const copy: unknown = structuredClone(options);
  if (!validate(copy)) throw new Error(ajv.errorsText(validate.errors));
  return copy as IpFilterOptions;
}

const outgoing = (ip: string) => ({ address: { ip, port: 51413 }, protocol: ip.includes(':') ? ('tcp6' as const) : ('tcp4' as const), direction: 'outgoing' as const });

test('the plugin: its name, its schema (the file in config-schema/) and its defaults', (t) => {
  t.is(ipFilterPlugin.name, 'ip-filter');
  t.is(ipFilterDefault, ipFilterPlugin);
  t.deepEqual(ipFilterPlugin.schema, JSON.parse(readFileSync('config-schema/ip-filter.schema.json', 'utf8')));
  t.deepEqual(validated({}), { rules: [], blocklists: [] });
  t.deepEqual(validated({ rules: ['1.2.3.4', { range: '::1', label: 'x' }] }), { rules: ['1.2.3.4', { range: '::1', label: 'x' }], blocklists: [] });
  for (const bad of [{ rules: '1.2.3.4' }, { rules: [5] }, { rules: [{ label: 'no range' }] }, { blocklists: [''] }, { other: true }]) {
    t.throws(() => validated(bad), undefined, JSON.stringify(bad));
  }
});

test('rules from .btrc options refuse IPv4, IPv6 and mapped addresses; the tap is ip-filter at Stage.DEFAULT', (t) => {
  const client = new Client();
  const refused: EventInfo<'ip_filter'>[] = [];
  client.on_ip_filter((_c, info) => refused.push(info));
  t.is(getIpFilter(client), undefined, 'nothing before apply');
  ipFilterPlugin.apply(client, validated({ rules: ['203.0.113.0/24', { range: '2001:db8::1 - 2001:db8::ff', label: 'lab' }, '::ffff:198.51.100.7'] }));

  const taps = client.hooks.allow_connection.taps.map((tap) => [tap.name, tap.stage]);
  t.deepEqual(taps, [['ip-filter', Stage.DEFAULT]]);

  t.false(admitConnection(client.hooks, client, outgoing('203.0.113.9')));
  t.false(admitConnection(client.hooks, client, outgoing('2001:db8::80')));
  t.false(admitConnection(client.hooks, client, outgoing('198.51.100.7')));
  t.false(admitConnection(client.hooks, client, outgoing('::ffff:203.0.113.1')));
  t.true(admitConnection(client.hooks, client, outgoing('2001:db8::100')));
  t.true(admitConnection(client.hooks, client, outgoing('198.51.100.8')));
  t.deepEqual(
    refused.map((r) => [r.address.ip, r.protocol, r.rule.start, r.rule.source, r.rule.label]),
    [
      ['203.0.113.9', 'tcp4', '203.0.113.0', '.btrc', undefined],
      ['2001:db8::80', 'tcp6', '2001:db8::1', '.btrc', 'lab'],
      ['198.51.100.7', 'tcp4', '198.51.100.7', '.btrc', undefined],
      ['203.0.113.1', 'tcp4', '203.0.113.0', '.btrc', undefined],
    ],
  );
});

test('getIpFilter gives each client its own filter, changeable at run time', (t) => {
  const a = new Client();
  const b = new Client();
  ipFilterPlugin.apply(a, validated({}));
  ipFilterPlugin.apply(b, validated({ rules: ['10.0.0.1'] }));
  const fa = getIpFilter(a);
  const fb = getIpFilter(b);
  if (fa === undefined || fb === undefined) return t.fail();
  t.not(fa, fb);
  t.true(admitConnection(a.hooks, a, outgoing('10.0.0.1')));
  t.false(admitConnection(b.hooks, b, outgoing('10.0.0.1')));
  const rule = fa.add('10.0.0.0/30');
  t.false(admitConnection(a.hooks, a, outgoing('10.0.0.1')));
  fa.remove(rule);
  t.true(admitConnection(a.hooks, a, outgoing('10.0.0.1')));
});

test('a rule that does not parse stops apply with an error naming the option', (t) => {
  const client = new Client();
  const error = t.throws(() => ipFilterPlugin.apply(client, validated({ rules: ['1.2.3.4', '1.2.3.999'] })), { instanceOf: IpFilterError });
  t.is(error?.code, 'INVALID_RULE');
  t.regex(error?.message ?? '', /^ip-filter: option rules\[1\]: invalid IP filter rule "1\.2\.3\.999"/);
  t.is(getIpFilter(client), undefined);
  t.is(client.hooks.allow_connection.taps.length, 0);
});

test.serial('blocklists from options load relative to the working directory; bad lines become a process warning', async (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'list.p2p');
  writeFileSync(file, ['# test', 'A:192.0.2.0-192.0.2.255', 'garbage', 'B:198.51.100.0-198.51.100.9'].join('\n'));
  const warnings: Error[] = [];
  const onWarning = (w: Error): void => {
    if ((w as NodeJS.ErrnoException).code === BLOCKLIST_WARNING_CODE) warnings.push(w);
  };
  process.on('warning', onWarning);
  t.teardown(() => process.off('warning', onWarning));

  const cwd = process.cwd();
  process.chdir(dir);
  t.teardown(() => process.chdir(cwd));
  const client = new Client();
  ipFilterPlugin.apply(client, validated({ blocklists: ['list.p2p'], rules: ['10.0.0.0/8'] }));
  process.chdir(cwd);

  const filter = getIpFilter(client);
  t.is(filter?.size, 3);
  t.is(filter?.has('192.0.2.5')?.source, 'list.p2p:2');
  t.is(filter?.has('198.51.100.9')?.label, 'B');
  t.is(filter?.has('10.1.1.1')?.source, '.btrc');

  await new Promise((r) => setImmediate(r)); // warnings are delivered on the next tick
  t.is(warnings.length, 1);
  t.regex(warnings[0].message, /1 line\(s\) of blocklist list\.p2p could not be parsed and were skipped \(2 rules loaded\)/);
  t.regex((warnings[0] as Error & { detail?: string }).detail ?? '', /^list\.p2p:3: .*: garbage$/);
});

test('a blocklist that cannot be read stops apply', (t) => {
  const client = new Client();
  const error = t.throws(() => ipFilterPlugin.apply(client, validated({ blocklists: ['test/fixtures/blocklists/missing.p2p'] })), {
    instanceOf: IpFilterError,
  });
  t.is(error?.code, 'BLOCKLIST_UNREADABLE');
  t.true(error?.message.includes('test/fixtures/blocklists/missing.p2p') ?? false);
});
