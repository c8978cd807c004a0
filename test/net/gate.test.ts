import test from 'ava';
import type { ExecutionContext } from 'ava';
import net from 'node:net';
import { Client, Stage } from '../../core/index.ts';
import type { ConnectionAttempt, EventInfo, FilterRule } from '../../core/index.ts';
import { admitConnection, admitSocket, normalizeAttempt } from '../../core/net/gate.ts';
import { Listener } from '../../core/net/listener.ts';
import { getIpFilter, ipFilterPlugin } from '../../plugins/ip-filter/index.ts';

const RULE: FilterRule = { start: '10.0.0.0', end: '10.255.255.255', source: 'api' };

function clientWithEvents(): { client: Client; refused: EventInfo<'ip_filter'>[] } {
  const client = new Client();
  const refused: EventInfo<'ip_filter'>[] = [];
  client.on_ip_filter((_c, info) => refused.push(info));
  return { client, refused };
}

const attempt = (ip: string, protocol: ConnectionAttempt['protocol'] = 'tcp4', direction: ConnectionAttempt['direction'] = 'outgoing'): ConnectionAttempt => ({
  address: { ip, port: 6881 },
  protocol,
  direction,
});

test('with no policy every connection is admitted and nothing fires', (t) => {
  const { client, refused } = clientWithEvents();
  t.true(admitConnection(client.hooks, client, attempt('10.1.1.1')));
  t.deepEqual(refused, []);
});

test('a refusal returns false and fires ip_filter with address, protocol and rule', (t) => {
  const { client, refused } = clientWithEvents();
  client.hooks.allow_connection.tap('test', (a) => (a.address.ip.startsWith('10.') ? { allow: false, rule: RULE } : undefined));
  t.false(admitConnection(client.hooks, client, attempt('10.1.1.1', 'udp4')));
  t.true(admitConnection(client.hooks, client, attempt('11.1.1.1')));
  t.is(refused.length, 1);
  const [info] = refused;
  t.deepEqual(info.address, { ip: '10.1.1.1', port: 6881 });
  t.is(info.protocol, 'udp4');
  t.is(info.rule, RULE);
  t.is(info.severity, 'debug');
  t.is(info.message, 'IP filter refused 10.1.1.1:6881 (udp4) by rule 10.0.0.0-10.255.255.255 from api');
});

test('{ allow: true } admits explicitly, and an earlier stage overrides the built-in', (t) => {
  const { client, refused } = clientWithEvents();
  ipFilterPlugin.apply(client, { rules: ['10.0.0.0/8'], blocklists: [] });
  client.hooks.allow_connection.tap({ name: 'friends', stage: Stage.POLICY }, (a) => (a.address.ip === '10.0.0.7' ? { allow: true } : undefined));
  t.true(admitConnection(client.hooks, client, attempt('10.0.0.7')));
  t.false(admitConnection(client.hooks, client, attempt('10.0.0.8')));
  t.deepEqual(refused.map((r) => r.address.ip), ['10.0.0.8']);
});

test('policies see IPv4-mapped IPv6 addresses as IPv4, and IPv6 canonically', (t) => {
  const { client, refused } = clientWithEvents();
  const seen: string[] = [];
  client.hooks.allow_connection.tap('record', (a) => {
    seen.push(`${a.address.ip}/${a.protocol}/${a.direction}`);
    return a.address.ip === '10.0.0.1' ? { allow: false, rule: RULE } : undefined;
  });
  t.false(admitConnection(client.hooks, client, attempt('::ffff:10.0.0.1', 'tcp6', 'incoming')));
  t.true(admitConnection(client.hooks, client, attempt('::FFFF:a00:2', 'udp6')));
  t.true(admitConnection(client.hooks, client, attempt('2001:DB8:0:0::1', 'tcp6')));
  t.deepEqual(seen, ['10.0.0.1/tcp4/incoming', '10.0.0.2/udp4/outgoing', '2001:db8::1/tcp6/outgoing']);
  t.deepEqual(refused.map((r) => [r.address.ip, r.protocol]), [['10.0.0.1', 'tcp4']]);
  const same = attempt('1.2.3.4');
  t.is(normalizeAttempt(same), same, 'an already canonical attempt is passed as is');
});

