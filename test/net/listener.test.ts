import test from 'ava';
import type { ExecutionContext } from 'ava';
import net from 'node:net';
import { Client } from '../../core/index.ts';
import type { EventInfo } from '../../core/index.ts';
import { expandPortRange, Listener, PortRangeError, type ListenerOptions } from '../../core/net/listener.ts';
import { expandPorts } from '../../core/settings.ts';
import { utpConnectionOptions, utpLimits } from '../transport/utp/utp-sockets.ts';

/** A server holding a port on one loopback address, closed at teardown. */
async function occupy(t: ExecutionContext, host: string, port = 0): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port, ipv6Only: host.includes(':') }, resolve);
  });
  t.teardown(() => new Promise<void>((r) => server.close(() => r())));
  return (server.address() as net.AddressInfo).port;
}

/** A port that was free a moment ago on both loopback addresses. */
async function freePort(): Promise<number> {
  for (;;) {
    const server = net.createServer();
    const port = await new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: '127.0.0.1', port: 0 }, () => resolve((server.address() as net.AddressInfo).port));
    });
    await new Promise<void>((r) => server.close(() => r()));
    const v6 = net.createServer();
    const ok = await new Promise<boolean>((resolve) => {
      v6.once('error', () => resolve(false));
      v6.listen({ host: '::1', port, ipv6Only: true }, () => resolve(true));
    });
    if (ok) await new Promise<void>((r) => v6.close(() => r()));
    if (ok) return port;
  }
}

interface Recorded {
  client: Client;
  success: EventInfo<'listen_success'>[];
  failure: EventInfo<'listen_failure'>[];
  accepted: { remote: string | undefined; protocol: string }[];
}

function recorder(): Recorded {
  const rec: Recorded = { client: new Client(), success: [], failure: [], accepted: [] };
  rec.client.on_listen_success((_c, info) => rec.success.push(info));
  rec.client.on_listen_failure((_c, info) => rec.failure.push(info));
  return rec;
}

function start(t: ExecutionContext, rec: Recorded, options: Partial<ListenerOptions> & Pick<ListenerOptions, 'ports'>): Listener {
  const listener = new Listener({
    host4: '127.0.0.1',
    host6: '::1',
    sink: rec.client,
    onConnection: (socket, protocol) => {
      rec.accepted.push({ remote: socket.remoteAddress, protocol });
      socket.end();
    },
    ...options,
  });
  t.teardown(() => listener.close());
  return listener;
}

function connectTo(host: string, port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host, port }, () => resolve(s));
    s.once('error', reject);
    s.setTimeout(5000, () => s.destroy(new Error('timed out')));
  });
}

test('port ranges: from-to, lists, .btrc specs, and invalid ones', (t) => {
  t.deepEqual(expandPortRange({ from: 6881, to: 6884 }), [6881, 6882, 6883, 6884]);
  t.deepEqual(expandPortRange([7000, 0, 7000, 6999]), [7000, 0, 6999], 'duplicates tried once, order kept');
  // The .btrc form (listen.ports) is expanded by the settings' one expander before it reaches a Listener.
  t.deepEqual(expandPorts('6881-6883'), [6881, 6882, 6883]);
  t.deepEqual(expandPorts([6999, '6881-6882', 7000]), [6999, 6881, 6882, 7000]);
  t.deepEqual(expandPorts(0), [0]);
  for (const bad of [() => expandPortRange({ from: 10, to: 9 }), () => expandPortRange([]), () => expandPortRange([65536]), () => expandPortRange([1.5])]) {
    t.throws(bad, { instanceOf: PortRangeError });
  }
  for (const bad of [() => expandPorts('68a1'), () => expandPorts('1-70000')]) t.throws(bad, { instanceOf: RangeError });
  t.throws(() => new Listener({ ports: { from: 2, to: 1 }, sink: new Client(), onConnection: () => {} }), { instanceOf: PortRangeError });
});

test('a busy port is skipped and the next one of the range is bound', async (t) => {
  const busy = await occupy(t, '127.0.0.1');
  const free = await freePort();
  const rec = recorder();
  const listener = start(t, rec, { ports: [busy, free], tcp6: false });
  const bound = await listener.listen();
  t.deepEqual(bound, { tcp4: free });
  t.is(listener.port('tcp4'), free);
  t.is(listener.port('tcp6'), undefined);
  t.deepEqual(rec.success.map((e) => [e.port, e.protocol, e.severity]), [[free, 'tcp4', 'debug']]);
  t.deepEqual(rec.failure, []);

  const socket = await connectTo('127.0.0.1', free);
  t.teardown(() => socket.destroy());
  await new Promise((r) => socket.once('close', r));
  t.deepEqual(rec.accepted.map((a) => a.protocol), ['tcp4']);
});

test('a fully busy range gives listen_failure with every port tried, for tcp4 alone', async (t) => {
  const ports = [await occupy(t, '127.0.0.1'), await occupy(t, '127.0.0.1'), await occupy(t, '127.0.0.1')];
  const rec = recorder();
  const listener = start(t, rec, { ports });
  const bound = await listener.listen(); // resolves: a failure is an event, not an exception
  t.is(bound.tcp4, undefined);
  t.is(rec.failure.length, 1);
  const failure = rec.failure[0];
  t.is(failure.protocol, 'tcp4');
  t.deepEqual(failure.port, ports);
  t.is(failure.severity, 'critical');
  t.is((failure.error as NodeJS.ErrnoException | undefined)?.code, 'EADDRINUSE');
  t.true(failure.message.includes(ports.join(', ')));
  // IPv6 has its own sockets: the same ports are free on ::1.
  t.is(bound.tcp6, ports[0]);
  // Reported after tcp6 was tried: the failure says what goes on.
  t.deepEqual(failure.listening, [{ protocol: 'tcp6', port: ports[0] }]);
  t.regex(failure.message, new RegExp(`; still listening on tcp6 port ${ports[0]}; outgoing connections continue$`));
  t.deepEqual(rec.success.map((e) => [e.port, e.protocol]), [[ports[0], 'tcp6']]);
});

