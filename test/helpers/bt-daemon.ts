// `bt daemon` for tests: run as a child process (as a user runs it, for the
// signal and restart tests) with a loopback-only .btrc, and the real
// transmission-remote against its RPC port.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExecutionContext } from 'ava';
import { hasCommand, type Requirement } from './interop.ts';
import { ManagedProcess } from './child-process.ts';

export const BT = new URL('../../bin/bt.js', import.meta.url).pathname;
export const TRANSMISSION_REMOTE_BIN = '/usr/bin/transmission-remote';
export const TRANSMISSION_REMOTE: Requirement = {
  name: 'transmission-cli',
  install: 'apt-get install -y transmission-cli',
  available: () => hasCommand(TRANSMISSION_REMOTE_BIN),
};

/** A .btrc for a loopback daemon: peers on 127.0.0.1 (any free port), no DHT or PEX, RPC on `rpcPort` with downloads confined to `root`. */
export async function writeDaemonConfig(dir: string, options: { readonly rpcPort: number; readonly root: string; readonly rpc?: object }): Promise<string> {
  const path = join(dir, '.btrc.json');
  const config = {
    listen: { ports: 0, tcp6: false, host4: '127.0.0.1' },
    downloadDir: options.root,
    plugins: [
      ['dht', false],
      ['pex', false],
      ['transmission-rpc', { port: options.rpcPort, downloadRoots: [options.root], ...options.rpc }],
    ],
  };
  await writeFile(path, JSON.stringify(config, null, 2));
  return path;
}

export interface DaemonProcess {
  readonly process: ManagedProcess;
  /** Its peer port. */
  readonly port: number;
}

/** Starts `bt daemon` and resolves once it says it runs (its torrents restored). Stopped at teardown. */
export async function startDaemonProcess(t: ExecutionContext, args: readonly string[], ms = 30_000): Promise<DaemonProcess> {
  const process = ManagedProcess.start(t, 'node', [BT, 'daemon', ...args], { name: 'bt daemon', graceMs: 15_000 });
  const m = await process.waitForOutput(/bt daemon: running with \d+ torrent\(s\), state in .*, peers on port (\d+)/, 'bt daemon to start', ms);
  return { process, port: Number(m[1]) };
}

/** Runs transmission-remote against 127.0.0.1:port; resolves with its stdout (rejects with its output when it fails). */
export function transmissionRemote(port: number, args: readonly string[], auth?: string): Promise<string> {
  const all = [`127.0.0.1:${port}`, ...(auth === undefined ? [] : ['--auth', auth]), ...args];
  return new Promise((resolve, reject) => {
    execFile(TRANSMISSION_REMOTE_BIN, all, { timeout: 20_000 }, (error, stdout, stderr) => {
      if (error !== null) reject(new Error(`transmission-remote ${all.join(' ')} failed: ${error.message}\n${stdout}\n${stderr}`));
      else resolve(`${stdout}${stderr}`);
    });
  });
}

/** One row of `transmission-remote -l`. */
export interface ListedTorrent {
  readonly id: number;
  readonly done: string;
  readonly status: string;
  readonly name: string;
}

/** The torrent rows of `-l` ("    ID   Done       Have  ETA           Up    Down  Ratio  Status       Name"). */
export function parseList(out: string): ListedTorrent[] {
  const lines = out.split('\n');
  const header = lines.find((l) => /^\s*ID\s+Done/.test(l));
  if (header === undefined) throw new Error(`not a transmission-remote -l listing:\n${out}`);
  const statusAt = header.indexOf('Status');
  const nameAt = header.indexOf('Name');
  return lines
    .filter((l) => /^\s*\d+\*?\s/.test(l))
    .map((l) => ({
      id: Number(/^\s*(\d+)/.exec(l)![1]),
      done: l.trim().split(/\s+/)[1]!,
      status: l.slice(statusAt, nameAt).trim(),
      name: l.slice(nameAt).trim(),
    }));
}