test('an outgoing connection to a filtered address is refused before dialling (IPv4, IPv6, mapped)', (t) => {
  const { client, refused } = clientWithEvents();
  ipFilterPlugin.apply(client, { rules: ['192.0.2.0/24', { range: '2001:db8::/32', label: 'documentation' }], blocklists: [] });
  const dialled: string[] = [];
  const connect = (a: ConnectionAttempt): void => {
    if (admitConnection(client.hooks, client, a)) dialled.push(a.address.ip);
  };
  connect(attempt('192.0.2.10'));
  connect(attempt('2001:db8::10', 'tcp6'));
  connect(attempt('::ffff:192.0.2.11', 'tcp6'));
  connect(attempt('198.51.100.1'));
  connect(attempt('2001:db9::1', 'tcp6'));
  t.deepEqual(dialled, ['198.51.100.1', '2001:db9::1']);
  t.deepEqual(
    refused.map((r) => [r.address.ip, r.protocol, r.rule.start, r.rule.end, r.rule.source, r.rule.label]),
    [
      ['192.0.2.10', 'tcp4', '192.0.2.0', '192.0.2.255', '.btrc', undefined],
      ['2001:db8::10', 'tcp6', '2001:db8::', '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff', '.btrc', 'documentation'],
      ['192.0.2.11', 'tcp4', '192.0.2.0', '192.0.2.255', '.btrc', undefined],
    ],
  );
});

// ------------------------------------------------------------- over loopback

interface Harness {
  client: Client;
  refused: EventInfo<'ip_filter'>[];
  admitted: { ip: string | undefined; protocol: string }[];
  port: number;
}

async function listeningClient(t: ExecutionContext, rules: string[]): Promise<Harness> {
  const { client, refused } = clientWithEvents();
  ipFilterPlugin.apply(client, { rules, blocklists: [] });
  const admitted: Harness['admitted'] = [];
  const listener = new Listener({
    ports: [0],
    host4: '127.0.0.1',
    host6: '::1',
    sink: client,
    onConnection: (socket, protocol) => {
      if (!admitSocket(client.hooks, client, socket, protocol)) return;
      admitted.push({ ip: socket.remoteAddress, protocol });
      socket.end('welcome');
    },
  });
  t.teardown(() => listener.close());
  const bound = await listener.listen();
  t.is(bound.tcp4, bound.tcp6);
  return { client, refused, admitted, port: bound.tcp4 as number };
}

/** Connects and collects what the server sends until it closes the connection. */
function visit(host: string, port: number): Promise<{ received: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    let received = '';
    socket.on('data', (d: Buffer) => (received += d.toString()));
    socket.on('error', () => {}); // a refused socket may be reset
    socket.once('close', () => resolve({ received, closed: true }));
    socket.setTimeout(5000, () => {
      socket.destroy();
      reject(new Error(`no close from ${host}:${port} within 5 s`));
    });
  });
}

test('an incoming connection from a filtered address is destroyed at once and reported', async (t) => {
  const h = await listeningClient(t, ['127.0.0.0/8']);
  const refusedVisit = await visit('127.0.0.1', h.port);
  t.deepEqual(refusedVisit, { received: '', closed: true });
  t.is(h.refused.length, 1);
  const [info] = h.refused;
  t.is(info.address.ip, '127.0.0.1');
  t.true(info.address.port > 0, 'the remote port of the visitor');
  t.is(info.protocol, 'tcp4');
  t.deepEqual({ ...info.rule }, { start: '127.0.0.0', end: '127.255.255.255', source: '.btrc' });

  // No IPv6 rule: ::1 gets in.
  const welcomed = await visit('::1', h.port);
  t.is(welcomed.received, 'welcome');
  t.deepEqual(h.admitted, [{ ip: '::1', protocol: 'tcp6' }]);
});

test('an IPv6 rule added at run time refuses the next connection from ::1', async (t) => {
  const h = await listeningClient(t, []);
  t.is((await visit('::1', h.port)).received, 'welcome');
  const filter = getIpFilter(h.client);
  if (filter === undefined) return t.fail('the plugin exposes its filter');
  const rule = filter.add({ range: '::1', label: 'loopback' });
  t.is((await visit('::1', h.port)).received, '');
  t.is((await visit('127.0.0.1', h.port)).received, 'welcome');
  t.deepEqual(h.refused.map((r) => [r.address.ip, r.protocol, r.rule]), [['::1', 'tcp6', rule]]);
  t.true(filter.remove(rule));
  t.is((await visit('::1', h.port)).received, 'welcome');
  t.deepEqual(h.admitted.map((a) => a.protocol), ['tcp6', 'tcp4', 'tcp6']);
});
