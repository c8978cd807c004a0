// Hostile uTP input over real UDP on 127.0.0.1: a SYN flood from many ports,
// random datagrams, a wrong connection id, acks of what was never sent,
// duplicate acks, a window shut forever, and a reorder buffer stuffed past its
// bound. Every one is dropped and counted; nothing crashes, nothing grows.
import test from 'ava';
import dgram from 'node:dgram';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { decodePacket, encodePacket, looksLikeUtp, PacketType, type UtpPacket } from '../../../core/transport/utp/packet.ts';
import { UtpError } from '../../../core/transport/utp/errors.ts';
import type { UtpConnection } from '../../../core/transport/utp/connection.ts';
import { readAll, sha1, utpConnectionOptions, utpLimits, utpSocket, waitFor } from './utp-sockets.ts';

/** A hand-driven uTP initiator: sends what the test says, records what it gets. */
class RawPeer {
  readonly socket = dgram.createSocket('udp4');
  readonly received: UtpPacket[] = [];
  readonly id = 1000;
  constructor(readonly target: number) {
    this.socket.on('message', (m) => {
      if (looksLikeUtp(m)) this.received.push(decodePacket(m));
    });
  }
  async open(): Promise<void> {
    await new Promise<void>((r) => this.socket.bind(0, '127.0.0.1', () => r()));
  }
  send(fields: Partial<UtpPacket> & { type: UtpPacket['type'] }): void {
    const packet: UtpPacket = { connectionId: this.id + 1, timestamp: 0, timestampDiff: 0, windowSize: 1 << 20, seq: 0, ack: 0, payload: Buffer.alloc(0), ...fields };
    this.socket.send(encodePacket(packet), this.target, '127.0.0.1');
  }
  /** SYN (seq 1), wait for the state packet, then one data packet: the server hands the connection over. Returns the server's first seq. */
  async handshake(windowSize = 1 << 20): Promise<number> {
    this.send({ type: PacketType.SYN, connectionId: this.id, seq: 1, windowSize });
    await waitFor(() => this.received.some((p) => p.type === PacketType.STATE));
    const serverSeq = this.received.find((p) => p.type === PacketType.STATE)!.seq;
    this.send({ type: PacketType.DATA, seq: 2, ack: (serverSeq - 1) & 0xffff, windowSize, payload: Buffer.from('hi') });
    return serverSeq;
  }
  close(): void {
    this.socket.close();
  }
}

async function rawPeer(t: { teardown(fn: () => void): void }, port: number): Promise<RawPeer> {
  const peer = new RawPeer(port);
  await peer.open();
  t.teardown(() => peer.close());
  return peer;
}

test('a SYN flood from 300 ports holds at most maxHalfOpen entries, which expire; a real dial still gets through', async (t) => {
  const accepted: UtpConnection[] = [];
  const server = await utpSocket(t, {
    limits: utpLimits({ maxHalfOpen: 20 }),
    connection: utpConnectionOptions({ halfOpenTimeoutMs: 400 }),
    onConnection: (c) => accepted.push(c),
  });
  const flooders: dgram.Socket[] = [];
  t.teardown(() => flooders.forEach((s) => s.close()));
  for (let i = 0; i < 300; i++) {
    const s = dgram.createSocket('udp4');
    flooders.push(s);
    await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
    s.send(encodePacket({ type: PacketType.SYN, connectionId: 7, timestamp: 0, timestampDiff: 0, windowSize: 1000, seq: 1, ack: 0, payload: Buffer.alloc(0) }), server.port, '127.0.0.1');
  }
  await waitFor(() => server.counters.synRefused + server.halfOpenCount === 300);
  t.is(server.halfOpenCount, 20);
  t.is(server.counters.synRefused, 280);
  t.is(accepted.length, 0);
  await waitFor(() => server.halfOpenCount === 0);
  t.is(server.counters.halfOpenExpired, 20);
  t.is(server.connectionCount, 0);
  const client = await utpSocket(t);
  const connection = await client.connect({ ip: '127.0.0.1', port: server.port });
  connection.write('real');
  await waitFor(() => accepted.length === 1);
});

test('maxConnections caps accepted connections: the SYN beyond it is dropped', async (t) => {
  const server = await utpSocket(t, { limits: utpLimits({ maxConnections: 2 }), onConnection: () => {} });
  const client = await utpSocket(t, { connection: utpConnectionOptions({ maxSynRetransmits: 0 }) });
  await client.connect({ ip: '127.0.0.1', port: server.port });
  await client.connect({ ip: '127.0.0.1', port: server.port });
  const err = await t.throwsAsync(client.connect({ ip: '127.0.0.1', port: server.port }), { instanceOf: UtpError });
  t.is(err?.code, 'UTP_CONNECT_TIMEOUT');
  t.is(server.counters.synRefused, 1);
});

