import test from 'ava';
import type { ExecutionContext } from 'ava';
import { spawn } from 'node:child_process';
import net from 'node:net';
import { dial, DialError, dialTransports } from '../../core/net/dialer.ts';
import type { UtpConnection } from '../../core/transport/utp/connection.ts';
import { UtpError } from '../../core/transport/utp/errors.ts';
import { UtpSocket } from '../../core/transport/utp/socket.ts';
import { utpConnectionOptions, utpLimits, utpSocket, waitFor } from '../transport/utp/utp-sockets.ts';

async function server(t: ExecutionContext, host: string): Promise<{ port: number; remotes: string[] }> {
  const remotes: string[] = [];
  const srv = net.createServer((s) => {
    remotes.push(s.remoteAddress ?? '?');
    s.on('error', () => {}); // clients here may hang up at once
    s.end('hi');
  });
  await new Promise<void>((resolve) => srv.listen({ host, port: 0, ipv6Only: host.includes(':') }, resolve));
  t.teardown(() => new Promise<void>((r) => srv.close(() => r())));
  return { port: (srv.address() as net.AddressInfo).port, remotes };
}

/** A port on which nobody listens (bound, then released). */
async function closedPort(host: string): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen({ host, port: 0 }, resolve));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/**
 * A port whose SYNs go unanswered, on loopback: a socket listening with a
 * backlog of 0 that never accepts (Python, since Node accepts by itself).
 * Once its accept queue holds a connection, Linux drops further SYNs, so a
 * connect hangs until the client gives up.
 */
