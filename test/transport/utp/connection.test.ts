// uTP connections over real UDP on 127.0.0.1: data both ways checked by hash,
// FIN and RESET, loss and reordering recovered by retransmission and
// selective ACK, and LEDBAT's window staying bounded.
import test from 'ava';
import { once } from 'node:events';
import { UtpError } from '../../../core/transport/utp/errors.ts';
import type { UtpConnection } from '../../../core/transport/utp/connection.ts';
import { UtpSocket } from '../../../core/transport/utp/socket.ts';
import { lossyRelay, randomBytes, readAll, sha1, utpConnectionOptions, utpLimits, utpSocket, waitFor } from './utp-sockets.ts';

function accepted(onConnection: (c: UtpConnection) => void) {
  return { onConnection };
}

test('a connection carries 4 MiB each way, checked by hash, and both FINs close it without a reset', async (t) => {
  const data = randomBytes(4 * 1024 * 1024);
  const back = randomBytes(3 * 1024 * 1024 + 17);
  let serverGot: Promise<Buffer> | undefined;
  const server = await utpSocket(t, accepted((c) => {
    serverGot = readAll(c);
    c.end(back);
  }));
  const client = await utpSocket(t);
  const connection = await client.connect({ ip: '127.0.0.1', port: server.port });
  t.is(connection.state, 'connected');
  const clientGot = readAll(connection);
  connection.end(data);
  t.is(sha1(await clientGot), sha1(back));
  await once(connection, 'close');
  t.is(sha1(await serverGot!), sha1(data));
  t.is(connection.bytesWritten, data.length);
  t.is(connection.bytesRead, back.length);
  t.is(client.connectionCount, 0);
  t.is(server.connectionCount, 0);
  t.true(connection.congestionWindow <= utpConnectionOptions().maxSendWindow);
});

test('5% loss and reordering both ways: everything arrives, in order', async (t) => {
  const data = randomBytes(1024 * 1024);
  let got: Promise<Buffer> | undefined;
  const server = await utpSocket(t, { connection: utpConnectionOptions({ maxRetransmits: 20 }), onConnection: (c) => (got = readAll(c)) });
  const relay = await lossyRelay(server.port, 0.05, 7);
  t.teardown(() => relay.close());
  // The loss could hit one packet several times in a row: generous retries.
  const client = await utpSocket(t, { connection: utpConnectionOptions({ maxRetransmits: 20, maxSynRetransmits: 10 }) });
  const connection = await client.connect({ ip: '127.0.0.1', port: relay.port });
  connection.end(data);
  await once(connection, 'finish');
  t.is(sha1(await got!), sha1(data));
  t.true(relay.dropped > 0);
});

test('a writer may reuse its buffer once called back: packets resent after loss carry the bytes written, not what the buffer holds later', async (t) => {
  const data = randomBytes(512 * 1024);
  let got: Promise<Buffer> | undefined;
  const server = await utpSocket(t, { connection: utpConnectionOptions({ maxRetransmits: 20 }), onConnection: (c) => (got = readAll(c)) });
  const relay = await lossyRelay(server.port, 0.05, 11);
  t.teardown(() => relay.close());
  const client = await utpSocket(t, { connection: utpConnectionOptions({ maxRetransmits: 20, maxSynRetransmits: 10 }) });
  const connection = await client.connect({ ip: '127.0.0.1', port: relay.port });
  // One 16 KiB buffer reused for every write, as the seeder's pooled piece buffers are: overwritten as soon as each write is called back.
  const reused = Buffer.alloc(16 * 1024);
  for (let at = 0; at < data.length; at += reused.length) {
    data.copy(reused, 0, at, at + reused.length);
    await new Promise<void>((resolve, reject) => connection.write(reused, (err) => (err ? reject(err) : resolve())));
    reused.fill(0xee);
  }
  connection.end();
  await once(connection, 'finish');
  t.is(sha1(await got!), sha1(data));
  t.true(relay.dropped > 0);
});

test('destroy(error) resets the other end (UTP_RESET); destroy() closes it as TCP does, with a FIN it reads as the end', async (t) => {
  const serverSides: UtpConnection[] = [];
  const server = await utpSocket(t, accepted((c) => serverSides.push(c)));
  const client = await utpSocket(t);
  const connection = await client.connect({ ip: '127.0.0.1', port: server.port });
  connection.on('error', () => {});
  connection.write('hello');
  await waitFor(() => serverSides.length === 1);
  const failed = once(serverSides[0]!, 'error');
  connection.destroy(new Error('gone'));
  const [err] = (await failed) as [UtpError];
  t.is(err.code, 'UTP_RESET');

  const second = await client.connect({ ip: '127.0.0.1', port: server.port });
  second.write('bye');
  await waitFor(() => serverSides.length === 2);
  const ended = once(serverSides[1]!, 'end');
  serverSides[1]!.resume();
  second.destroy();
  await ended;
  t.pass();
});

