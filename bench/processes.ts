// Child processes for the benchmarks that run whole clients side by side
// (swarm.ts, upload.ts, scale.ts, recheck.ts): start one, read its JSON lines, wait for
// one, read its CPU time and memory from /proc, stop it; plus free loopback
// ports and random payload files.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { open } from 'node:fs/promises';
import net from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createInterface } from 'node:readline';

/** Debian's python with the libtorrent module (apt-get install -y python3-libtorrent). */
export const PYTHON = '/usr/bin/python3';
/** The tests' libtorrent session script: one torrent, JSON lines out, commands in. */
export const SESSION_SCRIPT = fileURLToPath(new URL('../test/helpers/libtorrent_session.py', import.meta.url));
export const BT = fileURLToPath(new URL('../bin/bt.js', import.meta.url));
const BUILT_MAIN = new URL('../dist/core/cli/main.js', import.meta.url);

/**
 * The command line of `bt ARGS`: bin/bt.js (the sources through tsx, as in a
 * clone), or with `dist` the compiled JavaScript (`npm run build` first), as
 * the installed package runs: tsx's load and transpile cost is gone.
 */
export function btCommand(dist: boolean, args: readonly string[]): [string, string[]] {
  if (!dist) return [process.execPath, [BT, ...args]];
  if (!existsSync(BUILT_MAIN)) throw new Error('no dist/ build: run `npm run build` first');
  const runner = `const { main } = await import(${JSON.stringify(BUILT_MAIN.href)}); process.exitCode = await main(process.argv.slice(1));`;
  return [process.execPath, ['--input-type=module', '-e', runner, '--', ...args]];
}

/** A swarmhook checkout whose client a bench runs in a child: this one, or another (--compare DIR). */
export interface SwarmhookCheckout {
  readonly name: string;
  /** The module the child imports the client from: the build (dist), else the sources. */
  readonly clientModule: string;
  /** node's arguments before the child's script: tsx for the sources. */
  readonly nodeArgs: readonly string[];
}

/**
 * This checkout, then each of `compare` (checkouts of other commits, e.g. a
 * `git archive` with node_modules linked; built there too with `dist`), so
 * that before and after are measured in one run, interleaved.
 */
export function swarmhookCheckouts(dist: boolean, compare: readonly string[] = []): SwarmhookCheckout[] {
  const of = (name: string, checkout: URL): SwarmhookCheckout => {
    const clientModule = new URL(dist ? 'dist/core/index.js' : 'core/index.ts', checkout);
    if (dist && !existsSync(clientModule)) throw new Error(`no dist/ build in ${checkout.pathname}: run \`npm run build\` there first`);
    return { name, clientModule: clientModule.href, nodeArgs: dist ? [] : ['--import=tsx'] };
  };
  return [of(dist ? 'swarmhook (dist)' : 'swarmhook (tsx)', new URL('../', import.meta.url)), ...compare.map((dir) => of(dir, pathToFileURL(`${resolve(dir)}/`)))];
}

export const MIB = 1024 * 1024;
/** Clock ticks per second of /proc's CPU times (getconf CLK_TCK; 100 on Linux). */
const CLK_TCK = 100;
const PAGE = 4096;

export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/**
 * Python lines that open the libtorrent session `ses` the benchmarks compare
 * with (after `import libtorrent as lt`): loopback, no DHT, LSD, UPnP or
 * NAT-PMP, no alerts; `extra` adds settings (", \"key\": value" entries).
 */
export function libtorrentSessionPython(extra = ''): string {
  return `s = lt.default_settings()
s.update({"listen_interfaces": "127.0.0.1:0", "enable_dht": False, "enable_lsd": False, "enable_upnp": False,
          "enable_natpmp": False, "alert_mask": 0${extra}})
ses = lt.session(s)`;
}

/** A running child: its output lines as parsed JSON (others as text), waits on them, /proc figures. */
export class Child {
  readonly process: ChildProcessWithoutNullStreams;
  readonly lines: unknown[] = [];
  #stderr = '';
  #waiters: (() => void)[] = [];
  #exited: Promise<number | null>;
  readonly name: string;

