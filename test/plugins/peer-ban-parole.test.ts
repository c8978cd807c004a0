// Issue 12 item 7: a fast peer that corrupts one block in every second piece,
// next to a fast honest seeder, sharing every piece with it. Before parole,
// the honest seeder shared so many failed pieces with the corrupter that its
// trust fell to the ban threshold before block evidence could clear it, and
// the download then stalled with no peers. Each test runs the scenario
// RUNS_PER_TEST times with a fresh downloader: 25 runs in all, with and
// without the fast extension (BEP 6) on the corrupter, and once with a
// corrupter that answers every request and only parole may convict.
//
// Bans are by IP, so each peer listens on its own loopback address.
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { BitField } from '../../core/bitfield.ts';
import { Client } from '../../core/client.ts';
import { createClient } from '../../core/create-client.ts';
import type { EventInfo, EventSink } from '../../core/hooks.ts';
import { createTorrent, type Metainfo } from '../../core/metainfo/index.ts';
import { PeerConnection } from '../../core/peer/index.ts';
import { tcpPeerOptions } from '../helpers/default-settings.ts';
import type { PeerBanOptions } from '../../plugins/peer-ban/index.ts';
import { tempDir, writeFiles } from '../helpers/payload.ts';
import { waitFor } from '../helpers/wire-peers.ts';

const BLOCK = 16384;
const PIECE = 2 * BLOCK;
const HONEST = '127.0.0.2';
const CORRUPTER = '127.0.0.4';
const listenOn = (host4: string) => ({ listen: { ports: 0, tcp4: true, tcp6: false, host4 } }) as const;
const silentSink: EventSink = { emit: () => undefined, listens: () => false };

interface Payload {
  readonly metainfo: Metainfo;
  readonly dir: string;
  readonly bytes: Buffer;
}

async function payload(t: ExecutionContext, name: string): Promise<Payload> {
  const root = await tempDir(t);
  await writeFiles(root, { [name]: 64 * PIECE }); // 2 MiB, 64 pieces of two blocks
  const { metainfo } = await createTorrent(join(root, name), { pieceLength: PIECE });
  return { metainfo, dir: root, bytes: await readFile(join(root, name)) };
}

/**
 * A fast peer with every piece, one byte wrong in the first block of every
 * even piece. `whole`: it answers every request. Else it never sends a whole
 * piece: of each piece it sends only the first block and refuses the rest
 * (with the fast extension: a reject; without: a choke, which voids every
 * request, and an unchoke soon after); the honest seeder sends the rest, so
 * the corrupter is never the sole sender of a piece.
 */
async function corrupter(t: ExecutionContext, p: Payload, fast: boolean, whole: boolean): Promise<{ port: number }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    let choking = false;
    let chokeSoon = false;
    new PeerConnection({
      ...tcpPeerOptions(socket),
      stream: socket,
      direction: 'incoming',
      sink: silentSink,
      ourPeerId: Buffer.from('-FK0001-corrupter001'),
      extensions: { fast, extended: false },
      delegate: {
        onHandshake: (_peer, infoHash) => (infoHash === p.metainfo.infoHash ? { infoHash, pieceCount: p.metainfo.pieceCount } : undefined),
        onReady: (peer) => {
          const all = new BitField(p.metainfo.pieceCount);
          all.setAll();
          peer.bitfield(all);
        },
        onMessage: (peer, message) => {
          if (message.type === 'interested') peer.unchoke();
          if (message.type !== 'request' || choking) return;
          const { index, begin, length } = message;
          if (begin === 0 || whole) {
            const block = Buffer.from(p.bytes.subarray(index * PIECE + begin, index * PIECE + begin + length));
            if (index % 2 === 0 && begin === 0) block[7] ^= 0x5a;
            peer.piece(index, begin, block);
          } else if (fast) {
            // A little later, as a busy peer would.
            setTimeout(() => peer.closed || peer.reject(index, begin, length), 5);
          } else if (!chokeSoon) {
            // After the rest of this batch of requests (first blocks are still served), a choke voids the others.
            chokeSoon = true;
            setImmediate(() => {
              chokeSoon = false;
              if (peer.closed) return;
              choking = true;
              peer.choke();
              setTimeout(() => {
                choking = false;
                if (!peer.closed) peer.unchoke();
              }, 20);
            });
          }
        },
      },
    });
  });
  await new Promise<void>((resolve) => server.listen(0, CORRUPTER, () => resolve()));
  t.teardown(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => server.close(r));
  });
  return { port: (server.address() as net.AddressInfo).port };
}