test('destroy() right after a large write still delivers every byte, then the FIN, as a closed TCP socket does; over loss too', async (t) => {
  // A seed that reaches its ratio and exits destroys its connections at once; uTP's window may hold most of what it wrote.
  const data = randomBytes(2 * 1024 * 1024);
  let got: Promise<Buffer> | undefined;
  const server = await utpSocket(t, { connection: utpConnectionOptions({ maxRetransmits: 20 }), onConnection: (c) => (got = readAll(c)) });
  const relay = await lossyRelay(server.port, 0.03, 5);
  t.teardown(() => relay.close());
  const client = await utpSocket(t, { connection: utpConnectionOptions({ maxRetransmits: 20, maxSynRetransmits: 10, closeTimeoutMs: 60_000 }) });
  const connection = await client.connect({ ip: '127.0.0.1', port: relay.port });
  connection.write(data);
  connection.destroy();
  t.true(connection.destroyed);
  t.is(client.connectionCount, 1, 'the closing connection is still sending');
  await waitFor(() => got !== undefined);
  t.is(sha1(await got!), sha1(data));
  await waitFor(() => client.connectionCount === 0);
  t.true(relay.dropped > 0);
});

test('closing the socket waits for its closing connections to deliver; a remote that stops acknowledging is given up after closeTimeoutMs', async (t) => {
  const data = randomBytes(512 * 1024);
  let got: Promise<Buffer> | undefined;
  const server = await utpSocket(t, { onConnection: (c) => (got = readAll(c)) });
  const client = await UtpSocket.bind('udp4', 0, '127.0.0.1', { connection: utpConnectionOptions({ closeTimeoutMs: 30_000 }), limits: utpLimits() });
  const connection = await client.connect({ ip: '127.0.0.1', port: server.port });
  connection.write(data);
  connection.destroy();
  await client.close();
  t.not(got, undefined);
  t.is(sha1(await got!), sha1(data));

  // A remote that reads nothing (its window shuts) and is then silent: the close gives up at its deadline.
  const silent = await utpSocket(t, { connection: utpConnectionOptions({ maxReceiveBuffer: 16 * 1024 }), onConnection: (c) => c.pause() });
  const quick = await UtpSocket.bind('udp4', 0, '127.0.0.1', { connection: utpConnectionOptions({ closeTimeoutMs: 300 }), limits: utpLimits() });
  const stuck = await quick.connect({ ip: '127.0.0.1', port: silent.port });
  stuck.write(data);
  await waitFor(() => stuck.peerWindow < 4096);
  stuck.destroy();
  const started = performance.now();
  await quick.close();
  const took = performance.now() - started;
  t.true(took >= 250 && took < 10_000, `closed after ${took.toFixed(0)} ms`);
  t.is(quick.connectionCount, 0);
});

test('a peer that forgot the connection (its socket restarted) answers with a RESET: the dialler fails with UTP_RESET at once, not after its retransmissions', async (t) => {
  const server = await utpSocket(t, accepted(() => undefined));
  const port = server.port;
  const client = await utpSocket(t);
  const connection = await client.connect({ ip: '127.0.0.1', port });
  const failed = once(connection, 'error');
  await server.close();
  const restarted = await UtpSocket.bind('udp4', port, '127.0.0.1', { connection: utpConnectionOptions(), limits: utpLimits(), onConnection: () => undefined });
  t.teardown(() => restarted.close());
  connection.write('anyone there?');
  const [err] = (await failed) as [UtpError];
  t.is(err.code, 'UTP_RESET');
  t.is(restarted.counters.resetsSent, 1);
});

test('a dial to a port where nobody speaks uTP fails with UTP_CONNECT_TIMEOUT', async (t) => {
  const silent = await utpSocket(t); // dial-only: drops SYNs
  const client = await utpSocket(t, { connection: utpConnectionOptions({ maxSynRetransmits: 0 }) });
  const err = await t.throwsAsync(client.connect({ ip: '127.0.0.1', port: silent.port }), { instanceOf: UtpError });
  t.is(err?.code, 'UTP_CONNECT_TIMEOUT');
  t.is(silent.counters.synRefused, 1);
  t.is(client.connectionCount, 0);
});

test('two connections between the same two sockets stay apart', async (t) => {
  const got: Promise<Buffer>[] = [];
  const server = await utpSocket(t, accepted((c) => got.push(readAll(c))));
  const client = await utpSocket(t);
  const a = await client.connect({ ip: '127.0.0.1', port: server.port });
  const b = await client.connect({ ip: '127.0.0.1', port: server.port });
  const da = randomBytes(300_000);
  const db = randomBytes(200_000);
  a.end(da);
  b.end(db);
  await Promise.all([once(a, 'finish'), once(b, 'finish')]);
  while (got.length < 2) await new Promise((r) => setTimeout(r, 10));
  const hashes = (await Promise.all(got)).map(sha1).sort();
  t.deepEqual(hashes, [sha1(da), sha1(db)].sort());
});

test('a socket ticks only while it has connections: an idle one sets no timer', async (t) => {
  let serverGot: Promise<Buffer> | undefined;
  const server = await utpSocket(t, accepted((c) => {
    serverGot = readAll(c);
    c.end();
  }));
  const client = await utpSocket(t);
  t.false(server.ticking);
  t.false(client.ticking);
  const connection = await client.connect({ ip: '127.0.0.1', port: server.port });
  t.true(client.ticking);
  const clientGot = readAll(connection);
  connection.end(Buffer.from('tick'));
  t.is((await clientGot).length, 0, 'the server ended with nothing');
  await once(connection, 'close');
  t.is((await serverGot!).toString(), 'tick');
  await waitFor(() => client.connectionCount === 0 && server.connectionCount === 0);
  t.false(client.ticking);
  t.false(server.ticking);
});
