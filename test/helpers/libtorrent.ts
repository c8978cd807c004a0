// Drives test/helpers/libtorrent_session.py (a libtorrent 2.0 session with
// one torrent, loopback only) from a test: start it seeding or downloading,
// read its JSON lines, tell it to dial a peer, stop it at teardown. Also
// makes small test torrents with deterministic content.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ExecutionContext } from 'ava';
import { createTorrent } from '../../core/metainfo/index.ts';
import type { Metainfo } from '../../core/metainfo/index.ts';
import { PYTHON } from './interop.ts';

export const SESSION_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'libtorrent_session.py');

export interface LibtorrentOptions {
  /** The .torrent file; or `magnet`. */
  readonly torrentPath?: string;
  /** Add by magnet link instead of a .torrent: libtorrent fetches the metadata from its peers (ut_metadata). */
  readonly magnet?: string;
  /** Where the data is (seed) or goes (download). */
  readonly saveDir: string;
  readonly mode: 'seed' | 'download';
  readonly listen?: '127.0.0.1' | '::1';
  /** Peers libtorrent dials once its torrent is checked. */
  readonly peers?: readonly { readonly host: string; readonly port: number }[];
  /** Seed without hashing the data first (libtorrent's seed_mode). */
  readonly skipCheck?: boolean;
  /** lt.high_performance_seed() as the settings base. */
  readonly highPerformance?: boolean;
  readonly exitOnFinish?: boolean;
  /** Which alerts to print: peer (default) adds peer and connect alerts to errors and status. */
  readonly alerts?: 'all' | 'peer' | 'none';
  /** MSE/PE forced both ways, RC4 only (libtorrent refuses plaintext peers). */
  readonly forcedEncryption?: boolean;
  /** libtorrent's own encryption defaults (both ways pe_enabled: it dials MSE first) instead of plain BitTorrent out. */
  readonly defaultEncryption?: boolean;
  /** Upload bytes per second, loopback peers included (0 or absent: unlimited). */
  readonly uploadLimit?: number;
  /** Download rate cap in bytes per second, loopback peers included (libtorrent exempts them otherwise). */
  readonly downloadLimit?: number;
  /** The only transport, both ways (utp: TCP off, uTP on); default tcp. */
  readonly transport?: 'tcp' | 'utp';
  /** Wait for the "ready" line (checking done) before resolving. Default true. */
  readonly waitReady?: boolean;
}

/** One JSON line of the session script. */
export interface LibtorrentLine {
  readonly event: string;
  readonly [key: string]: unknown;
}

export class LibtorrentSession {
  readonly lines: LibtorrentLine[] = [];
  readonly #child: ChildProcessWithoutNullStreams;
  #stderr = '';
  #exited = false;
  #exitWaiters: (() => void)[] = [];
  #port = 0;

