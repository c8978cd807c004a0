// What an event costs: firing peer_data_in (the hottest event, once per socket
// read) with nobody listening and with one no-op tap, through client.emit and
// through the guarded hot-path pattern
//   if (client.listens('peer_data_in')) client.emit('peer_data_in', {...})
// against a plain function call measured in the same run.
// Run: node --import=tsx bench/hooks.ts [million calls per round, default 10]
import { performance } from 'node:perf_hooks';
import { Client, type Peer } from '../core/index.ts';

const CALLS = Math.round(Number(process.argv[2] ?? 10) * 1e6);
const ROUNDS = 5;

const peer: Peer = {
  ip: '127.0.0.1',
  port: 6881,
  protocol: 'tcp4',
  encryption: 'none',
  direction: 'incoming',
  peerId: undefined,
  clientName: undefined,
  amChoking: true,
  amInterested: false,
  peerChoking: true,
  peerInterested: false,
  bytesIn: 0,
  bytesOut: 0,
  infoHash: undefined,
  disconnect: () => undefined,
};

let total = 0;
function plainCall(p: Peer, length: number): void {
  total += length + p.port;
}

const untapped = new Client();
const tapped = new Client();
tapped.hooks.peer_data_in.tap('bench', () => undefined);

type Case = { name: string; run: (n: number) => void };
const cases: Case[] = [
  {
    name: 'plain function call (reference)',
    run: (n) => {
      for (let i = 0; i < n; i++) plainCall(peer, i);
    },
  },
  {
    name: 'untapped: client.emit(...)',
    run: (n) => {
      for (let i = 0; i < n; i++) untapped.emit('peer_data_in', { peer, length: i });
    },
  },
  {
    name: 'untapped: if (listens) emit(...)',
    run: (n) => {
      for (let i = 0; i < n; i++) if (untapped.listens('peer_data_in')) untapped.emit('peer_data_in', { peer, length: i });
    },
  },
  {
    name: 'one no-op tap: client.emit(...)',
    run: (n) => {
      for (let i = 0; i < n; i++) tapped.emit('peer_data_in', { peer, length: i });
    },
  },
  {
    name: 'one no-op tap: if (listens) emit(...)',
    run: (n) => {
      for (let i = 0; i < n; i++) if (tapped.listens('peer_data_in')) tapped.emit('peer_data_in', { peer, length: i });
    },
  },
];

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// Warm up every case so that each is optimised before it is timed.
for (const c of cases) c.run(Math.min(CALLS, 1e6));

const nsPerCall = new Map<string, number[]>();
for (let round = 0; round < ROUNDS; round++) {
  // Interleaved rounds: a machine-wide slowdown hits every case alike.
  for (const c of cases) {
    const start = performance.now();
    c.run(CALLS);
    const ns = ((performance.now() - start) * 1e6) / CALLS;
    nsPerCall.set(c.name, [...(nsPerCall.get(c.name) ?? []), ns]);
  }
}

const reference = median(nsPerCall.get(cases[0]!.name)!);
console.log(`${CALLS / 1e6} million calls per round, median of ${ROUNDS} rounds (node ${process.version})\n`);
console.log(`${'case'.padEnd(40)} ${'ns/call'.padStart(9)} ${'ms per 1e6'.padStart(11)} ${'x plain call'.padStart(13)}`);
for (const c of cases) {
  const ns = median(nsPerCall.get(c.name)!);
  console.log(`${c.name.padEnd(40)} ${ns.toFixed(2).padStart(9)} ${ns.toFixed(2).padStart(11)} ${(ns / reference).toFixed(1).padStart(13)}`);
}
// Keeps the reference loop's work observable, so it is not optimised away.
if (total === -1) console.log(total);
