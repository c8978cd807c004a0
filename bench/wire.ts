// Wire throughput. Run: node --import=tsx bench/wire.ts
// 1. WireParser on a stream of 16 KiB piece messages cut into 64 KiB reads
//    (unaligned, like TCP), against one memcpy of the same bytes.
// 2. Two PeerConnections over loopback, one sending blocks with piece() as
//    fast as backpressure allows, against raw sockets moving the same bytes.
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { PeerConnection } from '../core/peer/index.ts';
import { DEFAULT_SETTINGS, tcpPeerOptions } from '../test/helpers/default-settings.ts';
import { generatePeerId } from '../core/peer-id.ts';
import type { EventSink } from '../core/hooks.ts';
import { WireParser, encodeMessage } from '../core/wire/index.ts';

const MB = 1e6;
const BLOCK = 16 * 1024;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function parserBench(): { parser: number; memcpy: number } {
  const blocks = 4096; // 64 MiB of payload
  const one = encodeMessage({ type: 'piece', index: 0, begin: 0, block: Buffer.alloc(BLOCK, 0x5a) });
  const stream = Buffer.alloc(one.length * blocks);
  for (let i = 0; i < blocks; i++) one.copy(stream, i * one.length);
  const reads: Buffer[] = [];
  for (let o = 0; o < stream.length; o += 65536) reads.push(stream.subarray(o, Math.min(stream.length, o + 65536)));

  const parserRuns: number[] = [];
  const copyRuns: number[] = [];
  for (let run = 0; run < 7; run++) {
    let got = 0;
    const parser = new WireParser({ onHandshake: () => {}, onMessage: (m) => (got += m.type === 'piece' ? m.block.length : 0) }, { expectHandshake: false });
    let t0 = performance.now();
    for (const r of reads) parser.push(r);
    parserRuns.push(stream.length / MB / ((performance.now() - t0) / 1000));
    if (got !== blocks * BLOCK) throw new Error('parser lost bytes');

    const target = Buffer.allocUnsafe(stream.length);
    target.fill(0);
    t0 = performance.now();
    let at = 0;
    for (const r of reads) at += r.copy(target, at);
    copyRuns.push(stream.length / MB / ((performance.now() - t0) / 1000));
  }
  return { parser: median(parserRuns), memcpy: median(copyRuns) };
}

const quietSink: EventSink = { emit: () => {}, listens: () => false };

async function listenOnce(): Promise<{ server: net.Server; port: number; accepted: Promise<net.Socket> }> {
  let resolve!: (s: net.Socket) => void;
  const accepted = new Promise<net.Socket>((r) => (resolve = r));
  const server = net.createServer((s) => resolve(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as net.AddressInfo).port, accepted };
}

async function peerBench(totalBytes: number): Promise<number> {
  const infoHash = 'ab'.repeat(20);
  const pieceCount = 1024;
  const { server, port, accepted } = await listenOnce();
  const clientSocket = net.connect(port, '127.0.0.1');
  await new Promise((r) => clientSocket.once('connect', r));
  const serverSocket = await accepted;
  let received = 0;
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  const block = Buffer.alloc(BLOCK, 0x33);
  let sent = 0;
  let t0 = 0;
  const pump = (p: PeerConnection): void => {
    while (sent < totalBytes) {
      sent += BLOCK;
      if (!p.piece((sent / BLOCK) % pieceCount, 0, block)) return;
    }
  };
  let ready = 0;
  const start = (): void => {
    if (++ready < 2) return;
    t0 = performance.now();
    pump(sender);
  };
  const sender = new PeerConnection({
    ...tcpPeerOptions(serverSocket),
    stream: serverSocket,
    direction: 'incoming',
    sink: quietSink,
    ourPeerId: generatePeerId(DEFAULT_SETTINGS.peerIdPrefix),
    delegate: { onHandshake: () => ({ infoHash, pieceCount }), onReady: start, onMessage: () => {}, onDrain: (p) => pump(p) },
  });
  const receiver = new PeerConnection({
    ...tcpPeerOptions(clientSocket),
    stream: clientSocket,
    direction: 'outgoing',
    sink: quietSink,
    ourPeerId: generatePeerId(DEFAULT_SETTINGS.peerIdPrefix),
    torrent: { infoHash, pieceCount },
    delegate: {
      onReady: start,
      onMessage: (_p, m) => {
        if (m.type !== 'piece') return;
        received += m.block.length;
        if (received >= totalBytes) done();
      },
    },
  });
  await finished;
  const seconds = (performance.now() - t0) / 1000;
  sender.disconnect('bench over');
  receiver.disconnect('bench over');
  server.close();
  return totalBytes / MB / seconds;
}

async function rawBench(totalBytes: number): Promise<number> {
  const { server, port, accepted } = await listenOnce();
  const clientSocket = net.connect(port, '127.0.0.1');
  await new Promise((r) => clientSocket.once('connect', r));
  const serverSocket = await accepted;
  const chunk = Buffer.alloc(BLOCK + 13, 0x33);
  let received = 0;
  let sent = 0;
  const finished = new Promise<void>((resolve) => {
    clientSocket.on('data', (d: Buffer) => {
      received += d.length;
      if (received >= totalBytes) resolve();
    });
  });
  const t0 = performance.now();
  const pump = (): void => {
    while (sent < totalBytes) {
      sent += chunk.length;
      if (!serverSocket.write(chunk)) return;
    }
  };
  serverSocket.on('drain', pump);
  pump();
  await finished;
  const seconds = (performance.now() - t0) / 1000;
  serverSocket.destroy();
  clientSocket.destroy();
  server.close();
  return totalBytes / MB / seconds;
}

const p = parserBench();
console.log(`WireParser, 16 KiB pieces in 64 KiB reads: ${p.parser.toFixed(0)} MB/s; one memcpy of the stream: ${p.memcpy.toFixed(0)} MB/s; ratio ${(p.parser / p.memcpy).toFixed(2)}`);

const total = 512 * 1024 * 1024;
const peerRuns: number[] = [];
const rawRuns: number[] = [];
for (let i = 0; i < 3; i++) {
  rawRuns.push(await rawBench(total));
  peerRuns.push(await peerBench(total));
}
const peer = median(peerRuns);
const raw = median(rawRuns);
console.log(`PeerConnection piece() -> PeerConnection over loopback, 512 MiB: ${peer.toFixed(0)} MB/s; raw socket writes of the same bytes: ${raw.toFixed(0)} MB/s; ratio ${(peer / raw).toFixed(2)}`);
