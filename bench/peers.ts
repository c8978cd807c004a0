// Many peers on one seeding torrent against libtorrent: N peers (default
// 500) connect over loopback TCP to one seeder, swarmhook's or libtorrent's,
// each in a process of its own, side by side in the same run. The peers are
// raw sockets of this process, each bound to an address of its own in
// 127.0.0.0/8 (so no per-address limit applies): a BitTorrent handshake,
// `interested`, then nothing but a keep-alive now and then (they ask for no
// block: what is measured is what a connection costs while it idles). Figures
// of the seeder: RSS per connected peer (RSS with the peers, less RSS before
// them), and its CPU over the next idle spell; the peers still connected at
// the end are counted too. Both seeders allow 1,000 connections (both default
// to 200) and run with no DHT/LSD.
//
// Run: node --import=tsx bench/peers.ts [N] [--idle-seconds S] [--dist]
//   --dist   swarmhook runs dist/ (`npm run build` first), as the installed package does (no tsx loaded)
// Needs /usr/bin/python3 with libtorrent (apt-get install -y python3-libtorrent).
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createTorrent } from '../core/metainfo/index.ts';
import { Child, isEvent, libtorrentSessionPython, MIB, PYTHON, writeRandomFile, type SessionLine } from './processes.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'idle-seconds': { type: 'string', default: '30' }, dist: { type: 'boolean', default: false } },
});
const COUNT = Number(positionals[0] ?? 500);
const IDLE_MS = Number(values['idle-seconds']) * 1000;
const MAX_CONNECTIONS = 1000;
/** Peers dialled at once: libtorrent's listen backlog is small (listen_queue_size 5), swarmhook's half-open slots 50. */
const DIAL_BATCH = 10;
/** Well inside both seeders' inactivity timeouts (120 s swarmhook, 600 s libtorrent). */
const KEEP_ALIVE_MS = 30_000;
const MB = 1e6;

/** A libtorrent session seeding one torrent: prints ready with its port once seeding, then idles until stdin closes. */
const LIBTORRENT_SEEDER = `
import json, sys, time
import libtorrent as lt
torrent, save, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
${libtorrentSessionPython(', "connections_limit": limit')}
p = lt.add_torrent_params()
p.ti = lt.torrent_info(torrent)
p.save_path = save
p.flags = p.flags & ~lt.torrent_flags.auto_managed & ~lt.torrent_flags.paused
h = ses.add_torrent(p)
while not h.status().is_seeding:
    time.sleep(0.01)
print(json.dumps({"event": "ready", "port": ses.listen_port()}), flush=True)
sys.stdin.read()
`;

/** A swarmhook Client seeding the same torrent, same protocol. */
const swarmhookSeeder = (clientModule: string): string => `
import { readFileSync } from 'node:fs';
const { Client } = await import(${JSON.stringify(clientModule)});
const [torrent, save, limit] = process.argv.slice(1);
const max = Number(limit);
const client = new Client({
  listen: { ports: 0, tcp6: false, host4: '127.0.0.1' },
  limits: { maxConnections: max, maxConnectionsPerTorrent: max },
  resume: { enabled: false },
  plugins: [['dht', false], ['lsd', false]],
});
const t = await client.addTorrent(readFileSync(torrent), { dir: save });
if (t.state !== 'seeding') throw new Error('not seeding: ' + t.state);
console.log(JSON.stringify({ event: 'ready', port: client.port }));
process.stdin.resume();
process.stdin.on('end', () => client.destroy());
`;

/** One raw peer: handshaken, interested, idle. */
interface RawPeer {
  readonly socket: net.Socket;
  /** Resolves once the seeder's handshake is in; rejects when the socket closes first. */
  readonly handshaken: Promise<void>;
  closed: boolean;
}

/** The i-th peer's own loopback address: 127.1.x.y, y in 1..250. */
const peerAddress = (i: number): string => `127.1.${Math.floor(i / 250)}.${(i % 250) + 1}`;

function connectPeer(i: number, port: number, infoHash: Buffer): RawPeer {
  const socket = net.connect({ host: '127.0.0.1', port, localAddress: peerAddress(i) });
  const peerId = Buffer.concat([Buffer.from('-BN0001-'), randomBytes(12)]);
  const handshake = Buffer.concat([Buffer.from([19]), Buffer.from('BitTorrent protocol'), Buffer.alloc(8), infoHash, peerId]);
  const INTERESTED = Buffer.from([0, 0, 0, 1, 2]);
  const peer: RawPeer = {
    socket,
    closed: false,
    handshaken: new Promise<void>((resolve, reject) => {
      let received = 0;
      socket.on('connect', () => socket.write(Buffer.concat([handshake, INTERESTED])));
      // What the seeder sends after its handshake (bitfield, unchoke, keep-alives) is counted and dropped.
      socket.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received >= 68) resolve();
      });
      socket.on('close', () => {
        peer.closed = true;
        reject(new Error(`peer ${peerAddress(i)} closed after ${received} bytes`));
      });
      socket.on('error', () => undefined);
    }),
  };
  return peer;
}

