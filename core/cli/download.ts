// `bt download <file.torrent | URL | magnet link> -o <dir> [--peer host:port]...`:
// downloads and exits 0 once every piece is verified. A magnet link's
// metadata comes from its peers (x.pe, --peer) and trackers first.
import { parseArgs } from 'node:util';
import { parseAddress } from '../net/address.ts';
import type { Client } from '../client.ts';
import { CLIENT_OPTIONS, CLIENT_OPTIONS_USAGE, clientFromOptions, isQuiet, type ClientFlags } from './client-options.ts';
import { reportFileProblems } from './file-problems.ts';
import { reachability } from './listening.ts';
import { formatRate } from './human-units.ts';
import { torrentStatus } from './progress.ts';
import { SEED_OPTIONS, SEED_OPTIONS_USAGE, seedUntilDone } from './seeding.ts';
import { seedLimits } from './seed-limits.ts';
import { selectFiles, selectIndexes } from './select-files.ts';
import { INTERRUPTED_EXIT_CODE, listenForStop, type StopSignal } from './signals.ts';
import { StatusDisplay, type DisplayIO } from './status-display.ts';
import { RunSummary } from './summary.ts';

export const USAGE = `usage: bt download <file.torrent | URL | magnet:?...> [-o DIR] [--peer HOST:PORT]... [options]

Downloads a torrent into DIR and exits 0 once every piece is verified.
A magnet link's metadata is fetched from its peers (x.pe, --peer) and trackers (tr) first.
  -o, --output DIR     where the files go (default: the config's downloadDir or .)
  --peer HOST:PORT     a peer to connect to (repeatable; IPv6 as [::1]:6881)
  --select FILES       only these files: indexes as bt info lists them ("0,2-4")
                       or glob patterns on their paths ("*.mkv,extras/**");
                       with a magnet link, indexes only
  --seed               keep seeding after the download until interrupted
${SEED_OPTIONS_USAGE}${CLIENT_OPTIONS_USAGE}
On a terminal the status is one line redrawn in place; otherwise a line every
5 s. Ctrl-C (SIGINT) or SIGTERM stops cleanly. Exit code 0 once the download
is complete (also when seeding is then stopped), 130 (SIGINT) or 143 (SIGTERM)
when it was interrupted before it completed, 1 on an error.

examples:
  bt download ubuntu.torrent -o ~/Downloads
  bt download https://releases.example.org/ubuntu.torrent
  bt download 'magnet:?xt=urn:btih:...' --select 0,2 --seed-ratio 1
  bt download big.torrent --select '*.mkv' --max-peers 30 --json > status.ndjson
`;

