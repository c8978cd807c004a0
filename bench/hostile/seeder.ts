// The seeder of bench/hostile.ts, in a process of its own so that its memory
// is its own: a Client as `bt seed` builds it (built-in plugins, default
// limits, no config file), seeding one torrent. It samples its resident
// memory every 50 ms and answers the parent over IPC:
//   parent -> { type: 'reset' }   start a new phase (peak RSS and peer_error counts from zero)
//   parent -> { type: 'report' }  child -> { type: 'report', peakRss, rss, peerErrors }
//   child -> { type: 'ready', port } once seeding.
//   child -> { type: 'sample', peakRss } every 500 ms (the last word if it dies).
// Run by bench/hostile.ts: node --import=tsx bench/hostile/seeder.ts <file.torrent> <dir>
import { createClient } from '../../core/index.ts';

export interface SeederReport {
  readonly type: 'report';
  readonly peakRss: number;
  readonly rss: number;
  /** CPU time (user + system) of the seeder process this phase, ms. */
  readonly cpuMs: number;
  /** peer_error codes seen this phase, with counts. */
  readonly peerErrors: Record<string, number>;
  /** Set by the parent when the seeder process died (e.g. out of memory) before answering. */
  readonly died?: string;
}

export type SeederRequest = { readonly type: 'reset' } | { readonly type: 'report' } | { readonly type: 'stop' };

const [torrentFile, dir] = process.argv.slice(2);
if (torrentFile === undefined || dir === undefined || process.send === undefined) {
  console.error('usage (from bench/hostile.ts, with IPC): seeder.ts <file.torrent> <dir>');
  process.exit(1);
}
const send = process.send.bind(process);

let peakRss = 0;
let peerErrors: Record<string, number> = {};
let cpuAtReset = process.cpuUsage();
const sample = (): void => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
};
let samples = 0;
const sampler = setInterval(() => {
  sample();
  if (++samples % 10 === 0) send({ type: 'sample', peakRss });
}, 50);

const client = await createClient({ listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' }, config: false });
client.on_peer_error((_c, info) => {
  peerErrors[info.code] = (peerErrors[info.code] ?? 0) + 1;
});
await client.addTorrent(torrentFile, { dir });

process.on('message', (request: SeederRequest) => {
  if (request.type === 'reset') {
    peakRss = 0;
    peerErrors = {};
    cpuAtReset = process.cpuUsage();
    sample();
  } else if (request.type === 'report') {
    sample();
    const cpu = process.cpuUsage(cpuAtReset);
    send({ type: 'report', peakRss, rss: process.memoryUsage.rss(), cpuMs: (cpu.user + cpu.system) / 1000, peerErrors } satisfies SeederReport);
  } else {
    clearInterval(sampler);
    void client.destroy().then(() => process.exit(0));
  }
});
// The bench went away (interrupted): so does its seeder.
process.once('disconnect', () => process.exit(0));
send({ type: 'ready', port: client.port });
