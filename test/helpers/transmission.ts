// transmission-cli (3.00) as a seeder for the interop tests, loopback only.
// Transmission never dials loopback peers (127/8 is "martian" to it) but
// accepts incoming connections, so swarmhook dials it. Its choker runs every
// 10 s: about that much passes between connecting and the first byte.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExecutionContext } from 'ava';
import { ManagedProcess } from './child-process.ts';
import { freePort } from './interop-swarm.ts';
import { tempDir } from './payload.ts';

/**
 * settings.json for a loopback-only session: no DHT, LPD, PEX, uTP or port
 * forwarding, no RPC server, no limits. encryption 0 is TR_CLEAR_PREFERRED
 * ("allow encryption"): plain BitTorrent handshakes are accepted.
 */
export function transmissionSettings(port: number, dir: string): Record<string, unknown> {
  return {
    'dht-enabled': false,
    'lpd-enabled': false,
    'pex-enabled': false,
    'utp-enabled': false,
    'port-forwarding-enabled': false,
    encryption: 0,
    'rpc-enabled': false,
    'bind-address-ipv4': '127.0.0.1',
    'bind-address-ipv6': '::1',
    'peer-port': port,
    'peer-port-random-on-start': false,
    'blocklist-enabled': false,
    'ratio-limit-enabled': false,
    'idle-seeding-limit-enabled': false,
    'speed-limit-up-enabled': false,
    'speed-limit-down-enabled': false,
    'alt-speed-enabled': false,
    'download-dir': dir,
    'incomplete-dir-enabled': false,
    'watch-dir-enabled': false,
    'start-added-torrents': true,
    // 3 (debug) logs where it bound its port.
    'message-level': 3,
  };
}

export class TransmissionSeeder {
  readonly process: ManagedProcess;
  readonly port: number;

  private constructor(process: ManagedProcess, port: number) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts transmission-cli on the data in `dir` with a fresh config folder,
   * and resolves once it bound its port on 127.0.0.1, verified the data and
   * says it is seeding. Stopped at teardown.
   */
  static async start(t: ExecutionContext, options: { readonly torrentPath: string; readonly dir: string }): Promise<TransmissionSeeder> {
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const config = await tempDir(t, 'swarmhook-transmission-');
      await writeFile(join(config, 'settings.json'), JSON.stringify(transmissionSettings(port, options.dir), null, 2));
      // stdbuf: the status line ("Seeding, uploading to ...") ends in \r, not \n, and would sit in stdio's buffer.
      const child = ManagedProcess.start(
        t,
        'stdbuf',
        ['-o0', 'transmission-cli', '-w', options.dir, '-g', config, '-p', String(port), options.torrentPath],
        { name: 'transmission-cli', graceMs: 2000 },
      );
      // Not a test connection to see that it listens: while one incoming
      // handshake from an address is pending, Transmission drops any other
      // from that address. Its log says where it bound (message-level 3).
      const bound = await child.waitForOutput(
        new RegExp(`Bound socket \\d+ to port ${port} on 127\\.0\\.0\\.1|Couldn't bind port`),
        'transmission to bind its port',
        10_000,
      );
      if (!bound[0].startsWith('Bound')) {
        await child.stop();
        if (attempt < 3) continue;
        throw new Error(`transmission could not bind a port in ${attempt} attempts\n${child.tail()}`);
      }
      await child.waitForOutput(/Seeding, uploading to/, 'transmission to verify its data and seed', 30_000);
      return new TransmissionSeeder(child, port);
    }
  }
}