test('random datagrams are counted and dropped (non-uTP ones go to the fallback); a connection alongside is unharmed', async (t) => {
  const fallback: Buffer[] = [];
  let got: Promise<Buffer> | undefined;
  const server = await utpSocket(t, { fallback: (d) => fallback.push(d), onConnection: (c) => (got = readAll(c)) });
  const client = await utpSocket(t);
  const connection = await client.connect({ ip: '127.0.0.1', port: server.port });
  const noise = await rawPeer(t, server.port);
  let utpLooking = 0;
  for (let i = 0; i < 2000; i++) {
    const d = randomBytes(1 + Math.floor(Math.random() * 120));
    if (i % 2 === 0 && d.length >= 20) d[0] = (Math.floor(Math.random() * 5) << 4) | 1; // half look like uTP
    if (looksLikeUtp(d)) utpLooking++;
    noise.socket.send(d, server.port, '127.0.0.1');
    if (i % 200 === 0) await new Promise((r) => setImmediate(r));
  }
  const data = randomBytes(500_000);
  connection.end(data);
  await waitFor(() => got !== undefined);
  t.is(sha1(await got!), sha1(data));
  const c = server.counters;
  await waitFor(() => c.notUtp + c.malformed + c.unknownConnection + c.synRefused + c.halfOpenExpired + server.halfOpenCount >= 2000 - 5);
  t.is(c.notUtp, fallback.length);
  t.true(c.notUtp >= 2000 - utpLooking - 5);
  t.true(server.halfOpenCount <= utpLimits().maxHalfOpen);
});

test('a wrong connection id is not delivered to the connection it resembles', async (t) => {
  const received: Buffer[] = [];
  const server = await utpSocket(t, { onConnection: (c) => c.on('data', (d: Buffer) => received.push(d)) });
  const peer = await rawPeer(t, server.port);
  const serverSeq = await peer.handshake();
  await waitFor(() => received.length === 1);
  peer.send({ type: PacketType.DATA, connectionId: peer.id + 2, seq: 3, ack: (serverSeq - 1) & 0xffff, payload: Buffer.from('intruder') });
  await waitFor(() => server.counters.unknownConnection === 1);
  t.deepEqual(Buffer.concat(received).toString(), 'hi');
  // Answered with a RESET naming the id and sequence number it came with (as libutp does), no larger than what came.
  await waitFor(() => peer.received.some((p) => p.type === PacketType.RESET));
  const reset = peer.received.find((p) => p.type === PacketType.RESET)!;
  t.like(reset, { connectionId: peer.id + 2, ack: 3, windowSize: 0 });
  t.is(reset.payload.length, 0);
});

test('packets for unknown connections get at most 100 RESETs a second, however many come; RESETs are never answered', async (t) => {
  // Every rate window this socket opens starts after this (a stray packet from another test may open one before the flood).
  const start = performance.now();
  const server = await utpSocket(t, { onConnection: () => undefined });
  const peer = await rawPeer(t, server.port);
  for (let i = 0; i < 400; i++) {
    peer.send({ type: i % 2 === 0 ? PacketType.DATA : PacketType.STATE, connectionId: 20_000 + i, seq: i });
    if (i % 100 === 0) await new Promise((r) => setImmediate(r));
  }
  for (let i = 0; i < 50; i++) peer.send({ type: PacketType.RESET, connectionId: 30_000 + i, seq: i });
  await waitFor(() => server.counters.unknownConnection >= 440);
  // 100 in each second the socket has been open: one on an idle machine, more when the suite loads it.
  const seconds = Math.floor((performance.now() - start) / 1000) + 1;
  t.true(server.counters.resetsSent > 0 && server.counters.resetsSent <= 100 * seconds, `${server.counters.resetsSent} resets sent in ${seconds} s`);
  await waitFor(() => peer.received.length >= server.counters.resetsSent - 5);
  t.true(peer.received.every((p) => p.type === PacketType.RESET && p.connectionId >= 20_000 && p.connectionId < 20_400));
});