test('a fully busy range gives listen_failure for tcp6 alone, tcp4 still listens', async (t) => {
  const ports = [await occupy(t, '::1'), await occupy(t, '::1')];
  const rec = recorder();
  const listener = start(t, rec, { ports: [...ports] });
  const bound = await listener.listen();
  t.is(bound.tcp4, ports[0]);
  t.is(bound.tcp6, undefined);
  t.deepEqual(rec.failure.map((e) => [e.protocol, e.port, e.severity, e.listening]), [['tcp6', ports, 'critical', [{ protocol: 'tcp4', port: ports[0] }]]]);
  t.deepEqual(rec.success.map((e) => [e.port, e.protocol]), [[ports[0], 'tcp4']]);
});

test('no port open on either protocol: each failure says the client runs without accepting incoming connections', async (t) => {
  const port = await occupy(t, '127.0.0.1');
  await occupy(t, '::1', port);
  const rec = recorder();
  const listener = start(t, rec, { ports: [port] });
  t.deepEqual(await listener.listen(), {});
  t.deepEqual(rec.failure.map((e) => [e.protocol, e.severity, e.listening]), [['tcp4', 'critical', []], ['tcp6', 'critical', []]]);
  for (const failure of rec.failure) {
    t.regex(failure.message, /; no port is open, so the client runs without accepting incoming connections; outgoing connections continue$/);
  }
});

test('tcp6 prefers the port tcp4 got, and both accept on it', async (t) => {
  // ports[0] is busy for IPv4 only: without the preference tcp6 would take it.
  const busy4 = await occupy(t, '127.0.0.1');
  const free = await freePort();
  const rec = recorder();
  const listener = start(t, rec, { ports: [busy4, free] });
  const bound = await listener.listen();
  t.deepEqual(bound, { tcp4: free, tcp6: free });
  t.deepEqual(rec.success.map((e) => [e.port, e.protocol]), [[free, 'tcp4'], [free, 'tcp6']]);

  for (const host of ['127.0.0.1', '::1']) {
    const s = await connectTo(host, free);
    t.teardown(() => s.destroy());
    await new Promise((r) => s.once('close', r));
  }
  t.deepEqual(rec.accepted.map((a) => [a.protocol, a.remote]), [['tcp4', '127.0.0.1'], ['tcp6', '::1']]);
});

test('port 0 binds an ephemeral port, the same one for tcp6 when it is free there', async (t) => {
  const rec = recorder();
  const listener = start(t, rec, { ports: [0] });
  const bound = await listener.listen();
  t.true((bound.tcp4 ?? 0) > 0);
  t.true((bound.tcp6 ?? 0) > 0);
  t.is(bound.tcp6, bound.tcp4);
  t.deepEqual(rec.success.map((e) => e.port), [bound.tcp4, bound.tcp6]);
});

test('tcp6 switched off binds nothing for IPv6 and fires nothing for it', async (t) => {
  const rec = recorder();
  const listener = start(t, rec, { ports: { from: 0, to: 0 }, tcp6: false });
  const bound = await listener.listen();
  t.deepEqual(Object.keys(bound), ['tcp4']);
  t.deepEqual(rec.success.map((e) => e.protocol), ['tcp4']);
  const tcp4Off = recorder();
  const only6 = start(t, tcp4Off, { ports: [0], tcp4: false });
  t.deepEqual(Object.keys(await only6.listen()), ['tcp6']);
  t.deepEqual(tcp4Off.success.map((e) => e.protocol), ['tcp6']);
});

test('an unusable address fails at once instead of trying the whole range', async (t) => {
  const rec = recorder();
  // 203.0.113.1 (TEST-NET-3) is not an address of this machine: EADDRNOTAVAIL on every port alike.
  const listener = start(t, rec, { ports: { from: 40000, to: 40999 }, host4: '203.0.113.1', tcp6: false });
  await listener.listen();
  t.is(rec.failure.length, 1);
  t.deepEqual(rec.failure[0].port, [40000]);
  t.is((rec.failure[0].error as NodeJS.ErrnoException | undefined)?.code, 'EADDRNOTAVAIL');
});

test('close() stops listening', async (t) => {
  const rec = recorder();
  const listener = start(t, rec, { ports: [0], tcp6: false });
  const { tcp4 } = await listener.listen();
  await listener.close();
  t.deepEqual(listener.ports, {});
  const error = await t.throwsAsync(connectTo('127.0.0.1', tcp4 as number));
  t.is((error as NodeJS.ErrnoException).code, 'ECONNREFUSED');
});

test('port 0 with uTP: each listener gets a number free for both TCP and UDP, and uTP listens on it', async (t) => {
  const bound = await Promise.all(
    Array.from({ length: 12 }, () => {
      const rec = recorder();
      return start(t, rec, { ports: [0], tcp6: false, utp: { connection: utpConnectionOptions(), limits: utpLimits(), onConnection: (c) => c.destroy() } }).listen();
    }),
  );
  for (const ports of bound) {
    t.true((ports.tcp4 ?? 0) > 0);
    t.is(ports.udp4, ports.tcp4);
  }
});