  constructor(name: string, command: string, args: readonly string[], cwd?: string) {
    this.name = name;
    // stdin stays open: the libtorrent session script quits when it closes.
    this.process = spawn(command, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr.on('data', (d: Buffer) => (this.#stderr = (this.#stderr + d.toString()).slice(-4000)));
    createInterface({ input: this.process.stdout }).on('line', (line) => {
      let value: unknown = line;
      try {
        value = JSON.parse(line);
      } catch {
        // A line that is not JSON is kept as text.
      }
      this.lines.push(value);
      for (const w of this.#waiters.splice(0)) w();
    });
    this.#exited = new Promise((resolve) => this.process.on('exit', (code) => {
      for (const w of this.#waiters.splice(0)) w();
      resolve(code);
    }));
  }

  get exited(): boolean {
    return this.process.exitCode !== null || this.process.signalCode !== null;
  }

  /** The first line (from `from` on) that `match` accepts; rejects when the child exits first or after ms. */
  async waitFor<T>(match: (line: unknown) => T | undefined, what: string, ms = 120_000, from = 0): Promise<T> {
    const deadline = Date.now() + ms;
    for (let seen = from; ; ) {
      for (; seen < this.lines.length; seen++) {
        const hit = match(this.lines[seen]);
        if (hit !== undefined) return hit;
      }
      if (this.exited) throw new Error(`${this.name} exited (${this.process.exitCode ?? this.process.signalCode}) before ${what}:\n${this.#stderr}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${this.name}: timed out after ${ms} ms waiting for ${what}:\n${this.#stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 1000));
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** User + system CPU time of the process and all its threads so far (ms). */
  cpuMs(): number {
    const fields = readFileSync(`/proc/${this.process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // Fields 14 and 15 of stat (utime, stime), counted from the state field (3).
    return ((Number(fields[11]) + Number(fields[12])) / CLK_TCK) * 1000;
  }

  /** Resident memory now (bytes). */
  rss(): number {
    const fields = readFileSync(`/proc/${this.process.pid}/statm`, 'utf8').split(' ');
    return Number(fields[1]) * PAGE;
  }

  /** Peak resident memory (bytes). */
  peakRss(): number {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.process.pid}/status`, 'utf8'));
    return Number(match?.[1] ?? NaN) * 1024;
  }

  /** Open file descriptors now (sockets, files, pipes, epoll...). */
  fds(): number {
    return readdirSync(`/proc/${this.process.pid}/fd`).length;
  }

  send(command: object): void {
    this.process.stdin.write(`${JSON.stringify(command)}\n`);
  }

  /** Ends it: stdin closed and SIGTERM, SIGKILL after graceMs. Resolves with the exit code. */
  async stop(graceMs = 10_000): Promise<number | null> {
    if (!this.exited) {
      this.process.stdin.end();
      this.process.kill('SIGTERM');
      const kill = setTimeout(() => this.process.kill('SIGKILL'), graceMs);
      await this.#exited;
      clearTimeout(kill);
    }
    return this.#exited;
  }
}

/** A port free on 127.0.0.1 now (the OS picks it; it is closed again for the child to bind). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Writes `length` random bytes to `path`, 64 MiB at a time. */
export async function writeRandomFile(path: string, length: number): Promise<void> {
  const file = await open(path, 'w');
  const chunk = Buffer.allocUnsafe(Math.min(64 * MIB, Math.max(1, length)));
  try {
    for (let off = 0; off < length; off += chunk.length) {
      randomFillSync(chunk);
      await file.write(chunk, 0, Math.min(chunk.length, length - off), off);
    }
  } finally {
    await file.close();
  }
}

/** A line of the libtorrent session script. */
export interface SessionLine {
  readonly event: string;
  readonly port?: number;
  readonly total_upload?: number;
  readonly total_done?: number;
  readonly message?: string;
}

export const isEvent = (event: string) => (line: unknown): SessionLine | undefined =>
  typeof line === 'object' && line !== null && (line as SessionLine).event === event ? (line as SessionLine) : undefined;

/** A JSON line of `bt ... --json`. */
export interface BtLine {
  readonly type: string;
  readonly text?: string;
  readonly uploaded?: number;
  readonly downloaded?: number;
}

export const btLine = (type: string, text?: RegExp) => (line: unknown): BtLine | undefined => {
  if (typeof line !== 'object' || line === null || (line as BtLine).type !== type) return undefined;
  const l = line as BtLine;
  return text === undefined || text.test(l.text ?? '') ? l : undefined;
};