interface Figures {
  readonly rssBefore: number;
  readonly rssWith: number;
  readonly idleCpu: number;
  readonly connected: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Before the first figure: what the start left behind settles (swarmhook's hash workers exit after 10 s without a hash). */
const SETTLE_MS = 12_000;

async function measure(seeder: Child, port: number, infoHash: Buffer): Promise<Figures> {
  await sleep(SETTLE_MS);
  const rssBefore = seeder.rss();
  const peers: RawPeer[] = [];
  const failures: string[] = [];
  const keepAlive = setInterval(() => {
    for (const p of peers) if (!p.closed) p.socket.write(Buffer.alloc(4));
  }, KEEP_ALIVE_MS);
  try {
    for (let i = 0; i < COUNT; i += DIAL_BATCH) {
      const batch = Array.from({ length: Math.min(DIAL_BATCH, COUNT - i) }, (_, k) => connectPeer(i + k, port, infoHash));
      peers.push(...batch);
      const outcomes = await Promise.allSettled(batch.map((p) => p.handshaken));
      for (const o of outcomes) if (o.status === 'rejected') failures.push(String(o.reason));
    }
    // A moment for what the connections set off (unchokes, rechokes), then the figures.
    await sleep(3000);
    if (failures.length > 0) console.log(`${failures.length} peers failed to connect, e.g. ${failures[0]}`);
    const rssWith = seeder.rss();
    const cpu0 = seeder.cpuMs();
    await sleep(IDLE_MS);
    const idleCpu = (seeder.cpuMs() - cpu0) / IDLE_MS;
    return { rssBefore, rssWith, idleCpu, connected: peers.filter((p) => !p.closed).length };
  } finally {
    clearInterval(keepAlive);
    for (const p of peers) p.socket.destroy();
  }
}

const root = await mkdtemp(join(tmpdir(), 'swarmhook-bench-peers-'));
const children: Child[] = [];
try {
  await writeRandomFile(join(root, 'payload.bin'), 4 * MIB);
  const { torrent, metainfo } = await createTorrent(join(root, 'payload.bin'), { pieceLength: 256 * 1024, creationDate: null });
  const torrentPath = join(root, 'payload.torrent');
  await writeFile(torrentPath, torrent);
  const infoHash = Buffer.from(metainfo.infoHash, 'hex');
  const clientModule = values.dist ? new URL('../dist/core/index.js', import.meta.url) : new URL('../core/index.ts', import.meta.url);
  if (values.dist && !existsSync(clientModule)) throw new Error('no dist/ build: run `npm run build` first');
  const node = values.dist ? [] : ['--import=tsx'];
  const args = [torrentPath, root, String(MAX_CONNECTIONS)];
  const contenders = [
    { name: 'libtorrent', start: () => new Child('libtorrent seeder', PYTHON, ['-c', LIBTORRENT_SEEDER, ...args]) },
    {
      name: values.dist ? 'swarmhook (dist)' : 'swarmhook (tsx)',
      start: () => new Child('swarmhook seeder', process.execPath, [...node, '--input-type=module', '-e', swarmhookSeeder(clientModule.href), '--', ...args]),
    },
  ];
  const results: Figures[] = [];
  for (const c of contenders) {
    const child = c.start();
    children.push(child);
    const ready = (await child.waitFor(isEvent('ready'), `${c.name} to seed`, 120_000)) as SessionLine & { port: number };
    const f = await measure(child, ready.port, infoHash);
    results.push(f);
    await child.stop();
    const perPeer = (f.rssWith - f.rssBefore) / COUNT;
    console.log(
      `${c.name}: ${f.connected} of ${COUNT} peers still connected; RSS ${(f.rssBefore / MB).toFixed(1)} MB before, ${(f.rssWith / MB).toFixed(1)} MB with them,` +
        ` ${(perPeer / 1024).toFixed(1)} KiB per peer; idle CPU ${(f.idleCpu * 100).toFixed(2)}% of a core over ${IDLE_MS / 1000} s`,
    );
  }
  const [lt, sh] = results as [Figures, Figures];
  const per = (f: Figures): number => (f.rssWith - f.rssBefore) / COUNT;
  console.log(
    `\n${COUNT} idle peers on one seeder, ratio ${contenders[1]!.name} / libtorrent: memory per peer ${(per(sh) / per(lt)).toFixed(2)},` +
      ` RSS with the peers ${(sh.rssWith / lt.rssWith).toFixed(2)}, idle CPU ${lt.idleCpu > 0 ? (sh.idleCpu / lt.idleCpu).toFixed(2) : `${(sh.idleCpu * 100).toFixed(2)}% against 0`}`,
  );
} finally {
  await Promise.all(children.map((c) => c.stop()));
  await rm(root, { recursive: true, force: true });
}
