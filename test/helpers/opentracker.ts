// Debian's opentracker on a free loopback port, for interop tests. Its build is
// whitelist-only and IPv4-only: every info hash to be announced must be in the
// whitelist file, which lives inside the directory it chroots into (-d) and
// must be readable by `nobody`. Each call starts a fresh process, because
// opentracker keeps the peers of earlier tests in its lists.
import { spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface Opentracker {
  /** TCP (HTTP) and UDP port, the same number. */
  readonly port: number;
  readonly httpUrl: string;
  readonly udpUrl: string;
  /** Adds info hashes to the whitelist and waits until opentracker has reloaded it. */
  allow(...infoHashes: (Buffer | string)[]): Promise<void>;
  /** Stops the process and removes its directory; safe to call twice. */
  stop(): Promise<void>;
}

const WHITELIST = 'whitelist.txt';
const hex = (h: Buffer | string): string => (typeof h === 'string' ? h.toLowerCase() : h.toString('hex'));

/** A port number free for both TCP and UDP on 127.0.0.1 right now. */
async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const server = net.createServer();
    const port = await new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
    });
    const udp = dgram.createSocket('udp4');
    const udpFree = await new Promise<boolean>((resolve) => {
      udp.once('error', () => resolve(false));
      udp.bind(port, '127.0.0.1', () => resolve(true));
    });
    await new Promise<void>((r) => server.close(() => r()));
    await new Promise<void>((r) => udp.close(() => r())).catch(() => undefined);
    if (udpFree) return port;
  }
  throw new Error('no port free for both TCP and UDP on 127.0.0.1');
}

function get(url: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, timeout: 1000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function launch(dir: string): Promise<{ child: ChildProcess; port: number }> {
  let lastOutput = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child = spawn('opentracker', ['-i', '127.0.0.1', '-p', String(port), '-P', String(port), '-d', dir, '-w', WHITELIST], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', (err) => (output += String(err)));
    // Ready when the HTTP side answers; it binds UDP before it serves anything.
    for (let i = 0; i < 50 && child.exitCode === null && child.signalCode === null; i++) {
      try {
        await get(`http://127.0.0.1:${port}/stats`);
        return { child, port };
      } catch {
        await sleep(100);
      }
    }
    child.kill('SIGKILL');
    await exited(child);
    lastOutput = output;
  }
  throw new Error(`opentracker did not start: ${lastOutput.trim() || 'no output'}`);
}

/** Starts opentracker with these info hashes whitelisted. */
export async function startOpentracker(options: { infoHashes?: readonly (Buffer | string)[] } = {}): Promise<Opentracker> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'swarmhook-opentracker-'));
  // opentracker chroots here and becomes nobody: the directory and the list must be readable by all.
  await chmod(dir, 0o755);
  const allowed = new Set((options.infoHashes ?? []).map(hex));
  const writeList = async (): Promise<void> => {
    const file = path.join(dir, WHITELIST);
    await writeFile(file, [...allowed].map((h) => `${h}\n`).join(''));
    await chmod(file, 0o644);
  };
  await writeList();
  let launched: { child: ChildProcess; port: number };
  try {
    launched = await launch(dir);
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  const { child, port } = launched;
  let stopped: Promise<void> | undefined;

  return {
    port,
    httpUrl: `http://127.0.0.1:${port}/announce`,
    udpUrl: `udp://127.0.0.1:${port}/announce`,
    async allow(...infoHashes) {
      for (const h of infoHashes) allowed.add(hex(h));
      await writeList();
      child.kill('SIGHUP');
      // The reload is asynchronous: probe with a "started" announce (a "stopped" one is
      // answered without a whitelist check), then withdraw the probe with "stopped".
      const probe = hex(infoHashes[infoHashes.length - 1] ?? '');
      if (probe === '') return;
      const infoHash = Buffer.from(probe, 'hex');
      const q = (event: string): string =>
        `info_hash=${[...infoHash].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')}&peer_id=-PROBE-0000000000000&port=1&uploaded=0&downloaded=0&left=0&compact=1&event=${event}`;
      for (let i = 0; i < 50; i++) {
        const { body } = await get(`http://127.0.0.1:${port}/announce?${q('started')}`);
        if (!body.includes('failure reason')) {
          await get(`http://127.0.0.1:${port}/announce?${q('stopped')}`);
          return;
        }
        await sleep(100);
      }
      throw new Error(`opentracker did not reload its whitelist to allow ${probe}`);
    },
    stop() {
      stopped ??= (async () => {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
        await exited(child);
        clearTimeout(timer);
        await rm(dir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}