test('acks of packets never sent are dropped; duplicate acks trigger one fast retransmit', async (t) => {
  let serverSide: UtpConnection | undefined;
  const server = await utpSocket(t, { onConnection: (c) => (serverSide = c) });
  const peer = await rawPeer(t, server.port);
  const serverSeq = await peer.handshake();
  await waitFor(() => serverSide !== undefined);
  serverSide!.write(randomBytes(3 * 1400));
  await waitFor(() => peer.received.filter((p) => p.type === PacketType.DATA).length >= 2);
  peer.send({ type: PacketType.STATE, seq: 3, ack: (serverSeq + 5000) & 0xffff });
  await waitFor(() => server.counters.badAck === 1);
  // The first data packet "lost": three acks of the packet before it.
  for (let i = 0; i < 3; i++) peer.send({ type: PacketType.STATE, seq: 3, ack: (serverSeq - 1) & 0xffff });
  await waitFor(() => peer.received.filter((p) => p.type === PacketType.DATA && p.seq === serverSeq).length === 2);
  t.true(server.counters.duplicateAck >= 3);
  t.false(serverSide!.destroyed);
});

test('a peer whose window stays 0 is disconnected with UTP_ZERO_WINDOW and a reset', async (t) => {
  let serverSide: UtpConnection | undefined;
  const server = await utpSocket(t, { connection: utpConnectionOptions({ zeroWindowTimeoutMs: 600 }), onConnection: (c) => (serverSide = c) });
  const peer = await rawPeer(t, server.port);
  const serverSeq = await peer.handshake(0);
  await waitFor(() => serverSide !== undefined);
  const failed = once(serverSide!, 'error');
  serverSide!.write(randomBytes(10_000));
  // Keep acking whatever probe arrives, always with a window of 0.
  const timer = setInterval(() => peer.send({ type: PacketType.STATE, seq: 3, ack: (serverSeq - 1) & 0xffff, windowSize: 0 }), 100);
  t.teardown(() => clearInterval(timer));
  const [err] = (await failed) as [UtpError];
  t.is(err.code, 'UTP_ZERO_WINDOW');
  await waitFor(() => peer.received.some((p) => p.type === PacketType.RESET));
  t.is(server.connectionCount, 0);
});

test('out-of-order packets past the receive buffer are dropped: the reorder buffer stays bounded', async (t) => {
  let serverSide: UtpConnection | undefined;
  const maxReceiveBuffer = 8192;
  const server = await utpSocket(t, { connection: utpConnectionOptions({ maxReceiveBuffer }), onConnection: (c) => (serverSide = c) });
  const peer = await rawPeer(t, server.port);
  const serverSeq = await peer.handshake();
  await waitFor(() => serverSide !== undefined);
  // seq 3 never comes; 4, 5, ... keep arriving, far more than the buffer holds.
  for (let seq = 4; seq < 104; seq++) peer.send({ type: PacketType.DATA, seq, ack: (serverSeq - 1) & 0xffff, payload: Buffer.alloc(1000, seq) });
  await waitFor(() => server.counters.droppedData > 0 && serverSide!.reorderBytes > 0);
  await new Promise((r) => setTimeout(r, 200));
  t.true(serverSide!.reorderBytes <= maxReceiveBuffer);
  // What the server acked carries a selective ACK of the held packets.
  const acks = peer.received.filter((p) => p.type === PacketType.STATE && p.selectiveAck !== undefined);
  t.true(acks.length > 0);
  t.true(acks.at(-1)!.windowSize < maxReceiveBuffer);
});

test('sequence numbers wrap at 2^16: packets 0xffff, 0x0000, 0x0001 arriving out of order are read in order', async (t) => {
  const received: Buffer[] = [];
  const server = await utpSocket(t, { onConnection: (c) => c.on('data', (d: Buffer) => received.push(d)) });
  const peer = await rawPeer(t, server.port);
  peer.send({ type: PacketType.SYN, connectionId: peer.id, seq: 0xfffd });
  await waitFor(() => peer.received.some((p) => p.type === PacketType.STATE));
  const serverAck = (peer.received.find((p) => p.type === PacketType.STATE)!.seq - 1) & 0xffff;
  t.is(peer.received[0]!.ack, 0xfffd);
  const data = (seq: number, text: string): void => peer.send({ type: PacketType.DATA, seq, ack: serverAck, payload: Buffer.from(text) });
  data(0xfffe, 'a');
  data(0x0001, 'd');
  data(0x0000, 'c');
  data(0xffff, 'b');
  await waitFor(() => Buffer.concat(received).length === 4);
  t.is(Buffer.concat(received).toString(), 'abcd');
  await waitFor(() => peer.received.some((p) => p.type === PacketType.STATE && p.ack === 0x0001));
});