export async function run(argv: string[], io: DisplayIO = process): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      peer: { type: 'string', multiple: true },
      seed: { type: 'boolean' },
      select: { type: 'string' },
      ...SEED_OPTIONS,
      ...CLIENT_OPTIONS,
    },
  });
  if (values.help || positionals.length !== 1) {
    io.stdout.write(USAGE);
    return values.help ? 0 : 1;
  }
  const run = new RunSummary({ json: values.json, quiet: isQuiet(values) }, io);
  const { display, failed } = run;
  const source = positionals[0]!;
  const magnet = /^magnet:\?/i.test(source.trim());
  const { peers, limits, meta, files, client } = await prepare(values, source, magnet).catch(failed);
  reportFileProblems(client, 'bt download', io);
  const stop = listenForStop();
  const finish = (outcome: 'complete' | 'interrupted', exitCode: number, extra: object = {}): number => run.end({ outcome, exitCode, ...extra });
  try {
    if (magnet) display.note('fetching the metadata from peers...');
    const searching = magnet ? dhtSearchNotes(client, display) : undefined;
    const adding = client.addTorrent(meta ?? source, {
      ...(values.output === undefined ? {} : { dir: values.output }),
      ...(files === undefined ? {} : { files }),
      peers,
    });
    // Destroying the client on a signal rejects an addTorrent still under way: nobody waits for it then.
    adding.catch(() => undefined);
    const added = await Promise.race([adding, stop.signal]).finally(() => searching?.());
    if (typeof added === 'string') return finish('interrupted', interrupted(io, added, 'before the torrent was added'), { signal: added });
    run.torrent = added;
    const t = added;
    if (magnet) display.note(`metadata: ${t.name}, ${t.meta.files.length} file(s), ${t.meta.length} bytes`);
    if (files !== undefined) display.note(`selected ${files.length} of ${t.meta.files.length} file(s): ${files.map((i) => t.meta.files[i]?.path ?? `#${i}`).join(', ')}`);
    if (client.port === undefined) io.stderr.write(`bt download: downloading ${await reachability(client)}\n`);
    display.watch(() => torrentStatus(t), () => client.bans);
    let signal: StopSignal | undefined;
    try {
      signal = await Promise.race([t.whenComplete().then(() => undefined), failure(t), stop.signal]);
    } finally {
      display.stop();
    }
    if (signal !== undefined) {
      display.close();
      return finish('interrupted', interrupted(io, signal, `at ${(t.progress * 100).toFixed(1)}% of ${t.name}`), { signal });
    }
    const seconds = run.seconds;
    const status = torrentStatus(t);
    display.show(status);
    display.close();
    // The files' bytes, as the user chose them (the status counts whole pieces, which may overlap unselected files).
    const bytes = (files ?? t.meta.files.map((_, i) => i)).reduce((sum, i) => sum + (t.meta.files[i]?.length ?? 0), 0);
    const of = files === undefined ? '' : ` of ${files.length} selected file(s)`;
    display.say(`complete: ${t.name} (${bytes} bytes${of}) in ${seconds.toFixed(1)} s, ${formatRate(status.downloaded / Math.max(seconds, 0.001))} on average`);
    // The download is complete: whatever ends the seeding is success.
    const seeded = values.seed || limits !== undefined ? await seedUntilDone({ client, torrent: t, limits, stop: stop.signal, display }) : {};
    return finish('complete', 0, seeded);
  } catch (err) {
    return failed(err);
  } finally {
    // Still listening while the client shuts down, so that a second signal exits at once.
    await client.destroy();
    stop.dispose();
  }
}

/** Everything the flags say, checked before anything starts, and the client. */
async function prepare(
  values: ClientFlags & { readonly peer?: readonly string[]; readonly select?: string; readonly 'seed-ratio'?: string; readonly 'seed-time'?: string },
  source: string,
  magnet: boolean,
) {
  const peers = (values.peer ?? []).map((p) => parseAddress(p));
  const limits = seedLimits(values);
  const client = await clientFromOptions(values);
  try {
    // A selection by pattern needs the file list, so the .torrent (a path or a URL) is read here first.
    const meta = values.select === undefined || magnet ? undefined : await client.readTorrentFile(source);
    const files = values.select === undefined ? undefined : meta === undefined ? selectIndexes(values.select) : selectFiles(values.select, meta.files);
    return { peers, limits, meta, files, client };
  } catch (err) {
    await client.destroy();
    throw err;
  }
}

/**
 * While a magnet waits for its metadata, says what the DHT has found (at most
 * every 5 s): "searching the DHT: 23 nodes, 0 peers so far". Returns the stop.
 */
function dhtSearchNotes(client: Client, display: StatusDisplay): () => void {
  let last = 0;
  let active = true;
  const note = (nodes: number, peers: number): void => {
    if (!active || Date.now() - last < 5000) return;
    last = Date.now();
    display.note(`searching the DHT: ${nodes} nodes, ${peers} peers so far`);
  };
  client.on_dht_bootstrap((_c, info) => note(info.nodes, 0));
  client.on_dht_get_peers((_c, info) => note(info.nodes, info.peers));
  return () => {
    active = false;
  };
}

/** The download did not complete: say so, and exit as the shell does for the signal. */
function interrupted(io: DisplayIO, signal: StopSignal, when: string): number {
  io.stderr.write(`bt download: ${signal} ${when}; the download is incomplete\n`);
  return INTERRUPTED_EXIT_CODE[signal];
}

/** Rejects when the torrent stops in the error state (a file error pauses it). */
function failure(torrent: { readonly state: string; readonly error: Error | undefined }): Promise<never> {
  return new Promise((_, reject) => {
    const timer = setInterval(() => {
      if (torrent.state === 'error') {
        clearInterval(timer);
        reject(torrent.error ?? new Error('the torrent stopped with an error'));
      }
    }, 200);
    timer.unref();
  });
}
