// aria2c (1.36) as a seeder or a downloader for the interop tests, loopback
// only. aria2 cannot be handed a peer: it finds peers through trackers alone,
// and as a seeder it waits for others to dial its --listen-port.
import type { ExecutionContext } from 'ava';
import { ManagedProcess } from './child-process.ts';
import { freePort, waitForListening } from './interop-swarm.ts';

export interface Aria2Options {
  readonly torrentPath: string;
  /** Where the data is (seed) or goes (download). */
  readonly dir: string;
  /** seed: check the data (-V), then seed until stopped. download: exit once complete (--seed-time=0). */
  readonly mode: 'seed' | 'download';
  /** Announce URL used instead of the torrent's own trackers. */
  readonly tracker?: string;
}

export class Aria2 {
  readonly process: ManagedProcess;
  readonly port: number;

  private constructor(process: ManagedProcess, port: number) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts aria2 on a free loopback port (another on a bind race) and waits
   * until it listens; a seeder has checked its data by then. Stopped at teardown.
   */
  static async start(t: ExecutionContext, options: Aria2Options): Promise<Aria2> {
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const child = ManagedProcess.start(t, 'aria2c', aria2Args(options, port), { name: 'aria2c', graceMs: 2000 });
      const outcome = await child.waitForOutput(
        /listening on TCP port (\d+)|failed to bind TCP port/,
        `aria2 to ${options.mode === 'seed' ? 'check its data and ' : ''}listen`,
        30_000,
      );
      if (outcome[1] === undefined) {
        await child.stop();
        if (attempt < 3) continue;
        throw new Error(`aria2 could not bind a port in ${attempt} attempts\n${child.tail()}`);
      }
      if (options.mode === 'seed') await waitForListening('127.0.0.1', port, 5000, 'aria2', () => child.tail());
      return new Aria2(child, port);
    }
  }
}

function aria2Args(options: Aria2Options, port: number): string[] {
  const args = [
    '--no-conf=true',
    '--enable-color=false',
    '--console-log-level=notice',
    '--summary-interval=1',
    `--dir=${options.dir}`,
    `--listen-port=${port}`,
    // Loopback only: bind to 127.0.0.1, no IPv6, no DHT / LPD / PEX.
    '--interface=127.0.0.1',
    '--disable-ipv6=true',
    '--bt-external-ip=127.0.0.1',
    '--enable-dht=false',
    '--enable-dht6=false',
    '--bt-enable-lpd=false',
    '--enable-peer-exchange=false',
    '--file-allocation=none',
    // Dies with the test worker, whatever happens to it.
    `--stop-with-process=${process.pid}`,
  ];
  if (options.tracker !== undefined) args.push('--bt-exclude-tracker=*', `--bt-tracker=${options.tracker}`);
  if (options.mode === 'seed') args.push('--check-integrity=true', '--seed-ratio=0.0');
  else args.push('--seed-time=0');
  args.push(options.torrentPath);
  return args;
}