async function honestSeeder(t: ExecutionContext, p: Payload): Promise<Client> {
  const client = new Client(listenOn(HONEST));
  t.teardown(() => client.destroy());
  await client.addTorrent(p.metainfo, { dir: p.dir, seedMode: true });
  return client;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

interface RunResult {
  readonly bans: EventInfo<'peer_ban'>[];
  readonly failed: number;
}

/** One download from both peers at once, with a fresh downloader (peer-ban on, as by default). */
async function run(t: ExecutionContext, p: Payload, honestPort: number, corrupterPort: number, n: number, peerBan: PeerBanOptions, corrupterFirst: boolean): Promise<RunResult> {
  // The corrupter listens on TCP only: TCP is dialled first, so both peers serve at once (uTP first would leave the corrupter 3 s behind).
  const leecher = await createClient({ config: false, plugins: [['logger', false], ['peer-ban', { ...peerBan }]], ...listenOn('127.0.0.1'), transports: { order: ['tcp', 'utp'] } });
  try {
    const bans: EventInfo<'peer_ban'>[] = [];
    let failed = 0;
    leecher.on_peer_ban((_c, info) => bans.push(info));
    leecher.on_piece_hash_failed(() => void failed++);
    const dir = await tempDir(t);
    const corrupterAt = { ip: CORRUPTER, port: corrupterPort };
    const honestAt = { ip: HONEST, port: honestPort };
    // The corrupter first, so that it surely takes part; the honest seeder as soon as it is connected. A
    // corrupter that answers every request may be convicted before it is seen connected: both at once then.
    const swarm = await leecher.addTorrent(p.metainfo, { dir, peers: corrupterFirst ? [corrupterAt] : [corrupterAt, honestAt] });
    if (corrupterFirst) {
      await waitFor(() => swarm.peers.some((x) => x.ip === CORRUPTER), 'the corrupter to connect', 10_000);
      swarm.addPeers([honestAt]);
    }
    const describe = (): string =>
      `run ${n}: ${failed} failed pieces, bans ${JSON.stringify(bans.map((b) => `${b.ip}: ${b.reason}`))}, peers ${swarm.peers
        .map((x) => `${x.ip}${swarm.isOnParole(x) ? ' (on parole)' : ''}${x.peerChoking ? ' (choking)' : ''}${x.amInterested ? '' : ' (not interesting)'}`)
        .join(', ')}; ${swarm.picker.wantedLeft} pieces left, ${swarm.picker.partialCount} started, ${swarm.picker.openCount} open`;
    try {
      await withTimeout(swarm.whenComplete(), 30_000, 'the download');
    } catch (err) {
      throw new Error(`${(err as Error).message} (${describe()})`);
    }
    t.true((await readFile(join(dir, p.metainfo.name))).equals(p.bytes), `run ${n}: byte for byte`);
    t.false(leecher.isBanned(HONEST, p.metainfo.infoHash), `run ${n}: the honest seeder is not banned (${describe()})`);
    t.true(leecher.isBanned(CORRUPTER, p.metainfo.infoHash), `run ${n}: the corrupter is banned (${describe()})`);
    return { bans, failed };
  } finally {
    await leecher.destroy();
  }
}

const RUNS_PER_TEST = 5;

interface Batch {
  readonly fast: boolean;
  readonly whole: boolean;
  readonly peerBan: PeerBanOptions;
  /** What the corrupter's ban may say. */
  readonly reason: RegExp;
}

const BY_EVIDENCE = /^sent corrupt data in the block at offset 0 of piece \d+: it differs from the piece that passed its hash check$/;
const BY_PAROLE = /^on parole since piece \d+ failed its hash check, it alone sent piece \d+, which failed too$/;
const BATCHES: readonly Batch[] = [
  { fast: true, whole: false, peerBan: {}, reason: BY_EVIDENCE },
  { fast: false, whole: false, peerBan: {}, reason: BY_EVIDENCE },
  { fast: true, whole: false, peerBan: {}, reason: BY_EVIDENCE },
  { fast: false, whole: false, peerBan: {}, reason: BY_EVIDENCE },
  // Answering every request, it soon sends a bad piece alone: without banSoleSender, only parole (or evidence) can ban it.
  { fast: true, whole: true, peerBan: { banSoleSender: false }, reason: new RegExp(`${BY_EVIDENCE.source}|${BY_PAROLE.source}`) },
];

BATCHES.forEach(({ fast, whole, peerBan, reason }, k) => {
  const what = `${whole ? 'answering every request' : 'sending one block of each piece'}, ${fast ? 'with' : 'without'} the fast extension${
    peerBan.banSoleSender === false ? ', banSoleSender off' : ''
  }`;
  test(`a corrupter of every second piece next to an honest seeder (${what}; batch ${k + 1}): ${RUNS_PER_TEST} runs, no innocent ban, the corrupter banned, the download complete`, async (t) => {
    const p = await payload(t, `parole-${k + 1}.bin`);
    const honest = await honestSeeder(t, p);
    const bad = await corrupter(t, p, fast, whole);
    let innocent = 0;
    for (let n = 1; n <= RUNS_PER_TEST; n++) {
      const { bans } = await run(t, p, honest.port!, bad.port, n, peerBan, !whole);
      innocent += bans.filter((b) => b.ip === HONEST).length;
      t.log(`run ${n}: ${bans.map((b) => `${b.ip} banned: ${b.reason}`).join('; ')}`);
      t.deepEqual(bans.map((b) => b.ip), [CORRUPTER], `run ${n}: only the corrupter is banned`);
      t.regex(bans[0]?.reason ?? '', reason);
    }
    t.is(innocent, 0);
  });
});