async function blackhole(t: ExecutionContext): Promise<number> {
  const script = [
    'import socket, sys',
    's = socket.socket(socket.AF_INET, socket.SOCK_STREAM)',
    "s.bind(('127.0.0.1', 0)); s.listen(0)",
    'print(s.getsockname()[1], flush=True)',
    'sys.stdin.read()',
  ].join('\n');
  const child = spawn('/usr/bin/python3', ['-c', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  t.teardown(() => {
    child.stdin.end();
    child.kill();
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', (d: Buffer) => resolve(Number(String(d).trim())));
  });
  // Fill the accept queue until a connect stays pending. The first one always
  // gets in (the queue is empty), so it may take its time on a busy machine.
  for (let i = 0; i < 8; i++) {
    const filler = net.connect({ host: '127.0.0.1', port });
    filler.on('error', () => {});
    t.teardown(() => filler.destroy());
    const connected = await new Promise<boolean>((resolve) => {
      filler.once('connect', () => resolve(true));
      setTimeout(() => resolve(false), i === 0 ? 5000 : 300);
    });
    if (!connected && i > 0) return port;
  }
  throw new Error('could not fill the accept queue of the blackhole listener');
}

const read = (s: net.Socket): Promise<string> =>
  new Promise((resolve) => {
    let text = '';
    s.on('data', (d: Buffer) => (text += d.toString()));
    s.once('end', () => resolve(text));
  });

test('connects over IPv4 and IPv6 and returns the open socket', async (t) => {
  const v4 = await server(t, '127.0.0.1');
  const v6 = await server(t, '::1');
  const a = await dial({ ip: '127.0.0.1', port: v4.port }, { timeoutMs: 5000 });
  const b = await dial({ ip: '::1', port: v6.port }, { timeoutMs: 5000 });
  t.teardown(() => {
    a.destroy();
    b.destroy();
  });
  t.is(a.remoteAddress, '127.0.0.1');
  t.is(b.remoteAddress, '::1');
  t.is(await read(a), 'hi');
  t.is(await read(b), 'hi');
  t.is(a.timeout, undefined, 'no timeout left on the socket');
});

test('an IPv4-mapped IPv6 address is dialled as IPv4', async (t) => {
  const v4 = await server(t, '127.0.0.1');
  const s = await dial({ ip: '::ffff:127.0.0.1', port: v4.port }, { timeoutMs: 5000 });
  t.teardown(() => s.destroy());
  t.is(s.remoteAddress, '127.0.0.1');
  t.is(s.remoteFamily, 'IPv4');
});

test.serial('turns Nagle off unless told otherwise', async (t) => {
  const v4 = await server(t, '127.0.0.1');
  const calls: boolean[] = [];
  const original = net.Socket.prototype.setNoDelay;
  net.Socket.prototype.setNoDelay = function (this: net.Socket, noDelay?: boolean) {
    calls.push(noDelay ?? true);
    return original.call(this, noDelay);
  };
  t.teardown(() => {
    net.Socket.prototype.setNoDelay = original;
  });
  const a = await dial({ ip: '127.0.0.1', port: v4.port }, { timeoutMs: 5000 });
  const b = await dial({ ip: '127.0.0.1', port: v4.port }, { timeoutMs: 5000, noDelay: false });
  a.destroy();
  b.destroy();
  t.deepEqual(calls, [true, false]);
});

test('binds the local address when given one', async (t) => {
  const v6 = await server(t, '::1');
  const s = await dial({ ip: '::1', port: v6.port }, { timeoutMs: 5000, localAddress: '::1' });
  t.teardown(() => s.destroy());
  t.is(s.localAddress, '::1');
});

test('a closed port rejects with CONNECT_REFUSED', async (t) => {
  for (const ip of ['127.0.0.1', '::1']) {
    const port = await closedPort(ip);
    const error = await t.throwsAsync(dial({ ip, port }, { timeoutMs: 5000 }), { instanceOf: DialError });
    t.is(error?.code, 'CONNECT_REFUSED');
    t.deepEqual(error?.address, { ip, port });
    t.is((error?.cause as NodeJS.ErrnoException).code, 'ECONNREFUSED');
  }
});

test('a connect that gets no answer rejects with CONNECT_TIMEOUT', async (t) => {
  const port = await blackhole(t);
  const error = await t.throwsAsync(dial({ ip: '127.0.0.1', port }, { timeoutMs: 300 }), { instanceOf: DialError });
  t.is(error?.code, 'CONNECT_TIMEOUT');
  t.regex(error?.message ?? '', /127\.0\.0\.1:\d+ timed out after 300 ms/);
});

test('an AbortSignal cancels a pending connect, or one not yet started', async (t) => {
  const port = await blackhole(t);
  const controller = new AbortController();
  const pending = dial({ ip: '127.0.0.1', port }, { timeoutMs: 30_000, signal: controller.signal });
  setTimeout(() => controller.abort(), 50);
  const error = await t.throwsAsync(pending, { instanceOf: DialError });
  t.is(error?.code, 'CONNECT_ABORTED');

  const early = await t.throwsAsync(dial({ ip: '127.0.0.1', port }, { timeoutMs: 1000, signal: AbortSignal.abort() }), {
    instanceOf: DialError,
  });
  t.is(early?.code, 'CONNECT_ABORTED');
});

test('refuses what is not an IP literal and a port, without touching the network', async (t) => {
  for (const address of [{ ip: 'localhost', port: 80 }, { ip: '127.0.0.1', port: 0 }, { ip: '::1', port: 70000 }, { ip: '010.0.0.1', port: 80 }]) {
    const error = await t.throwsAsync(dial(address, { timeoutMs: 1000 }), { instanceOf: DialError });
    t.is(error?.code, 'INVALID_ADDRESS');
  }
  const timeout = await t.throwsAsync(dial({ ip: '127.0.0.1', port: 1 }, { timeoutMs: 0 }), { instanceOf: DialError });
  t.is(timeout?.code, 'INVALID_TIMEOUT');
});

/** A peer on one port number: TCP answering "hi", and on UDP either a uTP socket that accepts or one that drops every SYN. */
async function peerOnBothTransports(t: ExecutionContext, utp: 'accepts' | 'silent') {
  const tcp = await server(t, '127.0.0.1');
  const udp = await UtpSocket.bind('udp4', tcp.port, '127.0.0.1', {
    connection: utpConnectionOptions(),
    limits: utpLimits(),
    ...(utp === 'accepts' ? { onConnection: (c: UtpConnection) => c.resume() } : {}),
  });
  t.teardown(() => udp.close());
  const from = await utpSocket(t);
  return { tcp, udp, from, address: { ip: '127.0.0.1', port: tcp.port } };
}

test('dialTransports: a peer whose uTP never answers is reached over TCP once raceAfterMs passes, not after the uTP timeout; the uTP dial is aborted', async (t) => {
  // The uTP timeout is longer than the test's: only the race can connect in time.
  t.timeout(15_000);
  const { from, address, tcp } = await peerOnBothTransports(t, 'silent');
  const dialed = await dialTransports(address, ['utp', 'tcp'], { tcpTimeoutMs: 5000, utpSocket: from, utpTimeoutMs: 120_000, raceAfterMs: 100, loopbackRaceAfterMs: 100 });
  t.teardown(() => dialed.stream.destroy());
  t.is(dialed.transport, 'tcp');
  t.is(tcp.remotes.length, 1);
  await waitFor(() => from.connectionCount === 0, 'the uTP dial to be given up');
});

test('dialTransports: the first transport connecting within raceAfterMs is kept and the next is never dialled; with raceAfterMs 0 each waits for the one before to fail', async (t) => {
  const quick = await peerOnBothTransports(t, 'accepts');
  const dialed = await dialTransports(quick.address, ['utp', 'tcp'], { tcpTimeoutMs: 5000, utpSocket: quick.from, utpTimeoutMs: 5000, raceAfterMs: 2000, loopbackRaceAfterMs: 2000 });
  t.teardown(() => dialed.stream.destroy());
  t.is(dialed.transport, 'utp');
  t.deepEqual(quick.tcp.remotes, []);

  const silent = await peerOnBothTransports(t, 'silent');
  const sequential = await dialTransports(silent.address, ['utp', 'tcp'], { utpSocket: silent.from, tcpTimeoutMs: 5000, utpTimeoutMs: 300, raceAfterMs: 0, loopbackRaceAfterMs: 0 });
  t.teardown(() => sequential.stream.destroy());
  t.is(sequential.transport, 'tcp');
  t.true(silent.udp.counters.synRefused >= 1, 'uTP was dialled first, and given up');
});

test('dialTransports: to a loopback address the race waits loopbackRaceAfterMs, not raceAfterMs; a loopback peer that answers uTP is still reached over uTP', async (t) => {
  t.timeout(15_000);
  // raceAfterMs is far beyond the test's time: only the loopback delay can bring TCP in.
  const silent = await peerOnBothTransports(t, 'silent');
  const dialed = await dialTransports(silent.address, ['utp', 'tcp'], { tcpTimeoutMs: 5000, utpSocket: silent.from, utpTimeoutMs: 120_000, raceAfterMs: 60_000, loopbackRaceAfterMs: 20 });
  t.teardown(() => dialed.stream.destroy());
  t.is(dialed.transport, 'tcp');
  t.is(silent.tcp.remotes.length, 1);
  await waitFor(() => silent.from.connectionCount === 0, 'the uTP dial to be given up');

  // A uTP peer on this host answers before a generous loopback delay: TCP is never dialled.
  const quick = await peerOnBothTransports(t, 'accepts');
  const viaUtp = await dialTransports(quick.address, ['utp', 'tcp'], { tcpTimeoutMs: 5000, utpSocket: quick.from, utpTimeoutMs: 5000, raceAfterMs: 60_000, loopbackRaceAfterMs: 2000 });
  t.teardown(() => viaUtp.stream.destroy());
  t.is(viaUtp.transport, 'utp');
  t.deepEqual(quick.tcp.remotes, []);
});

test('dialTransports: when every transport fails the last failure is the error; with no transport to try, NO_TRANSPORT', async (t) => {
  const port = await closedPort('127.0.0.1');
  const from = await utpSocket(t);
  const err = await t.throwsAsync(dialTransports({ ip: '127.0.0.1', port }, ['utp', 'tcp'], { tcpTimeoutMs: 2000, utpSocket: from, utpTimeoutMs: 300, raceAfterMs: 50, loopbackRaceAfterMs: 50 }));
  t.true(err instanceof DialError || err instanceof UtpError);
  const none = await t.throwsAsync(dialTransports({ ip: '127.0.0.1', port }, ['utp'], { tcpTimeoutMs: 2000, utpSocket: undefined, utpTimeoutMs: 300, raceAfterMs: 50, loopbackRaceAfterMs: 50 }), { instanceOf: DialError });
  t.is(none.code, 'NO_TRANSPORT');
});