  private constructor(child: ChildProcessWithoutNullStreams) {
    this.#child = child;
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        this.lines.push(JSON.parse(line) as LibtorrentLine);
      } catch {
        this.lines.push({ event: 'unparsed', line });
      }
    });
    child.stderr.on('data', (d: Buffer) => {
      this.#stderr += d.toString();
    });
    child.on('exit', () => {
      this.#exited = true;
      for (const w of this.#exitWaiters) w();
    });
    // A test that ends early must not leave the process behind.
    child.stdin.on('error', () => {});
  }

  /** Starts a session; stopped at teardown when `t` is given. */
  static async start(t: ExecutionContext | undefined, options: LibtorrentOptions): Promise<LibtorrentSession> {
    if ((options.torrentPath === undefined) === (options.magnet === undefined)) throw new Error('give libtorrent either torrentPath or magnet');
    const source = options.magnet === undefined ? ['--torrent', options.torrentPath!] : ['--magnet', options.magnet];
    const args = [SESSION_SCRIPT, ...source, '--save', options.saveDir, '--mode', options.mode];
    args.push('--listen', options.listen ?? '127.0.0.1');
    for (const p of options.peers ?? []) args.push('--peer', p.host.includes(':') ? `[${p.host}]:${p.port}` : `${p.host}:${p.port}`);
    if (options.skipCheck) args.push('--skip-check');
    if (options.highPerformance) args.push('--high-performance');
    if (options.exitOnFinish) args.push('--exit-on-finish');
    if (options.alerts) args.push('--alerts', options.alerts);
    if (options.forcedEncryption) args.push('--forced-encryption');
    if (options.defaultEncryption) args.push('--default-encryption');
    if (options.uploadLimit !== undefined && options.uploadLimit > 0) args.push('--upload-limit', String(options.uploadLimit));
    if (options.downloadLimit !== undefined) args.push('--download-limit', String(options.downloadLimit));
    if (options.transport !== undefined) args.push('--transport', options.transport);
    const session = new LibtorrentSession(spawn(PYTHON, args, { stdio: ['pipe', 'pipe', 'pipe'] }));
    t?.teardown(() => session.stop());
    const listening = await session.waitFor((l) => l.event === 'listening', 'libtorrent to listen', 15000);
    session.#port = listening.port as number;
    if (options.waitReady !== false) await session.waitFor((l) => l.event === 'ready', 'libtorrent to check its torrent', 60000);
    return session;
  }

  /** libtorrent's real listen port. */
  get port(): number {
    return this.#port;
  }

  get stderr(): string {
    return this.#stderr;
  }

  get exited(): boolean {
    return this.#exited;
  }

  /** The first line (already received or to come) matching `match`. */
  async waitFor(match: (line: LibtorrentLine) => boolean, what: string, ms = 20000): Promise<LibtorrentLine> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.lines.find(match);
      if (found !== undefined) return found;
      if (this.#exited) throw new Error(`libtorrent exited before ${what}; stderr: ${this.#stderr.slice(-2000)}`);
      if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}; last lines: ${JSON.stringify(this.lines.slice(-8))}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  #command(cmd: Record<string, unknown>): void {
    if (!this.#exited) this.#child.stdin.write(JSON.stringify(cmd) + '\n');
  }

  /** Asks libtorrent to dial a peer. */
  connect(host: string, port: number): void {
    this.#command({ cmd: 'connect', host, port });
  }

  /** Asks for a progress line now. */
  requestStatus(): void {
    this.#command({ cmd: 'status' });
  }

  /** Ends the session: closes stdin, then SIGKILL if it has not exited within 5 s. */
  async stop(): Promise<void> {
    if (this.#exited) return;
    const exited = new Promise<void>((r) => this.#exitWaiters.push(r));
    this.#child.stdin.end();
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}

/** Deterministic pseudo-random bytes (SHA-1 in counter mode), so failures reproduce. */
export function testPayload(length: number, seed = 'swarmhook'): Buffer {
  const out = Buffer.allocUnsafe(length);
  for (let offset = 0, counter = 0; offset < length; counter++) {
    const block = createHash('sha1').update(`${seed}:${counter}`).digest();
    offset += block.copy(out, offset, 0, Math.min(block.length, length - offset));
  }
  return out;
}

export interface TestTorrent {
  /** Temporary folder holding the data file and the .torrent. */
  readonly dir: string;
  readonly dataPath: string;
  readonly torrentPath: string;
  readonly data: Buffer;
  readonly metainfo: Metainfo;
}

/**
 * A single-file torrent of `length` deterministic bytes in a fresh temp dir
 * (removed at teardown when `t` is given). The data sits in `dir`, so `dir`
 * is the save path for seeding.
 */
export async function makeTestTorrent(
  t: ExecutionContext | undefined,
  options: { readonly length: number; readonly pieceLength: number; readonly name?: string; readonly seed?: string },
): Promise<TestTorrent> {
  const dir = await mkdtemp(join(tmpdir(), 'swarmhook-lt-'));
  t?.teardown(() => rm(dir, { recursive: true, force: true }));
  const name = options.name ?? 'payload.bin';
  const data = testPayload(options.length, options.seed);
  const dataPath = join(dir, name);
  await writeFile(dataPath, data);
  const { torrent, metainfo } = await createTorrent(dataPath, { pieceLength: options.pieceLength, creationDate: null });
  const torrentPath = join(dir, `${name}.torrent`);
  await writeFile(torrentPath, torrent);
  return { dir, dataPath, torrentPath, data, metainfo };
}
